package io.messengerkit.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.messengerkit.AccessToken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Conversation Routing (the successor of the Handover Protocol): move control of one conversation
 * between apps. All calls use the Page token of a person with the MANAGE task and answer
 * {@code {"success":true}}; a refused move fails with a {@link GraphException} (for example
 * 2018300 when another app controls the thread).
 *
 * <pre>{@code
 * ConversationRouting routing = graph.routing();
 * routing.passThreadControl(pageToken, psid, ConversationRouting.PAGE_INBOX_APP_ID, "customer asked for a human");
 * Optional<ThreadOwner> owner = routing.threadOwner(pageToken, psid);
 * }</pre>
 */
public final class ConversationRouting {
    /** The Page Inbox's app id: pass a conversation to it to hand it to people answering in the inbox. */
    public static final String PAGE_INBOX_APP_ID = "263902037430900";
    /** The longest {@code extend_thread_control} Meta allows. */
    public static final Duration MAX_EXTENSION = Duration.ofDays(7);

    private final GraphEngine engine;

    ConversationRouting(GraphEngine engine) {
        this.engine = engine;
    }

    /**
     * Passes control to another app ({@code POST /me/pass_thread_control}).
     *
     * @param pageToken the page access token
     * @param psid the person
     * @param targetAppId the app that takes over, e.g. {@link #PAGE_INBOX_APP_ID}
     * @param metadata handed to the new owner, or null
     */
    public void passThreadControl(AccessToken pageToken, String psid, String targetAppId, String metadata) {
        Ids.check(targetAppId, "targetAppId");
        ObjectNode body = body(psid, metadata);
        body.put("target_app_id", targetAppId);
        GraphEngine.await(post(pageToken, "pass_thread_control", body));
    }

    /**
     * Takes control back ({@code POST /me/take_thread_control}); allowed on an idle thread or for the default app.
     *
     * @param pageToken the page access token
     * @param psid the person
     * @param metadata handed to the previous owner, or null
     */
    public void takeThreadControl(AccessToken pageToken, String psid, String metadata) {
        GraphEngine.await(post(pageToken, "take_thread_control", body(psid, metadata)));
    }

    /**
     * Asks the owner for control ({@code POST /me/request_thread_control}).
     *
     * @param pageToken the page access token
     * @param psid the person
     * @param metadata handed to the owner, or null
     */
    public void requestThreadControl(AccessToken pageToken, String psid, String metadata) {
        GraphEngine.await(post(pageToken, "request_thread_control", body(psid, metadata)));
    }

    /**
     * Releases control; the thread goes idle ({@code POST /me/release_thread_control}).
     *
     * @param pageToken the page access token
     * @param psid the person
     * @param metadata or null
     */
    public void releaseThreadControl(AccessToken pageToken, String psid, String metadata) {
        GraphEngine.await(post(pageToken, "release_thread_control", body(psid, metadata)));
    }

    /**
     * Keeps control longer than the 24 hours of inactivity after which it lapses
     * ({@code POST /me/extend_thread_control}).
     *
     * @param pageToken the page access token
     * @param psid the person
     * @param duration at most {@link #MAX_EXTENSION}
     */
    public void extendThreadControl(AccessToken pageToken, String psid, Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_EXTENSION) > 0) {
            throw new IllegalArgumentException("an extension is between 1 second and 7 days");
        }
        ObjectNode body = body(psid, null);
        body.put("duration", duration.toSeconds());
        GraphEngine.await(post(pageToken, "extend_thread_control", body));
    }

    /**
     * {@code GET /me/thread_owner?recipient=PSID}.
     *
     * @param pageToken the page access token
     * @param psid the person
     * @return the owner, or empty when the thread is idle
     */
    public Optional<ThreadOwner> threadOwner(AccessToken pageToken, String psid) {
        Ids.check(psid, "psid");
        GraphResponse r = GraphEngine.await(engine.execute(GraphCall.get("thread_owner", "/me/thread_owner",
                Map.of("recipient", psid), Objects.requireNonNull(pageToken, "pageToken"))));
        JsonNode first = r.body().path("data").path(0);
        if (first.isMissingNode()) {
            return Optional.empty();
        }
        JsonNode owner = first.path("thread_owner");
        return Optional.of(new ThreadOwner(Json.optText(owner, "app_id"), Json.optText(owner, "expiration")));
    }

    /**
     * {@code GET /me/secondary_receivers?fields=id,name}: the apps that may receive this Page's conversations.
     *
     * @param pageToken the page access token
     * @return the apps
     */
    public List<SecondaryReceiver> secondaryReceivers(AccessToken pageToken) {
        List<JsonNode> items = GraphEngine.await(Paging.all(engine, GraphCall.get("secondary_receivers",
                "/me/secondary_receivers", Map.of("fields", "id,name"), Objects.requireNonNull(pageToken, "pageToken"))));
        List<SecondaryReceiver> result = new ArrayList<>();
        for (JsonNode n : items) {
            result.add(new SecondaryReceiver(Json.text(n, "id"), Json.text(n, "name")));
        }
        return List.copyOf(result);
    }

    private static ObjectNode body(String psid, String metadata) {
        Ids.check(psid, "psid");
        ObjectNode body = Json.object();
        body.putObject("recipient").put("id", psid);
        if (metadata != null) {
            if (metadata.length() > 1000) {
                throw new IllegalArgumentException("routing metadata is at most 1000 characters");
            }
            body.put("metadata", metadata);
        }
        return body;
    }

    private CompletableFuture<Void> post(AccessToken pageToken, String endpoint, ObjectNode body) {
        GraphCall call = new GraphCall(endpoint, "POST", "/me/" + endpoint, Map.of(),
                Objects.requireNonNull(pageToken, "pageToken"), true, null, Json.bytes(body), false, true);
        return engine.execute(call).thenAccept(r -> Subscriptions.requireSuccess(r, endpoint));
    }
}
