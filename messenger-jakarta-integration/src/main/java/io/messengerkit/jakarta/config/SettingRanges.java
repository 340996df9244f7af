package io.messengerkit.jakarta.config;

import java.time.Duration;

/**
 * The ranges a setting must lie in, so a value that cannot work (a lease of 0, a body limit of two
 * gigabytes, a negative interval) stops the application at start, naming the variable, instead of
 * failing later in a way nobody connects to the configuration.
 */
final class SettingRanges {
    /** The smallest body limit: below it not even a small management request fits. */
    static final int MIN_BYTES = 1024;
    /** Largest webhook limit: the SDK parser's own default body limit (room for 1,000 updates). */
    static final int MAX_WEBHOOK_BYTES = 8 * 1024 * 1024;
    /**
     * Largest limit of the other endpoints. Their own bodies are a few fields each, but the limit also
     * guards the host application's resources in the same JAX-RS application, which may take more.
     */
    static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;

    private SettingRanges() {
    }

    static void bytes(String name, int value, int max) {
        if (value < MIN_BYTES || value > max) {
            throw new ConfigurationProblem(name, "must be between " + MIN_BYTES + " and " + max + " bytes");
        }
    }

    static void notNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new ConfigurationProblem(name, "must be a duration of 0 or more");
        }
    }

    static void between(String name, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new ConfigurationProblem(name, "must be between " + min + " and " + max);
        }
    }
}
