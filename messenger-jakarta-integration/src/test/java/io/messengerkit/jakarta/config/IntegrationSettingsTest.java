package io.messengerkit.jakarta.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntegrationSettingsTest {

    @Test
    void defaultsWhenNothingIsSet() {
        IntegrationSettings s = IntegrationSettings.defaults();
        assertEquals(1024 * 1024, s.webhookMaxBytes());
        assertEquals(Duration.ofHours(1), s.healthCheckInterval());
        assertEquals(IntegrationSettings.DEFAULT_SUBSCRIBED_FIELDS, s.subscribedFields());
        assertEquals(8, s.inboxMaxAttempts());
        assertTrue(s.apiKeys().isEmpty());
    }

    @Test
    void readsEverySettingByItsVariableName() {
        IntegrationSettings s = IntegrationSettings.from(ConfigLookup.of(Map.of(
                "MESSENGER_WEBHOOK_MAX_BYTES", "2048",
                "MESSENGER_SUBSCRIBED_FIELDS", "message_echoes, messaging_referrals messages",
                "MESSENGER_HEALTH_CHECK_INTERVAL", "15",
                "MESSENGER_PUBLIC_URL", "https://bot.example.test",
                "MESSENGER_INBOX_POLL_INTERVAL", "PT1S",
                "MESSENGER_INBOX_MAX_ATTEMPTS", "3",
                "MESSENGER_INBOX_LEASE", "PT30S",
                "MESSENGER_INBOX_RETRY_BACKOFF", "PT2S",
                "MESSENGER_API_KEYS", "bot=0123456789abcdef0123")));
        assertEquals(2048, s.webhookMaxBytes());
        assertEquals(List.of("messages", "messaging_postbacks", "message_deliveries", "message_reads", "message_echoes",
                "messaging_referrals"), s.subscribedFields());
        assertEquals(Duration.ofMinutes(15), s.healthCheckInterval());
        assertEquals(URI.create("https://bot.example.test"), s.publicUrl().orElseThrow());
        assertEquals(Duration.ofSeconds(1), s.inboxPollInterval());
        assertEquals(3, s.inboxMaxAttempts());
        assertEquals(Duration.ofSeconds(30), s.inboxLease());
        assertEquals(Duration.ofSeconds(2), s.inboxRetryBackoff());
        assertFalse(s.toString().contains("0123456789abcdef0123"), "keys are redacted");
    }

    @Test
    void theEventPipelineKeepsEventKeysAWeekByDefaultAndReadsItsSettings() {
        IntegrationSettings d = IntegrationSettings.defaults();
        assertEquals(Duration.ofDays(7), d.eventRetention());
        assertEquals(Duration.ofMinutes(5), d.eventDeadline());
        assertEquals(Duration.ofDays(1), d.inboxRetention());
        IntegrationSettings s = IntegrationSettings.from(ConfigLookup.of(Map.of(
                "MESSENGER_EVENT_DEADLINE", "PT30S",
                "MESSENGER_EVENT_RETENTION", "P30D",
                "MESSENGER_INBOX_RETENTION", "PT6H")));
        assertEquals(Duration.ofSeconds(30), s.eventDeadline());
        assertEquals(Duration.ofDays(30), s.eventRetention());
        assertEquals(Duration.ofHours(6), s.inboxRetention());
    }

    @Test
    void malformedValuesNameTheVariable() {
        ConfigurationProblem p = assertThrows(ConfigurationProblem.class, () -> IntegrationSettings.from(
                ConfigLookup.of(Map.of("MESSENGER_INBOX_LEASE", "soon"))));
        assertEquals("MESSENGER_INBOX_LEASE", p.setting());
        assertThrows(ConfigurationProblem.class, () -> IntegrationSettings.from(
                ConfigLookup.of(Map.of("MESSENGER_WEBHOOK_MAX_BYTES", "lots"))));
        assertThrows(ConfigurationProblem.class, () -> IntegrationSettings.from(
                ConfigLookup.of(Map.of("MESSENGER_SUBSCRIBED_FIELDS", "Messages!"))));
        assertThrows(ConfigurationProblem.class, () -> IntegrationSettings.from(
                ConfigLookup.of(Map.of("MESSENGER_PUBLIC_URL", "not a url"))));
    }

    @Test
    void nonsensicalValuesFailAtStartNamingTheVariable() {
        Map<String, String> bad = Map.ofEntries(
                Map.entry("MESSENGER_INBOX_LEASE", "0"),
                Map.entry("MESSENGER_INBOX_POLL_INTERVAL", "PT0S"),
                Map.entry("MESSENGER_INBOX_RETRY_BACKOFF", "PT0S"),
                Map.entry("MESSENGER_INBOX_MAX_ATTEMPTS", "0"),
                Map.entry("MESSENGER_WEBHOOK_MAX_BYTES", "2147483647"),
                Map.entry("MESSENGER_REQUEST_MAX_BYTES", "-1"),
                Map.entry("MESSENGER_SIGNED_REQUEST_MAX_AGE", "PT0S"),
                Map.entry("MESSENGER_HEALTH_CHECK_INTERVAL", "-PT1H"),
                Map.entry("MESSENGER_EVENT_DEADLINE", "PT0S"),
                Map.entry("MESSENGER_EVENT_RETENTION", "PT10M"),
                Map.entry("MESSENGER_INBOX_RETENTION", "PT1M"));
        bad.forEach((name, value) -> {
            ConfigurationProblem p = assertThrows(ConfigurationProblem.class,
                    () -> IntegrationSettings.from(ConfigLookup.of(Map.of(name, value))), name + "=" + value);
            assertEquals(name, p.setting());
            assertTrue(p.getMessage().startsWith(name + ": "), p.getMessage());
        });
        assertThrows(ConfigurationProblem.class, () -> IntegrationSettings.defaults().withWebhookMaxBytes(0));
        assertThrows(ConfigurationProblem.class, () -> IntegrationSettings.defaults().withRequestLimits(1 << 30, Duration.ofHours(1)));
        assertThrows(ConfigurationProblem.class, () -> IntegrationSettings.defaults()
                .withInbox(Duration.ofSeconds(1), 3, Duration.ZERO, Duration.ofSeconds(1)));
    }

    @Test
    void readsTheLimitsForHostileInput() {
        IntegrationSettings s = IntegrationSettings.from(ConfigLookup.of(Map.of(
                "MESSENGER_REQUEST_MAX_BYTES", "4096", "MESSENGER_SIGNED_REQUEST_MAX_AGE", "PT5M")));
        assertEquals(4096, s.requestMaxBytes());
        assertEquals(Duration.ofMinutes(5), s.signedRequestMaxAge());
        assertEquals(64 * 1024, IntegrationSettings.defaults().requestMaxBytes());
        assertEquals(Duration.ofHours(1), IntegrationSettings.defaults().signedRequestMaxAge());
    }
}
