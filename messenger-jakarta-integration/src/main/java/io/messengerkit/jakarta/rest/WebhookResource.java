package io.messengerkit.jakarta.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.messengerkit.jakarta.MessengerBackend;
import io.messengerkit.webhook.WebhookSignature;
import io.messengerkit.webhook.WebhookSignatureException;
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
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * Meta's webhook callback, {@code GET|POST /api/webhook/}.
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
    private static final System.Logger LOG = System.getLogger(WebhookResource.class.getName());
    private static final JsonFactory JSON = new JsonFactory();

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
        try {
            String answer = backend.webhookSignature().verifyChallenge(mode, verifyToken, challenge);
            return Response.ok(answer, MediaType.TEXT_PLAIN_TYPE).build();
        } catch (WebhookSignatureException e) {
            throw new ApiProblem(403, ApiProblem.TYPE_BASE + "webhook-verification-failed", "Verification failed",
                    "hub.mode or hub.verify_token is wrong.", null);
        }
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
        int limit = backend.settings().webhookMaxBytes();
        if (headers != null && headers.getLength() > limit) {
            throw ApiProblem.tooLarge(limit);
        }
        byte[] raw = BoundedBody.read(body, limit);
        if (!backend.webhookSignature().isValid(raw, signature)) {
            LOG.log(Level.WARNING, "Rejected a webhook delivery of {0} bytes: {1} signature", raw.length,
                    signature == null ? "missing" : "invalid");
            throw new ApiProblem(403, ApiProblem.TYPE_BASE + "invalid-signature", "Invalid signature",
                    "X-Hub-Signature-256 is missing or does not match the body.", Map.of());
        }
        String broken = wellFormedObject(raw);
        if (broken == null) {
            backend.inbox().accept(raw);
            backend.inboxWorker().wake();
        } else {
            long id = backend.inbox().acceptFailed(raw, broken);
            LOG.log(Level.WARNING, "Stored signed but unusable webhook delivery {0} as failed: {1}", id, broken);
        }
        return Response.ok("EVENT_RECEIVED", MediaType.TEXT_PLAIN_TYPE).build();
    }

    /** Null if the bytes are one well-formed JSON object, else why not (without echoing content). */
    static String wellFormedObject(byte[] raw) {
        try (JsonParser parser = JSON.createParser(raw)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return "body is not a JSON object";
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                return "body has content after the JSON object";
            }
            return null;
        } catch (IOException e) {
            return "body is not valid JSON";
        }
    }
}
