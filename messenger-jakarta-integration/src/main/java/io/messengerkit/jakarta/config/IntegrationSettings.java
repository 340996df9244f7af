package io.messengerkit.jakarta.config;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Jakarta module's own settings (the SDK's, such as app id and secret, live in
 * {@code MessengerConfig}). Every one has a default; {@link #from(ConfigLookup)} reads them by
 * the environment variable names below.
 *
 * <table>
 * <caption>Settings</caption>
 * <tr><th>variable</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code MESSENGER_API_KEYS}</td><td>none</td><td>bearer API keys per chatbot (see ApiKeyAuthorizer)</td></tr>
 * <tr><td>{@code MESSENGER_WEBHOOK_MAX_BYTES}</td><td>1048576</td><td>largest webhook body accepted (413 above;
 *   1024 to 8388608)</td></tr>
 * <tr><td>{@code MESSENGER_REQUEST_MAX_BYTES}</td><td>65536</td><td>largest body of every other resource of the
 *   application: management API (which reads at most 64 KiB anyway), Login callbacks, the host's own resources
 *   (413 above; 1024 to 16777216)</td></tr>
 * <tr><td>{@code MESSENGER_SIGNED_REQUEST_MAX_AGE}</td><td>PT1H</td><td>oldest {@code signed_request} a Login callback
 *   accepts, by its {@code issued_at} (PT1S to P30D)</td></tr>
 * <tr><td>{@code MESSENGER_SUBSCRIBED_FIELDS}</td><td>none</td><td>webhook fields subscribed in addition to messages,
 *   messaging_postbacks, message_deliveries, message_reads</td></tr>
 * <tr><td>{@code MESSENGER_HEALTH_CHECK_INTERVAL}</td><td>PT1H</td><td>subscription and token check interval
 *   (ISO-8601 duration or minutes; 0 turns the schedule off)</td></tr>
 * <tr><td>{@code MESSENGER_PUBLIC_URL}</td><td>none</td><td>public base URL, for the data-deletion status link (the
 *   data-deletion callback answers 503 without it)</td></tr>
 * <tr><td>{@code MESSENGER_INBOX_POLL_INTERVAL}</td><td>PT5S</td><td>how often the inbox is polled for due rows</td></tr>
 * <tr><td>{@code MESSENGER_INBOX_MAX_ATTEMPTS}</td><td>8</td><td>processing attempts before a delivery is failed for good</td></tr>
 * <tr><td>{@code MESSENGER_INBOX_LEASE}</td><td>PT2M</td><td>how long a claimed delivery is reserved for one instance
 *   (at least PT1S)</td></tr>
 * <tr><td>{@code MESSENGER_INBOX_RETRY_BACKOFF}</td><td>PT10S</td><td>first retry delay, doubled per attempt</td></tr>
 * <tr><td>{@code MESSENGER_EVENT_DEADLINE}</td><td>PT5M</td><td>how long one attempt at an event may run before it
 *   counts as stuck (PT1S to P1D; a lease never runs past it)</td></tr>
 * <tr><td>{@code MESSENGER_EVENT_RETENTION}</td><td>P7D</td><td>how long handled events and their keys are kept (the
 *   replay window: deliveries whose events are all older are ignored; PT2H to P3650D)</td></tr>
 * <tr><td>{@code MESSENGER_INBOX_RETENTION}</td><td>P1D</td><td>how long stored webhook deliveries (raw bodies) are kept
 *   (PT1H to P3650D)</td></tr>
 * </table>
 * A value outside its range fails at start with a {@link ConfigurationProblem} naming the variable.
 * The messaging window and human handoff settings of the reply pipeline ({@code MESSENGER_WINDOW_MODE},
 * {@code MESSENGER_HUMAN_AGENT_ENABLED}, {@code MESSENGER_HANDOFF_QUIET_PERIOD}) are in {@link ConversationSettings}.
 *
 * @param apiKeys {@code MESSENGER_API_KEYS} text, or empty
 * @param webhookMaxBytes largest webhook body accepted
 * @param extraSubscribedFields fields subscribed beyond the four defaults
 * @param healthCheckInterval interval of the scheduled check; zero when off
 * @param publicUrl public base URL of the app, if configured
 * @param inboxPollInterval inbox poll interval
 * @param inboxMaxAttempts attempts per delivery
 * @param inboxLease claim lease
 * @param inboxRetryBackoff first retry delay
 * @param requestMaxBytes largest body accepted by every endpoint but the webhook
 * @param signedRequestMaxAge oldest {@code signed_request} accepted
 * @param eventDeadline how long one attempt at an event may run
 * @param eventRetention how long handled events (and their keys) are kept; older deliveries are ignored
 * @param inboxRetention how long stored webhook deliveries are kept after they were split into events
 */
