package io.messengerkit.token;

import io.messengerkit.MessengerException;

/**
 * Sealing or opening a token failed, or key material could not be loaded: wrong or missing
 * keyset, altered ciphertext, a ciphertext that belongs to another row, an invalid Fernet token.
 * Messages name the token key and key ids, never key material or token values.
 */
public class TokenVaultException extends MessengerException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure described by {@code message}.
     *
     * @param message what went wrong, free of secrets
     */
    public TokenVaultException(String message) {
        super(message);
    }

    /**
     * A failure described by {@code message}, caused by {@code cause}.
     *
     * @param message what went wrong, free of secrets
     * @param cause the underlying failure
     */
    public TokenVaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
