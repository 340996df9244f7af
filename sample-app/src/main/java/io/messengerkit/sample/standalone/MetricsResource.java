package io.messengerkit.sample.standalone;

import io.messengerkit.config.GraphApiVersion;
import io.messengerkit.jakarta.persistence.HealthQueries;
import io.messengerkit.metrics.MessengerMetrics;
import io.messengerkit.micrometer.MicrometerMessengerMetrics;
import io.micrometer.core.instrument.Gauge;
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
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code GET /metrics}: the standalone sample's meters in Prometheus text format: the SDK's (through
 * {@code messenger-micrometer}); read from the database at scrape time, the webhook inbox's backlog
 * ({@code messenger_inbox_*}) and linked pages and stored tokens by status ({@code messenger_pages{status}},
 * {@code messenger_tokens{status}}); the days the Graph API version has left
 * ({@code messenger_graph_api_version_days_left{version}}, when Meta announced its end); and the JVM's. Counts only,
 * no ids unless {@code SAMPLE_METRICS_PAGE_TAGS=true} allows page ids on the per-page rate-limit gauge.
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
    private final Map<String, AtomicLong> linkGauges = new ConcurrentHashMap<>();

    private MetricsResource(PrometheusMeterRegistry registry, MessengerMetrics listener, HealthQueries queries, Clock clock,
                            Executor executor, GraphApiVersion apiVersion) {
        this.registry = registry;
        this.listener = listener;
        this.queries = queries;
        this.clock = clock;
        this.executor = executor;
        apiVersion.availableUntil().ifPresent(until -> Gauge.builder("messenger.graph.api.version.days.left",
                        () -> ChronoUnit.DAYS.between(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), until))
                .tags("version", apiVersion.name())
                .description("Days until Meta stops serving the Graph API version in use").register(registry));
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
                              Executor executor, GraphApiVersion apiVersion) {
        return new MetricsResource(Objects.requireNonNull(registry), Objects.requireNonNull(listener),
                Objects.requireNonNull(queries), Objects.requireNonNull(clock), Objects.requireNonNull(executor),
                Objects.requireNonNull(apiVersion));
    }

    @GET
    public Response scrape() {
        refreshFromDatabase();
        return Response.ok(registry.scrape(), PrometheusTextFormatWriter.CONTENT_TYPE)
                .header("Cache-Control", "no-store")
                .build();
    }

    /**
     * Reads the inbox backlog and the pages and tokens by state; on failure or timeout the gauges keep their last
     * values (the health probe is what reports the database).
     */
    private void refreshFromDatabase() {
        try {
            CompletableFuture.runAsync(() -> {
                HealthQueries.InboxBacklog backlog = queries.inbox();
                listener.inboxBacklog(backlog.pending() + backlog.processing(), backlog.setAside(),
                        backlog.oldestAge(clock.instant()));
                HealthQueries.LinkHealth links = queries.links(Duration.ofDays(7));
                links.pages().forEach((status, count) -> linkGauge("pages", status.name(), count));
                links.tokens().forEach((status, count) -> linkGauge("tokens", status.name(), count));
            }, executor).get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // keep the last values
        }
    }

    private void linkGauge(String what, String status, long count) {
        String state = status.toLowerCase(Locale.ROOT);
        linkGauges.computeIfAbsent(what + ":" + state, k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("messenger." + what, value, AtomicLong::get).tags("status", state)
                    .description("pages".equals(what) ? "Linked pages by status" : "Stored tokens by status")
                    .register(registry);
            return value;
        }).set(count);
    }
}
