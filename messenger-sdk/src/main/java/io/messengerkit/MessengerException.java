package io.messengerkit;

/**
 * Root of every exception this SDK throws on purpose.
 *
 * <p>Subclasses name the failure class (configuration, Graph API error, webhook rejection,
 * token vault failure...). Messages never contain access tokens, app secrets or key material:
 * anything that could carry one is passed through {@link Redactor}
 * before it reaches a message.
 */
public class MessengerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure described by {@code message}.
     *
     * @param message what went wrong, free of secrets
     */
    public MessengerException(String message) {
        super(message);
    }

    /**
     * A failure described by {@code message}, caused by {@code cause}.
     *
     * @param message what went wrong, free of secrets
     * @param cause the underlying failure
     */
    public MessengerException(String message, Throwable cause) {
        super(message, cause);
    }
}
