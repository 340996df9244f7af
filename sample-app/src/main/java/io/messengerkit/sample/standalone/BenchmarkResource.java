package io.messengerkit.sample.standalone;

import io.messengerkit.jakarta.persistence.WebhookInbox;
import io.messengerkit.jakarta.security.ChatbotAuthorizer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;

/**
 * What the webhook load test needs besides the webhook itself, registered only when
 * {@code SAMPLE_BENCHMARK_ENDPOINTS=true}:
 * <ul>
 *   <li>{@code POST /sample/noop}: reads the body as the webhook does (bounded) and answers 200, doing nothing
 *       else. The webhook's throughput is measured against it, on the same server in the same run.</li>
 *   <li>{@code GET /sample/inbox-count}: the number of stored webhook deliveries (any API key), so the load
 *       test can check that none was lost.</li>
 * </ul>
 */
@Path("sample")
public final class BenchmarkResource {

    private final WebhookInbox inbox;
    private final ChatbotAuthorizer authorizer;
    private final int maxBytes;

    @Context
    private HttpHeaders headers;
    @Context
    private SecurityContext security;

    BenchmarkResource(WebhookInbox inbox, ChatbotAuthorizer authorizer, int maxBytes) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
        this.maxBytes = maxBytes;
    }

    @POST
    @Path("noop")
    @Consumes(MediaType.WILDCARD)
    public Response noop(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(maxBytes + 1);
        return Response.status(bytes.length > maxBytes ? 413 : 200).build();
    }

    @GET
    @Path("inbox-count")
    @Produces(MediaType.APPLICATION_JSON)
    public Response inboxCount() {
        if (authorizer.authenticate(security, headers).isEmpty()) {
            return Response.status(401).build();
        }
        Map<WebhookInbox.State, Long> counts = inbox.counts();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder json = new StringBuilder("{\"count\":").append(total);
        counts.forEach((state, n) -> json.append(",\"").append(state.name().toLowerCase(java.util.Locale.ROOT)).append("\":").append(n));
        return Response.ok(json.append('}').toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
