package io.messengerkit.testkit.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/** The Send API calls the emulator refused: the last 10,000. Thread-safe. */
final class RefusedSends {
    static final int CAPACITY = 10_000;

    private final World world;
    private final Deque<RefusedSend> refused = new ArrayDeque<>();

    RefusedSends(World world) {
        this.world = world;
    }

    /** True for a call of the Send API: {@code POST /{page-id or me}/messages}. */
    static boolean isSend(GraphRequest request) {
        return request.method.equals("POST") && request.segments.size() == 2
                && request.segments.get(1).equals("messages");
    }

    /** Records the refusal of a send; other calls are ignored. */
    void record(long sequence, Instant at, GraphRequest request, EmulatedGraphError error) {
        if (!isSend(request)) {
            return;
        }
        String node = request.segments.get(0);
        String pageId = node.equals("me") ? world.pageOfToken(request.token) : node;
        RefusedSend entry = new RefusedSend(sequence, at, pageId, recipient(request), attempted(request), error);
        synchronized (refused) {
            refused.addLast(entry);
            while (refused.size() > CAPACITY) {
                refused.removeFirst();
            }
        }
    }

    List<RefusedSend> all() {
        synchronized (refused) {
            return List.copyOf(refused);
        }
    }

    /** The refusals of sends to this person; a call whose token named no page counts for every page. */
    List<RefusedSend> to(String pageId, String psid) {
        return all().stream()
                .filter(r -> psid.equals(r.psid()) && (r.pageId() == null || r.pageId().equals(pageId)))
                .toList();
    }

    void clear() {
        synchronized (refused) {
            refused.clear();
        }
    }

    private static String recipient(GraphRequest request) {
        try {
            JsonNode recipient = request.jsonParam("recipient");
            return recipient != null && recipient.hasNonNull("id") ? recipient.get("id").asText() : null;
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    /** What the call tried to send, briefly: its text, attachment type or sender action. */
    private static String attempted(GraphRequest request) {
        String action = request.param("sender_action");
        if (action != null) {
            return "sender action " + action;
        }
        try {
            JsonNode message = request.jsonParam("message");
            if (message != null && message.hasNonNull("text")) {
                return "text '" + message.get("text").asText() + "'";
            }
            if (message != null && message.hasNonNull("attachment")) {
                return Objects.toString(message.get("attachment").path("type").asText(null), "an") + " attachment";
            }
        } catch (RuntimeException malformed) {
            // a message that is no JSON: described as a message
        }
        return "a message";
    }
}
