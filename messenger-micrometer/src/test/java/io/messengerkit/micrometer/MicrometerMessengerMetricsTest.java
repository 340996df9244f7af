package io.messengerkit.micrometer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.metrics.GraphCallResult;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MicrometerMessengerMetricsTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private static void assertLine(String scrape, String line) {
        assertTrue(scrape.lines().anyMatch(l -> l.equals(line)), "no line '" + line + "' in:\n" + scrape);
    }

    @Test
    void recordsWebhookTrafficUnderDocumentedNames() {
        MicrometerMessengerMetrics metrics = MicrometerMessengerMetrics.builder(registry).build();

        metrics.deliveryVerified(300);
        metrics.deliveryVerified(100);
        metrics.signatureRejected("mismatch");
        metrics.deliveryUnparseable();
        metrics.eventReceived("message");
        metrics.eventReceived("message");
        metrics.duplicateDropped("message");
        metrics.eventHandled("message", true, Duration.ofMillis(40));
        metrics.inboxBacklog(3, 1, Duration.ofSeconds(95));

        String scrape = registry.scrape();
        assertLine(scrape, "messenger_webhook_deliveries_total 2.0");
        assertLine(scrape, "messenger_webhook_delivery_size_bytes_sum 400.0");
        assertLine(scrape, "messenger_webhook_signature_failures_total{reason=\"mismatch\"} 1.0");
        assertLine(scrape, "messenger_webhook_unparseable_total 1.0");
        assertLine(scrape, "messenger_webhook_events_total{kind=\"message\"} 2.0");
        assertLine(scrape, "messenger_webhook_duplicates_total{kind=\"message\"} 1.0");
        assertLine(scrape, "messenger_handler_latency_seconds_count{kind=\"message\",outcome=\"ok\"} 1");
        assertLine(scrape, "messenger_handler_latency_seconds_sum{kind=\"message\",outcome=\"ok\"} 0.04");
        assertLine(scrape, "messenger_inbox_pending 3.0");
        assertLine(scrape, "messenger_inbox_set_aside 1.0");
        assertLine(scrape, "messenger_inbox_oldest_age_seconds 95.0");
    }

    @Test
    void countsSendsByResultAndGraphCodeAndEveryCallByName() {
        MicrometerMessengerMetrics metrics = MicrometerMessengerMetrics.builder(registry).build();

        metrics.graphCallCompleted(new GraphCallResult("send text", true, true, 0, 1));
        metrics.graphCallCompleted(new GraphCallResult("send text", true, false, 551, 1));
        metrics.graphCallRetried("subscribed_apps GET", false);
        metrics.graphCallCompleted(new GraphCallResult("subscribed_apps GET", false, true, 0, 2));

        String scrape = registry.scrape();
        assertLine(scrape, "messenger_sends_total{code=\"0\",result=\"sent\"} 1.0");
        assertLine(scrape, "messenger_sends_total{code=\"551\",result=\"failed\"} 1.0");
        assertLine(scrape, "messenger_graph_calls_total{call=\"subscribed_apps GET\",result=\"ok\"} 1.0");
        assertLine(scrape, "messenger_graph_retries_total{call=\"subscribed_apps GET\"} 1.0");
        assertFalse(scrape.contains("messenger_sends_total{code=\"0\",result=\"failed\"}"), scrape);
    }

    @Test
    void keepsPageIdsOutOfTagsUnlessTheOperatorAllowsThem() {
        MicrometerMessengerMetrics metrics = MicrometerMessengerMetrics.builder(registry).build();
        metrics.rateLimitUsage("app", null, 12);
        metrics.rateLimitUsage("business_use_case", "200000000000001", 41);
        metrics.rateLimitUsage("business_use_case", "200000000000002", 77);
        metrics.rateLimitUsage("business_use_case", "200000000000001", 43);

        String scrape = registry.scrape();
        assertLine(scrape, "messenger_rate_limit_usage_percent{header=\"app\"} 12.0");
        assertLine(scrape, "messenger_rate_limit_usage_percent{header=\"business_use_case\"} 77.0");
        assertFalse(scrape.contains("200000000000001"), scrape);

        PrometheusMeterRegistry perPage = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MicrometerMessengerMetrics allowed = MicrometerMessengerMetrics.builder(perPage).pageTags(true).build();
        allowed.rateLimitUsage("business_use_case", "200000000000001", 41);
        assertLine(perPage.scrape(), "messenger_rate_limit_page_usage_percent{page=\"200000000000001\"} 41.0");
        assertLine(perPage.scrape(), "messenger_rate_limit_usage_percent{header=\"business_use_case\"} 41.0");
    }
}
