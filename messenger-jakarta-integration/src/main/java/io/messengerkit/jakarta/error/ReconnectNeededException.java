package io.messengerkit.jakarta.error;

/**
 * The stored Facebook login of a chatbot no longer works (expired, revoked, or rejected by Meta):
 * the user must link the account again. The account is marked "reconnect needed" before this is thrown.
 */
public final class ReconnectNeededException extends BackendException {
    private static final long serialVersionUID = 1L;

    /**
     * The login must be renewed.
     *
     * @param message what stopped working
     */
    public ReconnectNeededException(String message) {
        super(message);
    }
}
