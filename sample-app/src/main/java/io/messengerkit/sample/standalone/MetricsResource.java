package io.messengerkit.sample.standalone;

import io.messengerkit.jakarta.persistence.HealthQueries;
import io.messengerkit.metrics.MessengerMetrics;
import io.messengerkit.micrometer.MicrometerMessengerMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /metrics}: the standalone sample's meters in Prometheus text format: the SDK's (through
 * {@code messenger-micrometer}), the webhook inbox's backlog read at scrape time, and the JVM's. Counts only, no
 * ids unless {@code SAMPLE_METRICS_PAGE_TAGS=true} allows page ids on the per-page rate-limit gauge.
 */
@Path("metrics")
public final class MetricsResource {

    /** Set to {@code true} to tag Meta's per-page usage with the page id. */
    static final String PAGE_TAGS_ENV = "SAMPLE_METRICS_PAGE_TAGS";

    private final PrometheusMeterRegistry registry;
    private final MessengerMetrics listener;
    private final HealthQueries queries;
    private final Clock clock;
    private final Executor executor;

    private MetricsResource(PrometheusMeterRegistry registry, MessengerMetrics listener, HealthQueries queries, Clock clock,
                            Executor executor) {
        this.registry = registry;
        this.listener = listener;
        this.queries = queries;
        this.clock = clock;
        this.executor = executor;
    }

    /** A fresh registry with the JVM's meters and the SDK's listener on it. */
    static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    /** The SDK's metrics listener recording into {@code registry}. */
    static MessengerMetrics listener(PrometheusMeterRegistry registry, Map<String, String> env) {
        return MicrometerMessengerMetrics.builder(registry)
                .pageTags(Boolean.parseBoolean(env.getOrDefault(PAGE_TAGS_ENV, "false")))
                .build();
    }

    /**
     * The resource.
     *
     * @param queries reads the inbox backlog before each scrape
     * @param executor runs that read, so a database that does not answer delays a scrape by 2 s at most
     */
    static MetricsResource of(PrometheusMeterRegistry registry, MessengerMetrics listener, HealthQueries queries, Clock clock,
                              Executor executor) {
        return new MetricsResource(Objects.requireNonNull(registry), Objects.requireNonNull(listener),
                Objects.requireNonNull(queries), Objects.requireNonNull(clock), Objects.requireNonNull(executor));
    }

    @GET
    public Response scrape() {
        refreshInbox();
        return Response.ok(registry.scrape(), PrometheusTextFormatWriter.CONTENT_TYPE)
                .header("Cache-Control", "no-store")
                .build();
    }

    /** Reads the backlog; on failure or timeout the gauges keep their last values (the health probe reports the database). */
    private void refreshInbox() {
        try {
            HealthQueries.InboxBacklog backlog = CompletableFuture.supplyAsync(queries::inbox, executor).get(2, TimeUnit.SECONDS);
            listener.inboxBacklog(backlog.pending() + backlog.processing(), backlog.setAside(), backlog.oldestAge(clock.instant()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // keep the last values
        }
    }
}
