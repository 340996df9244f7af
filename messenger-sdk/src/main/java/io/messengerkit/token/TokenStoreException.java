package io.messengerkit.token;

import io.messengerkit.MessengerException;

/** A {@link TokenStore} could not do its job (database unreachable, constraint violated...). */
public class TokenStoreException extends MessengerException {
    private static final long serialVersionUID = 1L;

    public TokenStoreException(String message) {
        super(message);
    }

    public TokenStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
