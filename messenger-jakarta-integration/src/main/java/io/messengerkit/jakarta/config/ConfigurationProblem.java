package io.messengerkit.jakarta.config;

import io.messengerkit.MessengerException;

/**
 * A setting of this module is missing or malformed. The message names the setting and never
 * repeats a secret value.
 */
public final class ConfigurationProblem extends MessengerException {
    private static final long serialVersionUID = 1L;

    /** The setting that is wrong. */
    private final String setting;

    /**
     * A wrong setting.
     *
     * @param setting the setting that is wrong
     * @param message what is wrong with it, without its value
     */
    public ConfigurationProblem(String setting, String message) {
        super(setting + ": " + message);
        this.setting = setting;
    }

    /** {@return the environment variable or configuration key at fault} */
    public String setting() {
        return setting;
    }
}
