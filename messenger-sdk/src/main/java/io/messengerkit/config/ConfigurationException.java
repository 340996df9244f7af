package io.messengerkit.config;

import io.messengerkit.MessengerException;

/**
 * A setting is missing or malformed. The message names the setting (for environment configuration,
 * the variable) and never echoes a secret value.
 */
public class ConfigurationException extends MessengerException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
