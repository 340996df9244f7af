package io.messengerkit.sample.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.messengerkit.jakarta.security.Caller;
import io.messengerkit.jakarta.security.ChatbotAuthorizer;
import io.messengerkit.testkit.emulator.InboundDelivery;
import io.messengerkit.testkit.emulator.PlatformEmulator;
import io.messengerkit.testkit.emulator.TestCustomer;
import io.messengerkit.testkit.emulator.TestInstagramAccount;
import io.messengerkit.testkit.emulator.TestPage;
import io.messengerkit.testkit.emulator.TranscriptEntry;
import io.messengerkit.testkit.trigger.TestEvent;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Demo mode only: "message the page as a user". The admin page asks this resource, with its API key, to
 * have the emulator play a Messenger user; the emulator then delivers a signed webhook to this app exactly
 * as Meta would, and the transcript shows what the page answered (typing, reply, seen).
 *
 * <ul>
 *   <li>{@code POST /api/demo/messages} {@code {chatbot_id, page_id, user, text | quick_reply_payload |
 *       postback_payload + postback_title | reaction + mid}}</li>
 *   <li>{@code GET /api/demo/transcript?chatbot_id&page_id&user}</li>
 * </ul>
 */
@Path("api/demo")
@Produces(MediaType.APPLICATION_JSON)
public final class DemoResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TEXT = 2000;

    private final PlatformEmulator emulator;
    private final ChatbotAuthorizer authorizer;
    /** Demo people by page and display name, so "Alex" keeps one conversation. */
    private final Map<String, String> psids = new ConcurrentHashMap<>();

    @Context
    private HttpHeaders headers;
    @Context
    private SecurityContext security;

    DemoResource(DemoPlatform demo, ChatbotAuthorizer authorizer) {
        this.emulator = demo.emulator();
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
        psids.put(key(demo.world().personalPage().id(), "Alex Rivera"), demo.world().personalPageCustomer().psid());
        psids.put(key(demo.world().businessPage().id(), "Sam Lee"), demo.world().businessPageCustomer().psid());
        demo.world().personalPage().instagramAccount().filter(ig -> !ig.users().isEmpty())
                .ifPresent(ig -> psids.put(key(ig.id(), "Robin Insta"), ig.users().get(0)));
    }

    @POST
    @Path("messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response send(String body) {
        JsonNode request;
        try {
            request = JSON.readTree(body == null ? "" : body);
        } catch (IOException e) {
            return problem(400, "Body is not JSON");
        }
        if (request == null || !request.isObject()) {
            return problem(400, "Body must be a JSON object");
        }
        Response denied = authorize(text(request, "chatbot_id"));
        if (denied != null) {
            return denied;
        }
        // A page id, or the id of the Instagram account connected to a page: its people write to it the same way.
        String pageId = text(request, "page_id");
        if (pageId == null || !known(pageId)) {
            return problem(404, "No such page in the demo: " + pageId);
        }
        String user = userName(request);
        String psid = psid(pageId, user);
        String text = text(request, "text");
        if (text != null && text.length() > MAX_TEXT) {
            return problem(400, "text is longer than " + MAX_TEXT + " characters");
        }
        InboundDelivery delivery;
        if (text(request, "postback_payload") != null) {
            String title = Objects.requireNonNullElse(text(request, "postback_title"), text(request, "postback_payload"));
            delivery = emulator.userTapsPostback(pageId, psid, title, text(request, "postback_payload"));
        } else if (text(request, "quick_reply_payload") != null) {
            delivery = emulator.userTapsQuickReply(pageId, psid, Objects.requireNonNullElse(text, text(request, "quick_reply_payload")),
                    text(request, "quick_reply_payload"));
        } else if (text(request, "reaction") != null && text(request, "mid") != null) {
            delivery = emulator.deliver(TestEvent.reaction(pageId, psid, text(request, "mid"), text(request, "reaction"),
                    Objects.requireNonNullElse(text(request, "emoji"), "\u2764\ufe0f"), true));
        } else if (request.path("read").asBoolean(false)) {
            delivery = emulator.deliver(TestEvent.read(pageId, psid, emulator.clock().millis()));
        } else if (text != null && !text.isBlank()) {
            delivery = emulator.userSends(pageId, psid, text);
        } else {
            return problem(400, "Give text, quick_reply_payload, postback_payload, reaction with mid, or read");
        }
        ObjectNode answer = JSON.createObjectNode()
                .put("page_id", delivery.pageId())
                .put("psid", delivery.psid())
                .put("mid", delivery.mid())
                .put("delivered", delivery.delivered())
                .put("callback_status", delivery.httpStatus());
        if (!delivery.delivered()) {
            answer.put("detail", delivery.detail());
        }
        return json(delivery.delivered() ? 200 : 502, answer);
    }

    @GET
    @Path("transcript")
    public Response transcript(@QueryParam("chatbot_id") String chatbot, @QueryParam("page_id") String pageId,
                               @QueryParam("user") String user) {
        Response denied = authorize(chatbot);
        if (denied != null) {
            return denied;
        }
        if (pageId == null || !known(pageId)) {
            return problem(404, "No such page in the demo: " + pageId);
        }
        String name = user == null || user.isBlank() ? "Alex Rivera" : user.strip();
        String psid = psids.get(key(pageId, name));
        ArrayNode entries = JSON.createArrayNode();
        if (psid != null) {
            for (TranscriptEntry entry : emulator.conversation(pageId, psid).entries()) {
                entries.add(describe(entry));
            }
        }
        ObjectNode answer = JSON.createObjectNode().put("page_id", pageId).put("psid", psid);
        answer.set("entries", entries);
        return json(200, answer);
    }

    /** One transcript step as the admin page draws it. */
    static ObjectNode describe(TranscriptEntry entry) {
        boolean inbound = entry.direction() == TranscriptEntry.Direction.INBOUND;
        ObjectNode node = JSON.createObjectNode()
                .put("sequence", entry.sequence())
                .put("from", inbound ? "user" : "page")
                .put("mid", entry.mid());
        switch (entry.kind()) {
            case SENDER_ACTION -> node.put("kind", entry.senderAction());
            case POSTBACK -> node.put("kind", "postback").put("text", entry.text()).put("payload", entry.payload());
            case MESSAGE -> {
                node.put("kind", "message").put("text", entry.text());
                if (!inbound && entry.json() != null) {
                    addChoices(node, entry.json());
                }
            }
        }
        return node;
    }

    private static void addChoices(ObjectNode node, String messageJson) {
        JsonNode message;
        try {
            message = JSON.readTree(messageJson);
        } catch (IOException e) {
            return;
        }
        ArrayNode quickReplies = node.putArray("quick_replies");
        for (JsonNode q : message.path("quick_replies")) {
            quickReplies.addObject().put("title", q.path("title").asText()).put("payload", q.path("payload").asText());
        }
        JsonNode template = message.path("attachment").path("payload");
        if (template.has("text") && !node.hasNonNull("text")) {
            node.put("text", template.path("text").asText());
        }
        ArrayNode buttons = node.putArray("buttons");
        for (JsonNode b : template.path("buttons")) {
            if ("postback".equals(b.path("type").asText())) {
                buttons.addObject().put("title", b.path("title").asText()).put("payload", b.path("payload").asText());
            }
        }
    }

    private boolean known(String id) {
        return emulator.page(id).isPresent() || emulator.instagramAccount(id).isPresent();
    }

    private String psid(String pageId, String user) {
        return psids.computeIfAbsent(key(pageId, user), k -> {
            int space = user.indexOf(' ');
            String first = space < 0 ? user : user.substring(0, space);
            String last = space < 0 ? "Demo" : user.substring(space + 1);
            Optional<TestInstagramAccount> instagram = emulator.instagramAccount(pageId);
            if (instagram.isPresent()) {
                return instagram.get().createUser(first, last);
            }
            TestPage page = emulator.page(pageId).orElseThrow();
            TestCustomer customer = page.createCustomer(first, last);
            return customer.psid();
        });
    }

    private static String userName(JsonNode request) {
        String user = text(request, "user");
        if (user == null || user.isBlank()) {
            return "Alex Rivera";
        }
        user = user.strip();
        return user.length() > 60 ? user.substring(0, 60) : user;
    }

    private Response authorize(String chatbot) {
        Caller caller = authorizer.authenticate(security, headers).orElse(null);
        if (caller == null) {
            return problem(401, "Missing or unknown API key");
        }
        if (chatbot == null || !caller.mayActOn(chatbot)) {
            return problem(404, "Unknown chatbot");
        }
        return null;
    }

    private static String key(String pageId, String name) {
        return pageId + "\u0000" + name;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Response json(int status, JsonNode body) {
        return Response.status(status).entity(body.toString()).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store").build();
    }

    private static Response problem(int status, String detail) {
        ObjectNode body = JSON.createObjectNode().put("status", status).put("detail", detail);
        body.put("title", status == 401 ? "Unauthorized" : status == 404 ? "Not Found" : status == 502 ? "Bad Gateway" : "Bad Request");
        return Response.status(status).entity(body.toString()).type("application/problem+json").build();
    }
}
