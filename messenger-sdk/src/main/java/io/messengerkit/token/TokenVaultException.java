package io.messengerkit.token;

import io.messengerkit.MessengerException;

/**
 * Sealing or opening a token failed, or key material could not be loaded: wrong or missing
 * keyset, altered ciphertext, a ciphertext that belongs to another row, an invalid Fernet token.
 * Messages name the token key and key ids, never key material or token values.
 */
public class TokenVaultException extends MessengerException {
    private static final long serialVersionUID = 1L;

    public TokenVaultException(String message) {
        super(message);
    }

    public TokenVaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
