package io.messengerkit.sample;

import io.messengerkit.config.MessengerConfig;
import io.messengerkit.jakarta.cdi.JtaTransactions;
import io.messengerkit.jakarta.config.ConfigLookup;
import io.messengerkit.jakarta.config.IntegrationSettings;
import io.messengerkit.jakarta.health.ApplicationHealth;
import io.messengerkit.jakarta.health.HealthResponse;
import io.messengerkit.jakarta.persistence.HealthQueries;
import io.messengerkit.jakarta.persistence.JpaTransactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The health probes, in MicroProfile Health's JSON shape ({@code {"status":"UP","checks":[...]}}), 200 when UP
 * and 503 when DOWN:
 * <ul>
 *   <li>{@code GET /health/ready} and {@code GET /health}: readiness (database, webhook inbox, pages and tokens,
 *       Graph API version); see {@link ApplicationHealth};</li>
 *   <li>{@code GET /health/live}: liveness (no database access).</li>
 * </ul>
 * Public on purpose, so load balancers and orchestrators can poll them; they show counts and dates, never ids,
 * names or tokens.
 *
 * <p>Also answer under {@code /sample/health}, because some servers (Payara Micro's MicroProfile Health) claim
 * {@code /health} for themselves and answer it before the application is even deployed.
 */
@Path("{path: health|sample/health}")
@ApplicationScoped
public class HealthResource {

    private static final System.Logger LOG = System.getLogger(HealthResource.class.getName());

    private volatile ApplicationHealth health;

    /** For servers: the health is built on first use from the integration module's CDI beans. */
    public HealthResource() {
    }

    /** @param health the probes of a backend built without CDI */
    public HealthResource(ApplicationHealth health) {
        this.health = Objects.requireNonNull(health, "health");
    }

    /**
     * The probes of the backend's database and configuration, with the optional readiness limit read from
     * {@code lookup}.
     */
    public static ApplicationHealth.Builder healthOf(JpaTransactions transactions, MessengerConfig config,
                                                     IntegrationSettings settings, ConfigLookup lookup, Clock clock) {
        return ApplicationHealth.builder(new HealthQueries(transactions, clock))
                .clock(clock)
                .graphApiVersion(config.apiVersion())
                .checkInterval(settings.healthCheckInterval())
                .inboxAgeLimit(ApplicationHealth.inboxAgeLimit(lookup));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        return answer(() -> probes().readiness());
    }

    @GET
    @Path("ready")
    @Produces(MediaType.APPLICATION_JSON)
    public Response ready() {
        return answer(() -> probes().readiness());
    }

    @GET
    @Path("live")
    @Produces(MediaType.APPLICATION_JSON)
    public Response live() {
        return answer(() -> probes().liveness());
    }

    private ApplicationHealth probes() {
        ApplicationHealth current = health;
        if (current == null) {
            synchronized (this) {
                if (health == null) {
                    // Looked up on first use rather than injected: configuration that cannot be read (a mistake in
                    // it) must make the probe answer 503, not fail the resource.
                    CDI<Object> cdi = CDI.current();
                    health = healthOf(cdi.select(JtaTransactions.class).get(), cdi.select(MessengerConfig.class).get(),
                            cdi.select(IntegrationSettings.class).get(), ConfigLookup.detect(), Clock.systemUTC()).build();
                }
                current = health;
            }
        }
        return current;
    }

    private static Response answer(Supplier<HealthResponse> probe) {
        String body;
        int status;
        try {
            HealthResponse response = probe.get();
            body = response.toJson();
            status = response.httpStatus();
        } catch (RuntimeException e) {
            // No backend to ask (its configuration is wrong, say): not ready. The reason goes to the log only.
            LOG.log(System.Logger.Level.WARNING, "Health: the Messenger configuration is not usable: {0}", e.toString());
            body = "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"backend\",\"status\":\"DOWN\"}]}";
            status = 503;
        }
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body)
                .header("Cache-Control", "no-store")
                .build();
    }
}
