package io.messengerkit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.testing.RecordingLoggerFinder;
import io.messengerkit.testing.TestSecrets;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessengerConfigTest {

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("MESSENGER_APP_ID", TestSecrets.APP_ID);
        env.put("MESSENGER_APP_SECRET", TestSecrets.APP_SECRET_VALUE);
        return env;
    }

    private static Clock at(String day) {
        return Clock.fixed(Instant.parse(day + "T12:00:00Z"), ZoneOffset.UTC);
    }

    @Test
    void readsSeedVariablesWithDefaults() {
        MessengerConfig config = MessengerConfig.fromEnvironment(env());
        assertEquals(TestSecrets.APP_ID, config.appId());
        assertEquals(TestSecrets.APP_SECRET, config.appSecret());
        assertEquals("v26.0", config.apiVersion().name());
        assertEquals(URI.create("https://graph.facebook.com"), config.baseUrl());
        assertEquals(300, config.sendsPerSecond());
        assertEquals(10, config.mediaSendsPerSecond());
        assertTrue(config.verifyToken().isEmpty());
    }

    @Test
    void readsOptionalVariables() {
        Map<String, String> env = env();
        env.put("MESSENGER_API_VERSION", "v25.0");
        env.put("MESSENGER_GRAPH_BASE_URL", "http://127.0.0.1:8089/");
        env.put("MESSENGER_VERIFY_TOKEN", TestSecrets.VERIFY_TOKEN_VALUE);
        env.put("MESSENGER_HTTP_REQUEST_TIMEOUT_MS", "1500");
        env.put("MESSENGER_RETRY_MAX_ATTEMPTS", "2");
        env.put("MESSENGER_TOKEN_KEYSET_FILE", "/etc/messenger/keyset.json");
        MessengerConfig config = MessengerConfig.fromEnvironment(env);
        assertEquals("v25.0", config.apiVersion().name());
        assertEquals(URI.create("http://127.0.0.1:8089"), config.baseUrl());
        assertEquals(TestSecrets.VERIFY_TOKEN_VALUE, config.verifyToken().orElseThrow());
        assertEquals(Duration.ofMillis(1500), config.requestTimeout());
        assertEquals(2, config.retryPolicy().maxAttempts());
        assertEquals("/etc/messenger/keyset.json", config.tokenKeysetFile().orElseThrow().toString());
    }

    @Test
    void missingAppIdNamesTheVariable() {
        Map<String, String> env = env();
        env.remove("MESSENGER_APP_ID");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> MessengerConfig.fromEnvironment(env));
        assertTrue(e.getMessage().contains("MESSENGER_APP_ID"), e.getMessage());
    }

    @Test
    void blankSecretCountsAsMissing() {
        Map<String, String> env = env();
        env.put("MESSENGER_APP_SECRET", "   ");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> MessengerConfig.fromEnvironment(env));
        assertTrue(e.getMessage().contains("MESSENGER_APP_SECRET"), e.getMessage());
    }

    @Test
    void malformedSettingsNameTheVariableWithoutEchoingTheValue() {
        for (String[] bad : new String[][] {
                {"MESSENGER_API_VERSION", "latest"},
                {"MESSENGER_GRAPH_BASE_URL", "ftp://example.com"},
                {"MESSENGER_APP_ID", "my-app"},
                {"MESSENGER_HTTP_CONNECT_TIMEOUT_MS", "soon"},
                {"MESSENGER_RETRY_MAX_ATTEMPTS", "0"}}) {
            Map<String, String> env = env();
            env.put(bad[0], bad[1]);
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> MessengerConfig.fromEnvironment(env), bad[0]);
            assertTrue(e.getMessage().contains(bad[0]), e.getMessage());
        }
    }

    @Test
    void builderRequiresAppIdAndSecret() {
        assertThrows(ConfigurationException.class, () -> MessengerConfig.builder().appSecret(TestSecrets.APP_SECRET).build());
        assertThrows(ConfigurationException.class, () -> MessengerConfig.builder().appId("1").build());
    }

    @Test
    void warnsButKeepsAnExpiredVersion() {
        MessengerConfig config = MessengerConfig.builder().appId("1").appSecret(TestSecrets.APP_SECRET)
                .apiVersion("v19.0").clock(at("2026-11-25")).build();
        assertEquals("v19.0", config.apiVersion().name());
        String warning = config.versionWarning().orElseThrow();
        assertTrue(warning.contains("v19.0 expired on 2026-05-21"), warning);
        assertTrue(RecordingLoggerFinder.lines().stream().anyMatch(l -> l.startsWith("WARNING") && l.contains(warning)));
    }

    @Test
    void warnsNinetyDaysBeforeExpiry() {
        MessengerConfig soon = MessengerConfig.builder().appId("1").appSecret(TestSecrets.APP_SECRET)
                .apiVersion("v21.0").clock(at("2026-11-25")).build();
        assertTrue(soon.versionWarning().orElseThrow().contains("expires on 2027-01-21"));
        MessengerConfig later = MessengerConfig.builder().appId("1").appSecret(TestSecrets.APP_SECRET)
                .apiVersion("v23.0").clock(at("2026-11-25")).build();
        assertFalse(later.versionWarning().isPresent());
        MessengerConfig current = MessengerConfig.builder().appId("1").appSecret(TestSecrets.APP_SECRET)
                .clock(at("2026-11-25")).build();
        assertFalse(current.versionWarning().isPresent());
    }

    @Test
    void acceptsVersionsNewerThanTheTable() {
        GraphApiVersion v = GraphApiVersion.of("27.0");
        assertEquals("v27.0", v.name());
        assertTrue(v.availableUntil().isEmpty());
    }

    @Test
    void toStringNeverPrintsSecrets() {
        Map<String, String> env = env();
        env.put("MESSENGER_VERIFY_TOKEN", TestSecrets.VERIFY_TOKEN_VALUE);
        String text = MessengerConfig.fromEnvironment(env).toString();
        assertFalse(text.contains(TestSecrets.APP_SECRET_VALUE));
        assertFalse(text.contains(TestSecrets.VERIFY_TOKEN_VALUE));
        assertTrue(text.contains(TestSecrets.APP_ID));
    }

    @Test
    void backoffDoublesUpToTheCap() {
        RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(350), Duration.ofSeconds(5));
        assertEquals(Duration.ofMillis(100), p.backoffCeiling(1));
        assertEquals(Duration.ofMillis(200), p.backoffCeiling(2));
        assertEquals(Duration.ofMillis(350), p.backoffCeiling(3));
        assertEquals(Duration.ofMillis(350), p.backoffCeiling(40));
    }
}
