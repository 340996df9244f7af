package io.messengerkit.testkit.emulator;

/** Carries a {@link GraphError} from a rule check up to the HTTP layer. */
final class GraphErrorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient GraphError error;

    GraphErrorException(GraphError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    GraphError error() {
        return error;
    }
}
