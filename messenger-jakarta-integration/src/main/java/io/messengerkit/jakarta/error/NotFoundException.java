package io.messengerkit.jakarta.error;

/** The account, page or record an operation needs does not exist (for this chatbot). */
public final class NotFoundException extends BackendException {
    private static final long serialVersionUID = 1L;

    /**
     * Something is missing.
     *
     * @param message what was not found
     */
    public NotFoundException(String message) {
        super(message);
    }
}
