package io.messengerkit.jakarta.error;

/** The operation conflicts with the current state, such as a page already linked to another chatbot. */
public final class ConflictException extends BackendException {
    private static final long serialVersionUID = 1L;

    /**
     * A conflicting state.
     *
     * @param message what conflicts, and how to resolve it
     */
    public ConflictException(String message) {
        super(message);
    }
}
