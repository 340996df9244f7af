package io.messengerkit.testkit.emulator;

import com.sun.net.httpserver.HttpExchange;
import io.messengerkit.testkit.json.MetaStyleJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code /emulator/*} endpoints: the JS SDK stand-in, demo login, inbound messages and transcripts. */
final class DemoApi {
    private static final byte[] AVATAR = resource("avatar.png");

    private final PlatformEmulator emulator;
    private final String sdkTemplate;

    DemoApi(PlatformEmulator emulator) {
        this.emulator = emulator;
        this.sdkTemplate = new String(resource("sdk.js"), StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) {
        try (InputStream in = DemoApi.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the testkit jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply handle(HttpExchange exchange) throws IOException {
        GraphRequest r;
        try {
            r = GraphRequest.parse(exchange);
        } catch (GraphErrorException e) {
            return problem(400, e.error().message());
        }
        List<String> s = r.segments;
        String route = r.method + " " + String.join("/", s);
        if (route.equals("GET emulator/sdk.js")) {
            return sdk();
        }
        if (route.equals("POST emulator/login")) {
            return login(r);
        }
        if (route.equals("GET emulator/info")) {
            return info();
        }
        if (s.size() == 3 && s.get(1).equals("avatars") && r.method.equals("GET")) {
            Reply reply = new Reply(200, "image/png", AVATAR.clone(), new LinkedHashMap<>());
            return reply;
        }
        if (s.size() >= 3 && (s.get(1).equals("instagram-graph") || s.get(1).equals("instagram-api"))) {
            return emulator.instagramLogin.handle(r, s.subList(1, s.size()));
        }
        if (s.size() >= 4 && s.get(1).equals("pages")) {
            String pageId = s.get(2);
            // An Instagram account id works here too: its people write to it like to a page.
            if (emulator.world.page(pageId) == null && emulator.world.instagram(pageId) == null) {
                return problem(404, "no such page: " + pageId);
            }
            if (s.size() == 4 && s.get(3).equals("inbound") && r.method.equals("POST")) {
                return inbound(r, pageId);
            }
            if (s.size() == 4 && s.get(3).equals("inbox-reply") && r.method.equals("POST")) {
                return inboxReply(r, pageId);
            }
            if (s.size() == 4 && s.get(3).equals("conversations") && r.method.equals("GET")) {
                List<Object> data = new ArrayList<>();
                for (Conversation c : emulator.conversations(pageId)) {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("psid", c.psid());
                    item.put("entries", c.entries().size());
                    item.put("last_sequence", c.entries().isEmpty() ? 0 : c.entries().get(c.entries().size() - 1).sequence());
                    data.add(item);
                }
                return Reply.json(200, Map.of("data", data));
            }
            if (s.size() == 5 && s.get(3).equals("conversations") && r.method.equals("GET")) {
                return conversation(r, pageId, s.get(4));
            }
        }
        return problem(404, "no emulator endpoint " + r.method + " " + r.path);
    }

    private Reply sdk() {
        TestUser user = emulator.demoUser();
        String script = sdkTemplate
                .replace("__BASE__", MetaStyleJson.string(emulator.baseUrl()))
                .replace("__APP_ID__", MetaStyleJson.string(emulator.appId()))
                .replace("__VERSION__", MetaStyleJson.string(emulator.defaultVersion()))
                .replace("__USER_NAME__", MetaStyleJson.string(user.name()))
                .replace("__APP_NAME__", MetaStyleJson.string(emulator.app.name()));
        return Reply.text(200, "application/javascript; charset=UTF-8", script);
    }

    private Reply login(GraphRequest r) {
        String appId = r.param("app_id");
        if (appId != null && !appId.isBlank() && !appId.equals(emulator.appId())) {
            return problem(400, "app id " + appId + " is not the emulated app");
        }
        TestUser user = emulator.demoUser();
        Set<String> scopes = Tokens.scopes(r.param("scope"));
        String token = emulator.world.issueUserToken(user.id(), false, scopes);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accessToken", token);
        body.put("expiresIn", Tokens.SHORT_LIVED_SECONDS);
        body.put("data_access_expiration_time", emulator.clock().instant().plusSeconds(90L * 24 * 3600).getEpochSecond());
        body.put("userID", user.id());
        body.put("grantedScopes", String.join(",", scopes));
        return Reply.json(200, body);
    }

    private Reply info() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("app_id", emulator.appId());
        body.put("graph_base_url", emulator.baseUrl());
        body.put("graph_version", emulator.defaultVersion());
        body.put("webhook_callback", emulator.webhookCallback().map(Object::toString).orElse(null));
        TestUser user = emulator.demoUser();
        body.put("demo_user", MetaStyleJson.object("id", user.id(), "name", user.name()));
        List<Object> pages = new ArrayList<>();
        for (TestPage page : emulator.pages()) {
            Model.PageRecord record = emulator.world.page(page.id());
            pages.add(MetaStyleJson.object("id", page.id(), "name", record.name, "business_id", record.businessId,
                    "subscribed_fields", List.copyOf(emulator.world.subscribedFields(page.id())),
                    "customers", page.customers().stream().map(TestCustomer::psid).toList(),
                    "instagram", page.instagramAccount().map(ig -> MetaStyleJson.object("id", ig.id(), "username",
                            ig.username(), "name", ig.name(), "customers", ig.users())).orElse(null)));
        }
        body.put("pages", pages);
        return Reply.json(200, body);
    }

    private Reply inbound(GraphRequest r, String pageId) {
        String psid = r.param("psid");
        if (psid == null || psid.isBlank()) {
            List<Model.CustomerRecord> customers = emulator.world.customersOf(pageId);
            psid = customers.isEmpty()
                    ? emulator.world.createCustomer(pageId, null, "Demo", "Customer").psid
                    : customers.get(0).psid;
        }
        String text = r.param("text");
        String quickReply = r.param("quick_reply_payload");
        String postback = r.param("postback_payload");
        String title = r.param("title");
        String reactionMid = r.param("reaction_mid");
        InboundDelivery result;
        if (reactionMid != null) {
            String emoji = r.param("emoji") == null ? "\u2764\ufe0f" : r.param("emoji");
            result = emulator.deliver(io.messengerkit.testkit.trigger.TestEvent.reaction(pageId, psid, reactionMid,
                    r.param("reaction") == null ? "love" : r.param("reaction"), emoji,
                    !"unreact".equals(r.param("action"))));
        } else if ("true".equals(r.param("read"))) {
            result = emulator.deliver(io.messengerkit.testkit.trigger.TestEvent.read(pageId, psid,
                    emulator.clock().millis()));
        } else if (postback != null) {
            result = emulator.userTapsPostback(pageId, psid, title == null ? postback : title, postback);
        } else if (quickReply != null) {
            result = emulator.userTapsQuickReply(pageId, psid, text == null ? quickReply : text, quickReply);
        } else if (text != null && !text.isBlank()) {
            result = emulator.userSends(pageId, psid, text);
        } else {
            return problem(400, "give text, quick_reply_payload, postback_payload, reaction_mid or read");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("page_id", result.pageId());
        body.put("psid", result.psid());
        body.put("mid", result.mid());
        body.put("delivered", result.delivered());
        body.put("callback_status", result.httpStatus());
        body.put("detail", result.detail());
        return Reply.json(200, body);
    }

    /** A person at the business answers in the Page inbox: {@code {psid, text}}; the echo has no app id. */
    private Reply inboxReply(GraphRequest r, String pageId) {
        String psid = r.param("psid");
        String text = r.param("text");
        if (psid == null || text == null || text.isBlank()) {
            return problem(400, "give psid and text");
        }
        if (emulator.world.customer(pageId, psid) == null) {
            return problem(404, "person " + psid + " never wrote to page " + pageId);
        }
        InboundDelivery result = emulator.pageInboxReplies(pageId, psid, text);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("page_id", pageId);
        body.put("psid", psid);
        body.put("mid", result.mid());
        body.put("delivered", result.delivered());
        body.put("callback_status", result.httpStatus());
        body.put("detail", result.detail());
        return Reply.json(200, body);
    }

    private Reply conversation(GraphRequest r, String pageId, String psid) {
        long after = 0;
        String raw = r.param("after");
        if (raw != null) {
            try {
                after = Long.parseLong(raw);
            } catch (NumberFormatException e) {
                return problem(400, "after must be a number");
            }
        }
        List<Object> entries = new ArrayList<>();
        for (TranscriptEntry e : emulator.conversation(pageId, psid).entries()) {
            if (e.sequence() <= after) {
                continue;
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("sequence", e.sequence());
            item.put("timestamp", e.at().toEpochMilli());
            item.put("direction", e.direction().name().toLowerCase(java.util.Locale.ROOT));
            item.put("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT));
            item.put("mid", e.mid());
            item.put("text", e.text());
            item.put("sender_action", e.senderAction());
            item.put("quick_replies", e.quickReplies());
            item.put("attachment_type", e.attachmentType());
            item.put("payload", e.payload());
            item.put("messaging_type", e.messagingType());
            entries.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("page_id", pageId);
        body.put("psid", psid);
        body.put("entries", entries);
        return Reply.json(200, body);
    }

    private static Reply problem(int status, String message) {
        return Reply.json(status, Map.of("error", Map.of("message", message)));
    }
}
