package io.messengerkit.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads an application's own settings (a page token, a port) from environment variables with the
 * errors {@link MessengerConfig#fromEnvironment()} gives for the SDK's: a missing or malformed value
 * fails with a {@link ConfigurationException} that names the variable and says what a valid value looks
 * like, and never repeats the value, which may be a secret.
 *
 * <pre>{@code
 * EnvironmentVariables env = EnvironmentVariables.system();
 * AccessToken pageToken = AccessToken.of(env.require("PAGE_ACCESS_TOKEN", "the page's access token"));
 * int port = env.port("PORT", 8080);
 * }</pre>
 *
 * Blank values count as absent; values are stripped of surrounding whitespace.
 */
public final class EnvironmentVariables {
    private final Map<String, String> values;

    private EnvironmentVariables(Map<String, String> values) {
        this.values = values;
    }

    /** {@return the process environment ({@link System#getenv()})} */
    public static EnvironmentVariables system() {
        return new EnvironmentVariables(System.getenv());
    }

    /**
     * {@return variables from a map (tests, or settings read elsewhere)}
     *
     * @param values the variables by name
     */
    public static EnvironmentVariables of(Map<String, String> values) {
        return new EnvironmentVariables(Map.copyOf(Objects.requireNonNull(values, "values")));
    }

    /**
     * {@return a variable's value, stripped, or empty when it is unset or blank}
     *
     * @param name the variable
     */
    public Optional<String> get(String name) {
        Objects.requireNonNull(name, "name");
        return Optional.ofNullable(values.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /**
     * A variable that must be set.
     *
     * @param name the variable, such as {@code PAGE_ACCESS_TOKEN}
     * @param expected what a valid value is, for the error message, such as "the page's access token from
     *     the App Dashboard"
     * @return the value, stripped
     * @throws ConfigurationException naming the variable and what it should hold, when it is unset or blank
     */
    public String require(String name, String expected) {
        Objects.requireNonNull(expected, "expected");
        return get(name).orElseThrow(() -> new ConfigurationException(name + " is not set: set it to " + expected));
    }

    /**
     * A TCP port to listen on.
     *
     * @param name the variable, such as {@code PORT}
     * @param defaultPort the port when the variable is unset
     * @return the port, 0 to 65535 (0 lets the system pick a free one)
     * @throws ConfigurationException naming the variable when the value is not a port number
     */
    public int port(String name, int defaultPort) {
        Optional<String> value = get(name);
        if (value.isEmpty()) {
            return defaultPort;
        }
        int port;
        try {
            port = Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new ConfigurationException(name + " must be a port number from 0 to 65535, such as 8080"
                    + " (0 picks a free port)");
        }
        return port;
    }

    @Override
    public String toString() {
        return "EnvironmentVariables[" + values.size() + " variables, values not shown]";
    }
}
