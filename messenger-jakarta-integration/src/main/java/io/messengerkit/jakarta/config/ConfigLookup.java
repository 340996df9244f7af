package io.messengerkit.jakarta.config;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where settings come from: MicroProfile Config when the server has it (looked up reflectively,
 * so this module does not depend on it), otherwise the process environment. MicroProfile
 * Config itself also reads environment variables and system properties, so the same names work
 * everywhere.
 */
public final class ConfigLookup {
    private final Function<String, Optional<String>> source;

    private ConfigLookup(Function<String, Optional<String>> source) {
        this.source = source;
    }

    /**
     * MicroProfile Config if present on the class path, else environment variables.
     *
     * @return the lookup
     */
    public static ConfigLookup detect() {
        Function<String, Optional<String>> mp = microProfileConfig();
        if (mp != null) {
            return new ConfigLookup(name -> mp.apply(name).or(() -> env(name)));
        }
        return new ConfigLookup(ConfigLookup::env);
    }

    /**
     * Settings from a fixed map (tests, or a host that reads its own configuration).
     *
     * @param values the settings by name
     * @return the lookup
     */
    public static ConfigLookup of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new ConfigLookup(name -> Optional.ofNullable(copy.get(name)).filter(v -> !v.isBlank()));
    }

    /**
     * {@return the value of a setting, if set and not blank}
     *
     * @param name the setting, e.g. {@code MESSENGER_API_KEYS}
     */
    public Optional<String> get(String name) {
        Objects.requireNonNull(name, "name");
        return source.apply(name).map(String::strip).filter(v -> !v.isEmpty());
    }

    /**
     * {@return the named settings that are set, as a map (for APIs that read a map, like the SDK's)}
     *
     * @param names the settings to read
     */
    public Map<String, String> snapshot(Iterable<String> names) {
        Map<String, String> values = new HashMap<>();
        for (String name : names) {
            get(name).ifPresent(v -> values.put(name, v));
        }
        return values;
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name));
    }

    private static Function<String, Optional<String>> microProfileConfig() {
        try {
            Class<?> provider = Class.forName("org.eclipse.microprofile.config.ConfigProvider", false,
                    Thread.currentThread().getContextClassLoader());
            Object config = provider.getMethod("getConfig").invoke(null);
            Method optional = config.getClass().getMethod("getOptionalValue", String.class, Class.class);
            optional.setAccessible(true);
            return name -> {
                try {
                    @SuppressWarnings("unchecked")
                    Optional<String> value = (Optional<String>) optional.invoke(config, name, String.class);
                    return value;
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return Optional.empty();
                }
            };
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
