package io.messengerkit.jakarta.error;

/** The caller brought no credentials, or credentials nobody knows. */
public final class NotAuthenticatedException extends BackendException {
    private static final long serialVersionUID = 1L;

    /** The caller is not authenticated. */
    public NotAuthenticatedException() {
        super("Send a valid API key as 'Authorization: Bearer <key>' or authenticate with the server.");
    }
}