public record IntegrationSettings(
        Optional<String> apiKeys,
        int webhookMaxBytes,
        List<String> extraSubscribedFields,
        Duration healthCheckInterval,
        Optional<URI> publicUrl,
        Duration inboxPollInterval,
        int inboxMaxAttempts,
        Duration inboxLease,
        Duration inboxRetryBackoff,
        int requestMaxBytes,
        Duration signedRequestMaxAge,
        Duration eventDeadline,
        Duration eventRetention,
        Duration inboxRetention) {

    /** The fields every linked page is subscribed to, as in the seed. */
    public static final List<String> DEFAULT_SUBSCRIBED_FIELDS =
            List.of("messages", "messaging_postbacks", "message_deliveries", "message_reads");

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param apiKeys {@code MESSENGER_API_KEYS} text, or empty
     * @param webhookMaxBytes largest webhook body accepted
     * @param extraSubscribedFields fields subscribed beyond the four defaults
     * @param healthCheckInterval interval of the scheduled check; zero when off
     * @param publicUrl public base URL of the app, if configured
     * @param inboxPollInterval inbox poll interval
     * @param inboxMaxAttempts attempts per delivery
     * @param inboxLease claim lease
     * @param inboxRetryBackoff first retry delay
     * @param requestMaxBytes largest body accepted by every endpoint but the webhook
     * @param signedRequestMaxAge oldest {@code signed_request} accepted
     * @param eventDeadline how long one attempt at an event may run
     * @param eventRetention how long handled events (and their keys) are kept
     * @param inboxRetention how long stored webhook deliveries are kept
     */
    public IntegrationSettings {
        apiKeys = apiKeys == null ? Optional.empty() : apiKeys;
        SettingRanges.bytes("MESSENGER_WEBHOOK_MAX_BYTES", webhookMaxBytes, SettingRanges.MAX_WEBHOOK_BYTES);
        SettingRanges.bytes("MESSENGER_REQUEST_MAX_BYTES", requestMaxBytes, SettingRanges.MAX_REQUEST_BYTES);
        extraSubscribedFields = List.copyOf(extraSubscribedFields == null ? List.of() : extraSubscribedFields);
        for (String field : extraSubscribedFields) {
            if (!field.matches("[a-z_]{1,64}")) {
                throw new ConfigurationProblem("MESSENGER_SUBSCRIBED_FIELDS", "'" + field + "' is not a webhook field name");
            }
        }
        SettingRanges.notNegative("MESSENGER_HEALTH_CHECK_INTERVAL", healthCheckInterval);
        publicUrl = publicUrl == null ? Optional.empty() : publicUrl;
        SettingRanges.between("MESSENGER_INBOX_POLL_INTERVAL", inboxPollInterval, Duration.ofMillis(10), Duration.ofHours(1));
        if (inboxMaxAttempts < 1 || inboxMaxAttempts > 100) {
            throw new ConfigurationProblem("MESSENGER_INBOX_MAX_ATTEMPTS", "must be between 1 and 100");
        }
        SettingRanges.between("MESSENGER_INBOX_LEASE", inboxLease, Duration.ofSeconds(1), Duration.ofDays(1));
        SettingRanges.between("MESSENGER_INBOX_RETRY_BACKOFF", inboxRetryBackoff, Duration.ofMillis(1), Duration.ofDays(1));
        SettingRanges.between("MESSENGER_SIGNED_REQUEST_MAX_AGE", signedRequestMaxAge, Duration.ofSeconds(1), Duration.ofDays(30));
        SettingRanges.between("MESSENGER_EVENT_DEADLINE", eventDeadline, Duration.ofSeconds(1), Duration.ofDays(1));
        // Meta redelivers for about an hour: a shorter window would forget keys it may still send.
        SettingRanges.between("MESSENGER_EVENT_RETENTION", eventRetention, Duration.ofHours(2), Duration.ofDays(3650));
        SettingRanges.between("MESSENGER_INBOX_RETENTION", inboxRetention, Duration.ofHours(1), Duration.ofDays(3650));
    }

    /** {@return every default} */
    public static IntegrationSettings defaults() {
        return from(ConfigLookup.of(java.util.Map.of()));
    }

    /**
     * Settings from MicroProfile Config or the environment.
     *
     * @return the settings
     */
    public static IntegrationSettings fromEnvironment() {
        return from(ConfigLookup.detect());
    }

    /**
     * Settings read from {@code lookup}, defaults for the unset ones.
     *
     * @param lookup where the settings come from
     * @return the settings
     */
    public static IntegrationSettings from(ConfigLookup lookup) {
        return new IntegrationSettings(
                lookup.get("MESSENGER_API_KEYS"),
                integer(lookup, "MESSENGER_WEBHOOK_MAX_BYTES", 1024 * 1024),
                list(lookup.get("MESSENGER_SUBSCRIBED_FIELDS").orElse("")),
                duration(lookup, "MESSENGER_HEALTH_CHECK_INTERVAL", Duration.ofHours(1)),
                lookup.get("MESSENGER_PUBLIC_URL").map(v -> uri("MESSENGER_PUBLIC_URL", v)),
                duration(lookup, "MESSENGER_INBOX_POLL_INTERVAL", Duration.ofSeconds(5)),
                integer(lookup, "MESSENGER_INBOX_MAX_ATTEMPTS", 8),
                duration(lookup, "MESSENGER_INBOX_LEASE", Duration.ofMinutes(2)),
                duration(lookup, "MESSENGER_INBOX_RETRY_BACKOFF", Duration.ofSeconds(10)),
                integer(lookup, "MESSENGER_REQUEST_MAX_BYTES", 64 * 1024),
                duration(lookup, "MESSENGER_SIGNED_REQUEST_MAX_AGE", Duration.ofHours(1)),
                duration(lookup, "MESSENGER_EVENT_DEADLINE", Duration.ofMinutes(5)),
                duration(lookup, "MESSENGER_EVENT_RETENTION", Duration.ofDays(7)),
                duration(lookup, "MESSENGER_INBOX_RETENTION", Duration.ofDays(1)));
    }

    /** {@return the defaults plus the configured extras, without duplicates} */
    public List<String> subscribedFields() {
        Set<String> fields = new LinkedHashSet<>(DEFAULT_SUBSCRIBED_FIELDS);
        fields.addAll(extraSubscribedFields);
        return List.copyOf(fields);
    }

    /**
     * This configuration with other API keys.
     *
     * @param keys {@code MESSENGER_API_KEYS} text
     * @return a copy with these keys
     */
    public IntegrationSettings withApiKeys(String keys) {
        return new IntegrationSettings(Optional.ofNullable(keys), webhookMaxBytes, extraSubscribedFields,
                healthCheckInterval, publicUrl, inboxPollInterval, inboxMaxAttempts, inboxLease, inboxRetryBackoff,
                requestMaxBytes, signedRequestMaxAge, eventDeadline, eventRetention, inboxRetention);
    }

    /**
     * This configuration with another webhook body limit.
     *
     * @param maxBytes the largest webhook body accepted
     * @return a copy with this limit
     */
    public IntegrationSettings withWebhookMaxBytes(int maxBytes) {
        return new IntegrationSettings(apiKeys, maxBytes, extraSubscribedFields, healthCheckInterval, publicUrl,
                inboxPollInterval, inboxMaxAttempts, inboxLease, inboxRetryBackoff, requestMaxBytes, signedRequestMaxAge, eventDeadline, eventRetention, inboxRetention);
    }

    /**
     * This configuration with other inbox settings.
     *
     * @param pollInterval how often the inbox is polled
     * @param maxAttempts attempts per delivery
     * @param lease how long a claim holds
     * @param retryBackoff the first retry delay
     * @return a copy with these inbox settings
     */
    public IntegrationSettings withInbox(Duration pollInterval, int maxAttempts, Duration lease, Duration retryBackoff) {
        return new IntegrationSettings(apiKeys, webhookMaxBytes, extraSubscribedFields, healthCheckInterval, publicUrl,
                pollInterval, maxAttempts, lease, retryBackoff, requestMaxBytes, signedRequestMaxAge, eventDeadline, eventRetention, inboxRetention);
    }

    /**
     * This configuration with other event pipeline settings.
     *
     * @param deadline how long one attempt at an event may run
     * @param retention how long handled events and their keys are kept
     * @param inboxKept how long stored deliveries are kept
     * @return a copy with these settings
     */
    public IntegrationSettings withEvents(Duration deadline, Duration retention, Duration inboxKept) {
        return new IntegrationSettings(apiKeys, webhookMaxBytes, extraSubscribedFields, healthCheckInterval, publicUrl,
                inboxPollInterval, inboxMaxAttempts, inboxLease, inboxRetryBackoff, requestMaxBytes, signedRequestMaxAge,
                deadline, retention, inboxKept);
    }

    /**
     * This configuration with another health check interval.
     *
     * @param interval the interval; zero turns the schedule off
     * @return a copy with this interval
     */
    public IntegrationSettings withHealthCheckInterval(Duration interval) {
        return new IntegrationSettings(apiKeys, webhookMaxBytes, extraSubscribedFields, interval, publicUrl,
                inboxPollInterval, inboxMaxAttempts, inboxLease, inboxRetryBackoff, requestMaxBytes, signedRequestMaxAge, eventDeadline, eventRetention, inboxRetention);
    }

    /**
     * This configuration with other extra webhook fields.
     *
     * @param fields webhook fields beyond the four defaults
     * @return a copy with these fields
     */
    public IntegrationSettings withExtraSubscribedFields(List<String> fields) {
        return new IntegrationSettings(apiKeys, webhookMaxBytes, fields, healthCheckInterval, publicUrl,
                inboxPollInterval, inboxMaxAttempts, inboxLease, inboxRetryBackoff, requestMaxBytes, signedRequestMaxAge, eventDeadline, eventRetention, inboxRetention);
    }

    /**
     * This configuration with other limits for hostile input.
     *
     * @param maxBytes the largest body of every endpoint but the webhook
     * @param maxAge the oldest {@code signed_request} a Login callback accepts
     * @return a copy with these limits
     */
    public IntegrationSettings withRequestLimits(int maxBytes, Duration maxAge) {
        return new IntegrationSettings(apiKeys, webhookMaxBytes, extraSubscribedFields, healthCheckInterval, publicUrl,
                inboxPollInterval, inboxMaxAttempts, inboxLease, inboxRetryBackoff, maxBytes, maxAge, eventDeadline,
                eventRetention, inboxRetention);
    }

    /**
     * This configuration with another public base URL.
     *
     * @param url the public base URL of the app
     * @return a copy with this URL
     */
    public IntegrationSettings withPublicUrl(URI url) {
        return new IntegrationSettings(apiKeys, webhookMaxBytes, extraSubscribedFields, healthCheckInterval,
                Optional.of(url), inboxPollInterval, inboxMaxAttempts, inboxLease, inboxRetryBackoff, requestMaxBytes,
                signedRequestMaxAge, eventDeadline, eventRetention, inboxRetention);
    }

    @Override
    public String toString() {
        return "IntegrationSettings[apiKeys=" + (apiKeys.isPresent() ? "[redacted]" : "none")
                + ", webhookMaxBytes=" + webhookMaxBytes + ", extraSubscribedFields=" + extraSubscribedFields
                + ", healthCheckInterval=" + healthCheckInterval + ", publicUrl=" + publicUrl.map(URI::toString).orElse("none")
                + ", inboxPollInterval=" + inboxPollInterval + ", inboxMaxAttempts=" + inboxMaxAttempts
                + ", inboxLease=" + inboxLease + ", inboxRetryBackoff=" + inboxRetryBackoff
                + ", requestMaxBytes=" + requestMaxBytes + ", signedRequestMaxAge=" + signedRequestMaxAge
                + ", eventDeadline=" + eventDeadline + ", eventRetention=" + eventRetention
                + ", inboxRetention=" + inboxRetention + "]";
    }

    private static int integer(ConfigLookup lookup, String name, int fallback) {
        Optional<String> value = lookup.get(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw new ConfigurationProblem(name, "must be a whole number");
        }
    }

    private static Duration duration(ConfigLookup lookup, String name, Duration fallback) {
        Optional<String> value = lookup.get(name);
        if (value.isEmpty()) {
            return fallback;
        }
        String v = value.get();
        try {
            if (v.matches("\\d+")) {
                return Duration.ofMinutes(Long.parseLong(v));
            }
            Duration d = Duration.parse(v);
            if (d.isNegative()) {
                throw new ConfigurationProblem(name, "must not be negative");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new ConfigurationProblem(name, "must be an ISO-8601 duration (PT30M) or a number of minutes");
        }
    }

    private static URI uri(String name, String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new ConfigurationProblem(name, "must be an absolute http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationProblem(name, "must be an absolute http(s) URL");
        }
    }

    private static List<String> list(String text) {
        List<String> values = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (!part.isBlank()) {
                values.add(part.strip());
            }
        }
        return values;
    }
}
