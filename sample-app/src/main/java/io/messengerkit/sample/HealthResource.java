package io.messengerkit.sample;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health}: 200 {@code {"status":"UP"}} when the application can serve requests, 503 otherwise.
 * Public on purpose, so load balancers and start scripts can poll it; it reveals nothing else.
 *
 * <p>Also answers at {@code /sample/health}, because some servers (Payara Micro's MicroProfile Health)
 * claim {@code /health} for themselves and answer it before the application is even deployed.
 */
@Path("{path: health|sample/health}")
public class HealthResource {

    private final BooleanSupplier ready;

    /** For servers: deployed means ready, the server checks its own datasource. */
    public HealthResource() {
        this(() -> true);
    }

    /** @param ready answers whether the application's dependencies (database) are usable right now */
    public HealthResource(BooleanSupplier ready) {
        this.ready = Objects.requireNonNull(ready, "ready");
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        boolean up;
        try {
            up = ready.getAsBoolean();
        } catch (RuntimeException e) {
            up = false;
        }
        return Response.status(up ? 200 : 503)
                .entity(up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}")
                .header("Cache-Control", "no-store")
                .build();
    }
}
