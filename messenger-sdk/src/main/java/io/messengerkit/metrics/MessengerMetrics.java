package io.messengerkit.metrics;

import java.time.Duration;

/**
 * Listens to what the SDK does, for a metrics system: implement the methods you care about (all default to
 * doing nothing) and hand the listener to the builders that report to it:
 * {@code WebhookSignature.builder(secret).metrics(m)} (deliveries, bytes, signature failures),
 * {@code WebhookDispatcher.builder().metrics(m)} (unparseable deliveries, events by kind, duplicates dropped,
 * handler latency) and {@code GraphClient.builder(config).metrics(m)} (Graph calls by result and error code,
 * retries, Meta's rate-limit usage). {@code messenger-micrometer} implements it with Micrometer.
 *
 * <p>Every argument is bounded: kinds, call names and reasons come from fixed sets in the SDK, Graph error codes
 * from Meta's short list; no person, message or token ever reaches a listener. The only ids are the business
 * object ids of {@code X-Business-Use-Case-Usage} (page ids), which a listener should drop unless its operator
 * asked for them.
 *
 * <p>Calls come from request and worker threads at once: implementations must be thread-safe and quick. A
 * listener that throws never breaks the SDK; the builders wrap it ({@link #safe}).
 */
public interface MessengerMetrics {

    /** Listens to nothing. */
    MessengerMetrics NONE = new MessengerMetrics() {
    };

    /**
     * A webhook delivery whose signature verified.
     *
     * @param bytes its body's size
     */
    default void deliveryVerified(int bytes) {
    }

    /**
     * A webhook delivery refused because of its signature.
     *
     * @param reason {@code missing}, {@code malformed} or {@code mismatch}
     */
    default void signatureRejected(String reason) {
    }

    /** A verified delivery whose body is not a webhook document at all (not JSON, not an object). */
    default void deliveryUnparseable() {
    }

    /**
     * One event of a verified delivery, before de-duplication.
     *
     * @param kind the event's {@link io.messengerkit.webhook.EventKind} in lower case ({@code message},
     *     {@code message_edit}, ...); {@code unparseable} for an entry the parser had to skip
     */
    default void eventReceived(String kind) {
    }

    /**
     * An event dropped because the de-duplication ledger had seen it (Meta delivers at least once).
     *
     * @param kind the event's kind
     */
    default void duplicateDropped(String kind) {
    }

    /**
     * The handlers of one event finished.
     *
     * @param kind the event's kind
     * @param succeeded false when a handler threw
     * @param latency from the first handler's start to the last one's end
     */
    default void eventHandled(String kind, boolean succeeded, Duration latency) {
    }

    /**
     * A Graph API call ended, after its retries.
     *
     * @param result what it was and how it ended
     */
    default void graphCallCompleted(GraphCallResult result) {
    }

    /**
     * A Graph API call failed and is tried again.
     *
     * @param call the call's name, e.g. {@code subscribed_apps GET}
     * @param send true for Send API calls ({@code /me/messages})
     */
    default void graphCallRetried(String call, boolean send) {
    }

    /**
     * Meta's usage header on a response, as the highest of its percentages.
     *
     * @param header {@code app} ({@code X-App-Usage}), {@code page} ({@code X-Page-Usage}) or
     *     {@code business_use_case} ({@code X-Business-Use-Case-Usage})
     * @param businessId the business object (page) id for {@code business_use_case}, else null
     * @param percent how much of the allowance is used; Meta throttles at 100
     */
    default void rateLimitUsage(String header, String businessId, int percent) {
    }

    /**
     * The durable webhook inbox's state, as its host last read it.
     *
     * @param pending deliveries waiting (including those being processed)
     * @param setAside deliveries given up on and kept for inspection
     * @param oldestAge how long the oldest waiting delivery has waited; zero when none
     */
    default void inboxBacklog(long pending, long setAside, Duration oldestAge) {
    }

    /**
     * {@return {@code metrics}, made safe to call from the SDK: what it throws is logged once and swallowed}
     *
     * @param metrics a listener, or null for {@link #NONE}
     */
    static MessengerMetrics safe(MessengerMetrics metrics) {
        if (metrics == null || metrics == NONE) {
            return NONE;
        }
        return metrics instanceof SafeMetrics ? metrics : new SafeMetrics(metrics);
    }
}
