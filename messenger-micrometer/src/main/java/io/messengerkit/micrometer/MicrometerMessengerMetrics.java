package io.messengerkit.micrometer;

import io.messengerkit.metrics.GraphCallResult;
import io.messengerkit.metrics.MessengerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SDK's {@link MessengerMetrics} recorded as Micrometer meters. Names as Prometheus shows them:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>meaning</th></tr>
 *   <tr><td>{@code messenger_webhook_deliveries_total}</td><td>counter</td><td></td><td>deliveries whose signature verified</td></tr>
 *   <tr><td>{@code messenger_webhook_delivery_size_bytes}</td><td>summary</td><td></td><td>their body sizes</td></tr>
 *   <tr><td>{@code messenger_webhook_signature_failures_total}</td><td>counter</td><td>{@code reason}</td><td>deliveries refused: missing, malformed, mismatch</td></tr>
 *   <tr><td>{@code messenger_webhook_unparseable_total}</td><td>counter</td><td></td><td>verified bodies that are not webhook documents</td></tr>
 *   <tr><td>{@code messenger_webhook_events_total}</td><td>counter</td><td>{@code kind}</td><td>events received, before de-duplication</td></tr>
 *   <tr><td>{@code messenger_webhook_duplicates_total}</td><td>counter</td><td>{@code kind}</td><td>events dropped as already handled</td></tr>
 *   <tr><td>{@code messenger_handler_latency_seconds}</td><td>timer</td><td>{@code kind}, {@code outcome}</td><td>time in the handlers of one event</td></tr>
 *   <tr><td>{@code messenger_sends_total}</td><td>counter</td><td>{@code result}, {@code code}</td><td>Send API calls: sent or failed, with Meta's error code</td></tr>
 *   <tr><td>{@code messenger_graph_calls_total}</td><td>counter</td><td>{@code call}, {@code result}</td><td>every Graph call</td></tr>
 *   <tr><td>{@code messenger_graph_retries_total}</td><td>counter</td><td>{@code call}</td><td>attempts repeated after a retryable failure</td></tr>
 *   <tr><td>{@code messenger_rate_limit_usage_percent}</td><td>gauge</td><td>{@code header}</td><td>Meta's latest usage figure
 *       ({@code app}, {@code page}, {@code business_use_case}: the highest over all pages); throttling starts at 100</td></tr>
 *   <tr><td>{@code messenger_rate_limit_page_usage_percent}</td><td>gauge</td><td>{@code page}</td><td>the same per page,
 *       only with {@link Builder#pageTags(boolean) pageTags(true)}</td></tr>
 *   <tr><td>{@code messenger_inbox_pending}</td><td>gauge</td><td></td><td>deliveries waiting in the durable inbox</td></tr>
 *   <tr><td>{@code messenger_inbox_set_aside}</td><td>gauge</td><td></td><td>deliveries given up on, kept for inspection</td></tr>
 *   <tr><td>{@code messenger_inbox_oldest_age_seconds}</td><td>gauge</td><td></td><td>how long the oldest waiting delivery has waited</td></tr>
 * </table>
 *
 * <p>Tags stay bounded: kinds, call names and reasons are fixed sets, codes Meta's. Page ids appear only with
 * {@link Builder#pageTags(boolean) pageTags(true)}.
 *
 * <pre>{@code
 * MessengerMetrics metrics = MicrometerMessengerMetrics.builder(registry).build();
 * GraphClient graph = GraphClient.builder(config).metrics(metrics).build();
 * }</pre>
 */
public final class MicrometerMessengerMetrics implements MessengerMetrics {
    private static final String PREFIX = "messenger.";

    private final MeterRegistry registry;
    private final boolean pageTags;
    private final Counter deliveries;
    private final DistributionSummary deliverySize;
    private final Counter unparseable;
    private final Map<String, AtomicInteger> usage = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> pageUsage = new ConcurrentHashMap<>();
    private final Map<String, Integer> businessUsage = new ConcurrentHashMap<>();
    private final AtomicLong inboxPending = new AtomicLong();
    private final AtomicLong inboxSetAside = new AtomicLong();
    private final AtomicLong inboxOldestAgeSeconds = new AtomicLong();

    private MicrometerMessengerMetrics(Builder b) {
        this.registry = b.registry;
        this.pageTags = b.pageTags;
        this.deliveries = Counter.builder(PREFIX + "webhook.deliveries")
                .description("Webhook deliveries whose signature verified").register(registry);
        this.deliverySize = DistributionSummary.builder(PREFIX + "webhook.delivery.size").baseUnit("bytes")
                .description("Body sizes of verified webhook deliveries").register(registry);
        this.unparseable = Counter.builder(PREFIX + "webhook.unparseable")
                .description("Verified webhook bodies that are not webhook documents").register(registry);
        Gauge.builder(PREFIX + "inbox.pending", inboxPending, AtomicLong::get)
                .description("Deliveries waiting in the durable inbox").register(registry);
        Gauge.builder(PREFIX + "inbox.set.aside", inboxSetAside, AtomicLong::get)
                .description("Deliveries given up on and kept for inspection").register(registry);
        Gauge.builder(PREFIX + "inbox.oldest.age", inboxOldestAgeSeconds, AtomicLong::get).baseUnit("seconds")
                .description("How long the oldest waiting delivery has waited").register(registry);
        Gauge.builder(PREFIX + "rate.limit.usage", businessUsage,
                        m -> m.values().stream().mapToInt(Integer::intValue).max().orElse(0))
                .baseUnit("percent").tags("header", "business_use_case")
                .description("Meta's latest usage figure (business use case: the highest over all pages)").register(registry);
    }

    /**
     * Starts a binder on {@code registry}.
     *
     * @param registry where the meters go
     * @return a builder
     */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(registry);
    }

    @Override
    public void deliveryVerified(int bytes) {
        deliveries.increment();
        deliverySize.record(bytes);
    }

    @Override
    public void signatureRejected(String reason) {
        counter("webhook.signature.failures", "Webhook deliveries refused because of their signature", "reason", reason)
                .increment();
    }

    @Override
    public void deliveryUnparseable() {
        unparseable.increment();
    }

    @Override
    public void eventReceived(String kind) {
        counter("webhook.events", "Webhook events received, before de-duplication", "kind", kind).increment();
    }

    @Override
    public void duplicateDropped(String kind) {
        counter("webhook.duplicates", "Webhook events dropped as already handled", "kind", kind).increment();
    }

    @Override
    public void eventHandled(String kind, boolean succeeded, Duration latency) {
        Timer.builder(PREFIX + "handler.latency")
                .description("Time in the handlers of one webhook event")
                .tags("kind", kind, "outcome", succeeded ? "ok" : "failed")
                .register(registry)
                .record(latency);
    }

    @Override
    public void graphCallCompleted(GraphCallResult result) {
        String outcome = result.succeeded() ? "ok" : "failed";
        Counter.builder(PREFIX + "graph.calls").description("Graph API calls, after retries")
                .tags("call", result.call(), "result", outcome).register(registry).increment();
        if (result.send()) {
            Counter.builder(PREFIX + "sends").description("Send API calls by result and Meta's error code")
                    .tags("result", result.succeeded() ? "sent" : "failed", "code", Integer.toString(result.graphErrorCode()))
                    .register(registry).increment();
        }
    }

    @Override
    public void graphCallRetried(String call, boolean send) {
        counter("graph.retries", "Graph API attempts repeated after a retryable failure", "call", call).increment();
    }

    @Override
    public void rateLimitUsage(String header, String businessId, int percent) {
        if (businessId == null) {
            gauge(usage, header, "rate.limit.usage", Tags.of("header", header), "Meta's latest usage figure").set(percent);
            return;
        }
        businessUsage.put(businessId, percent);
        if (pageTags) {
            gauge(pageUsage, businessId, "rate.limit.page.usage", Tags.of("page", businessId),
                    "Meta's latest business-use-case usage figure of one page").set(percent);
        }
    }

    private AtomicInteger gauge(Map<String, AtomicInteger> gauges, String key, String name, Tags tags, String description) {
        return gauges.computeIfAbsent(key, k -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder(PREFIX + name, value, AtomicInteger::get).baseUnit("percent").tags(tags)
                    .description(description).register(registry);
            return value;
        });
    }

    @Override
    public void inboxBacklog(long pending, long setAside, Duration oldestAge) {
        inboxPending.set(pending);
        inboxSetAside.set(setAside);
        inboxOldestAgeSeconds.set(oldestAge.toSeconds());
    }

    private Counter counter(String name, String description, String tag, String value) {
        return Counter.builder(PREFIX + name).description(description).tags(tag, value).register(registry);
    }

    /** Configures {@link MicrometerMessengerMetrics}. */
    public static final class Builder {
        private final MeterRegistry registry;
        private boolean pageTags;

        private Builder(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /**
         * Tags Meta's per-page usage with the page id (one series per linked page); default off.
         *
         * @param pageTags true to allow page ids as tag values
         * @return this builder
         */
        public Builder pageTags(boolean pageTags) {
            this.pageTags = pageTags;
            return this;
        }

        /** {@return the binder, its fixed meters registered} */
        public MicrometerMessengerMetrics build() {
            return new MicrometerMessengerMetrics(this);
        }
    }
}
