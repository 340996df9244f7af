package io.messengerkit.token;

import io.messengerkit.MessengerException;

/** A {@link TokenStore} could not do its job (database unreachable, constraint violated...). */
public class TokenStoreException extends MessengerException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure described by {@code message}.
     *
     * @param message what went wrong, free of secrets
     */
    public TokenStoreException(String message) {
        super(message);
    }

    /**
     * A failure described by {@code message}, caused by {@code cause}.
     *
     * @param message what went wrong, free of secrets
     * @param cause the underlying failure
     */
    public TokenStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
