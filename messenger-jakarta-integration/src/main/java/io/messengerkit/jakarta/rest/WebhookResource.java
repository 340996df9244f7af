package io.messengerkit.jakarta.rest;

import io.messengerkit.jakarta.MessengerBackend;
import io.messengerkit.jakarta.webhook.WebhookIntake;
import io.messengerkit.webhook.WebhookSignature;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * Meta's webhook callback, {@code GET|POST /api/webhook/}, adapting {@link WebhookIntake} to HTTP.
 *
 * <p>POST: read at most the configured number of bytes (413 beyond), verify
 * {@code X-Hub-Signature-256} over exactly those bytes (403 and nothing stored when it fails),
 * store the delivery in the inbox in one transaction, answer 200 at once, and let the inbox
 * worker process it. A correctly signed body that is not JSON is stored as failed and still
 * answered 200, so Meta does not redeliver it forever.
 */
@Path("/api/webhook")
@RequestScoped
public class WebhookResource {
    @Inject
    MessengerBackend backend;

    /** For the JAX-RS runtime. */
    public WebhookResource() {
    }

    /**
     * The subscription handshake: echo {@code hub.challenge} when mode and verify token match.
     *
     * @param mode {@code hub.mode}
     * @param verifyToken {@code hub.verify_token}
     * @param challenge {@code hub.challenge}
     * @return 200 with the challenge as plain text
     */
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Response verify(@QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String verifyToken,
            @QueryParam("hub.challenge") String challenge) {
        String answer = backend.webhooks().verifySubscription(mode, verifyToken, challenge);
        return Response.ok(answer, MediaType.TEXT_PLAIN_TYPE).build();
    }

    /**
     * A delivery: bounded read, verify, store, 200.
     *
     * @param signature the {@code X-Hub-Signature-256} header
     * @param headers the request headers (for the declared length)
     * @param body the raw body
     * @return 200 once the delivery is stored
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public Response receive(@HeaderParam(WebhookSignature.SIGNATURE_256_HEADER) String signature,
            @Context HttpHeaders headers, InputStream body) {
        backend.webhooks().receive(body, headers == null ? -1 : headers.getLength(), signature);
        return Response.ok("EVENT_RECEIVED", MediaType.TEXT_PLAIN_TYPE).build();
    }
}
