package io.messengerkit.testkit.emulator;

/** Carries a {@link EmulatedGraphError} from a rule check up to the HTTP layer. */
final class GraphErrorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient EmulatedGraphError error;

    GraphErrorException(EmulatedGraphError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    EmulatedGraphError error() {
        return error;
    }
}
