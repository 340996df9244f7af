package io.messengerkit.config;

import io.messengerkit.MessengerException;

/**
 * A setting is missing or malformed. The message names the setting (for environment configuration,
 * the variable) and never echoes a secret value.
 */
public class ConfigurationException extends MessengerException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure described by {@code message}.
     *
     * @param message what went wrong, free of secrets
     */
    public ConfigurationException(String message) {
        super(message);
    }

    /**
     * A failure described by {@code message}, caused by {@code cause}.
     *
     * @param message what went wrong, free of secrets
     * @param cause the underlying failure
     */
    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
