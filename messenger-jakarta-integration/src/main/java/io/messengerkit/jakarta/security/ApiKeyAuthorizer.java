package io.messengerkit.jakarta.security;

import io.messengerkit.jakarta.config.ConfigurationProblem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bearer API keys, each allowed to act on the chatbots it was configured for: the standalone
 * way to secure the management API. Only SHA-256 digests of the keys are held in memory.
 *
 * <p>Configuration text ({@code MESSENGER_API_KEYS}): entries separated by commas or new lines,
 * each {@code <chatbot-id>=<key>}; {@code *} as chatbot id makes an operator key for every
 * chatbot; a key may be given as {@code sha256:<hex digest>} so the plain key never sits in the
 * configuration. A key listed for several chatbots may act on all of them.
 *
 * <pre>{@code
 * ApiKeyAuthorizer keys = ApiKeyAuthorizer.parse("shop-bot=3f9c...e1, support-bot=sha256:7a1d...");
 * }</pre>
 */
public final class ApiKeyAuthorizer implements ChatbotAuthorizer {
    private static final String BEARER = "bearer ";
    private static final int MIN_KEY_LENGTH = 16;

    private final Map<String, Caller> callersByDigest;

    private ApiKeyAuthorizer(Map<String, Caller> callersByDigest) {
        this.callersByDigest = Map.copyOf(callersByDigest);
    }

    /**
     * Parses {@code MESSENGER_API_KEYS} text (see the class comment); blank text gives no keys.
     *
     * @param text the {@code MESSENGER_API_KEYS} value, or null
     * @return the authorizer
     */
    public static ApiKeyAuthorizer parse(String text) {
        Builder builder = builder();
        if (text != null) {
            for (String entry : text.split("[,\\n]")) {
                String e = entry.strip();
                if (e.isEmpty()) {
                    continue;
                }
                int eq = e.indexOf('=');
                if (eq <= 0 || eq == e.length() - 1) {
                    throw new ConfigurationProblem("MESSENGER_API_KEYS",
                            "each entry must be <chatbot-id>=<key>; entry " + (builder.count + 1) + " is not");
                }
                String chatbot = e.substring(0, eq).strip();
                String key = e.substring(eq + 1).strip();
                if (key.regionMatches(true, 0, "sha256:", 0, 7)) {
                    builder.digest(chatbot, key.substring(7));
                } else {
                    builder.key(chatbot, key);
                }
            }
        }
        return builder.build();
    }

    /**
     * Starts an authorizer with keys given one by one.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return true if no key is configured} */
    public boolean isEmpty() {
        return callersByDigest.isEmpty();
    }

    @Override
    public Optional<Caller> authenticate(SecurityContext security, HttpHeaders headers) {
        String header = headers == null ? null : headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String presented = header.substring(BEARER.length()).strip();
        return Optional.ofNullable(callersByDigest.get(digest(presented)));
    }

    static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKeyAuthorizer[" + callersByDigest.size() + " keys]";
    }

    /** Collects keys; see {@link ApiKeyAuthorizer}. */
    public static final class Builder {
        private final Map<String, Set<String>> chatbotsByDigest = new HashMap<>();
        private int count;

        private Builder() {
        }

        /**
         * Allows {@code key} to act on {@code chatbotId} ({@code *}: every chatbot).
         *
         * @param chatbotId the chatbot (tenant) id
         * @param key the key, at least 16 characters
         * @return this builder
         */
        public Builder key(String chatbotId, String key) {
            if (key == null || key.strip().length() < MIN_KEY_LENGTH) {
                throw new ConfigurationProblem("MESSENGER_API_KEYS",
                        "API keys must be at least " + MIN_KEY_LENGTH + " characters (key for chatbot '" + chatbotId + "')");
            }
            return digest(chatbotId, ApiKeyAuthorizer.digest(key.strip()));
        }

        /**
         * Allows the key whose SHA-256 hex digest is {@code sha256Hex} to act on {@code chatbotId}.
         *
         * @param chatbotId the chatbot (tenant) id
         * @param sha256Hex the lower-case hex SHA-256 of the key
         * @return this builder
         */
        public Builder digest(String chatbotId, String sha256Hex) {
            String hex = sha256Hex.strip().toLowerCase(Locale.ROOT);
            if (!hex.matches("[0-9a-f]{64}")) {
                throw new ConfigurationProblem("MESSENGER_API_KEYS",
                        "sha256: digests are 64 hex digits (key for chatbot '" + chatbotId + "')");
            }
            chatbotsByDigest.computeIfAbsent(hex, h -> new HashSet<>()).add(chatbotId.strip());
            count++;
            return this;
        }

        /**
         * Builds the authorizer.
         *
         * @return the authorizer
         */
        public ApiKeyAuthorizer build() {
            Map<String, Caller> callers = new HashMap<>();
            chatbotsByDigest.forEach((digest, chatbots) -> {
                String label = "api-key:" + digest.substring(0, 8);
                callers.put(digest, chatbots.contains("*") ? Caller.operator(label) : Caller.of(label, chatbots));
            });
            return new ApiKeyAuthorizer(callers);
        }
    }
}
