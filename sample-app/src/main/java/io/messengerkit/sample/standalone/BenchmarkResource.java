package io.messengerkit.sample.standalone;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.messengerkit.jakarta.persistence.EventQueue;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;

/**
 * What the webhook load test needs besides the webhook itself, registered only when
 * {@code SAMPLE_BENCHMARK_ENDPOINTS=true}:
 * <ul>
 *   <li>{@code POST /sample/noop}: reads the body as the webhook does (bounded) and answers 200, doing nothing
 *       else. The webhook's throughput is measured against it, on the same server in the same run.</li>
 *   <li>{@code GET /sample/inbox-count}: the number of stored webhook deliveries (any API key), so the load
 *       test can check that none was lost.</li>
 *   <li>{@code POST /sample/processing?paused=true|false}: holds or releases the asynchronous processing, so
 *       the endpoint's own capacity can be measured apart from it (any API key).</li>
 *   <li>{@code POST /sample/missing-events} with {@code {"keys":[...]}}: which of the given event keys are not
 *       stored (any API key), so the crash test can check that no acknowledged delivery was lost.</li>
 * </ul>
 */
@Path("sample")
public final class BenchmarkResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookInbox inbox;
    private final EventQueue events;
    private final ChatbotAuthorizer authorizer;
    private final int maxBytes;
    private final PausableExecutor processing;

    @Context
    private HttpHeaders headers;
    @Context
    private SecurityContext security;

    BenchmarkResource(WebhookInbox inbox, EventQueue events, ChatbotAuthorizer authorizer, int maxBytes,
            PausableExecutor processing) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.events = Objects.requireNonNull(events, "events");
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
        this.maxBytes = maxBytes;
        this.processing = Objects.requireNonNull(processing, "processing");
    }

    /** Holds ({@code paused=true}) or releases the asynchronous processing of stored deliveries. */
    @POST
    @Path("processing")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response processing(@jakarta.ws.rs.QueryParam("paused") boolean paused) {
        if (authorizer.authenticate(security, headers).isEmpty()) {
            return Response.status(401).build();
        }
        if (paused) {
            processing.pause();
        } else {
            processing.resume();
        }
        return Response.ok("{\"paused\":" + paused + ",\"held\":" + processing.held() + "}", MediaType.APPLICATION_JSON_TYPE).build();
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

    @POST
    @Path("missing-events")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response missingEvents(InputStream body) throws IOException {
        if (authorizer.authenticate(security, headers).isEmpty()) {
            return Response.status(401).build();
        }
        List<String> keys = new ArrayList<>();
        try {
            JSON.readTree(body).path("keys").forEach(k -> keys.add(k.asText()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new io.messengerkit.jakarta.error.InvalidInputException("keys", "the body must be {\"keys\":[...]}");
        }
        Set<String> stored = events.storedKeys(keys);
        List<String> missing = keys.stream().filter(k -> !stored.contains(k)).toList();
        return Response.ok(JSON.writeValueAsString(Map.of("checked", keys.size(), "missing", missing)),
                MediaType.APPLICATION_JSON_TYPE).build();
    }
}
