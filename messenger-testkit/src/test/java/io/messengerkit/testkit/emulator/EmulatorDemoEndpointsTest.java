package io.messengerkit.testkit.emulator;

import static io.messengerkit.testkit.support.Http.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.messengerkit.testkit.support.Http;
import io.messengerkit.testkit.support.Http.Answer;
import io.messengerkit.testkit.support.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmulatorDemoEndpointsTest {
    private PlatformEmulator emulator;
    private WebhookReceiver receiver;
    private DemoWorld world;

    @BeforeEach
    void start() {
        receiver = new WebhookReceiver();
        emulator = PlatformEmulator.builder().webhookCallback(receiver.uri()).start();
        world = emulator.seedDemo();
    }

    @AfterEach
    void stop() {
        emulator.close();
        receiver.close();
    }

    @Test
    void servesTheJsSdkStandInForTheEmulatedApp() {
        Answer sdk = Http.get(emulator.baseUrl() + "/emulator/sdk.js");
        assertEquals(200, sdk.status());
        assertTrue(sdk.header("Content-Type").startsWith("application/javascript"));
        assertTrue(sdk.body().contains("window.FB = FB"));
        assertTrue(sdk.body().contains("var APP_ID = \"" + emulator.appId() + "\""));
        assertTrue(sdk.body().contains("Dana Demo"));
        assertFalse(sdk.body().contains("__BASE__"));
    }

    @Test
    void loginGivesAShortLivedTokenTheEmulatorExchanges() {
        Answer login = Http.postJson(emulator.baseUrl() + "/emulator/login",
                "{\"app_id\":\"" + emulator.appId() + "\",\"scope\":\"pages_show_list,pages_messaging\"}");
        assertEquals(200, login.status(), login.body());
        assertEquals(world.user().id(), login.json().get("userID").asText());
        assertEquals(7200, login.json().get("expiresIn").asLong());
        assertEquals("pages_show_list,pages_messaging,public_profile", login.json().get("grantedScopes").asText());
        String shortLived = login.json().get("accessToken").asText();

        Answer exchange = Http.get(emulator.graphUrl() + "/oauth/access_token?grant_type=fb_exchange_token&client_id="
                + emulator.appId() + "&client_secret=" + enc(emulator.appSecret().reveal())
                + "&fb_exchange_token=" + enc(shortLived));
        assertEquals(200, exchange.status(), exchange.body());
        String longLived = exchange.json().get("access_token").asText();
        JsonNode accounts = Http.getBearer(emulator.graphUrl() + "/me/accounts", longLived).json().get("data");
        assertEquals(2, accounts.size(), "Dana's personal page and the business page shared to her");

        assertEquals(400, Http.postJson(emulator.baseUrl() + "/emulator/login", "{\"app_id\":\"42\"}").status());
    }

    @Test
    void messagingThePageAsAUserPostsASignedWebhookAndOpensTheWindow() throws Exception {
        TestPage page = world.personalPage().subscribeApp("messages", "messaging_postbacks");
        String psid = world.personalPageCustomer().psid();
        Answer inbound = Http.postJson(emulator.baseUrl() + "/emulator/pages/" + page.id() + "/inbound",
                "{\"psid\":\"" + psid + "\",\"text\":\"Caf\u00e9 au lait? \ud83d\ude00\"}");
        assertEquals(200, inbound.status(), inbound.body());
        assertTrue(inbound.json().get("delivered").asBoolean(), inbound.body());

        WebhookReceiver.Received webhook = receiver.take();
        String body = new String(webhook.body(), StandardCharsets.US_ASCII);
        assertTrue(body.contains("Caf\\u00e9 au lait? \\ud83d\\ude00"), body);
        assertEquals("sha256=" + emulator.appSecret().hmacSha256Hex(webhook.body()), webhook.header("X-Hub-Signature-256"));
        JsonNode event = Http.JSON.readTree(webhook.body()).path("entry").get(0).path("messaging").get(0);
        assertEquals(psid, event.path("sender").path("id").asText());
        assertEquals(page.id(), event.path("recipient").path("id").asText());
        assertEquals(inbound.json().get("mid").asText(), event.path("message").path("mid").asText());

        Answer reply = Http.postJsonBearer(emulator.graphUrl() + "/me/messages", page.token().reveal(),
                "{\"recipient\":{\"id\":\"" + psid + "\"},\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"Coming up!\"}}");
        assertEquals(200, reply.status(), reply.body());

        Answer transcript = Http.get(emulator.baseUrl() + "/emulator/pages/" + page.id() + "/conversations/" + psid);
        JsonNode entries = transcript.json().get("entries");
        assertEquals(2, entries.size());
        assertEquals("inbound", entries.get(0).get("direction").asText());
        assertEquals("outbound", entries.get(1).get("direction").asText());
        assertEquals("Coming up!", entries.get(1).get("text").asText());
        long firstSequence = entries.get(0).get("sequence").asLong();
        Answer newer = Http.get(emulator.baseUrl() + "/emulator/pages/" + page.id() + "/conversations/" + psid
                + "?after=" + firstSequence);
        assertEquals(1, newer.json().get("entries").size());

        Answer postback = Http.postJson(emulator.baseUrl() + "/emulator/pages/" + page.id() + "/inbound",
                "{\"psid\":\"" + psid + "\",\"postback_payload\":\"MENU\",\"title\":\"Menu\"}");
        assertTrue(postback.json().get("delivered").asBoolean());
        assertTrue(new String(receiver.take().body(), StandardCharsets.US_ASCII).contains("\"postback\":{"));
    }

    @Test
    void deliversReactionsAndReadReceiptsOnlyForSubscribedFields() throws Exception {
        TestPage page = world.personalPage().subscribeApp("messages", "message_reactions");
        String psid = world.personalPageCustomer().psid();
        Answer reaction = Http.postJson(emulator.baseUrl() + "/emulator/pages/" + page.id() + "/inbound",
                "{\"psid\":\"" + psid + "\",\"reaction_mid\":\"m_abc\",\"emoji\":\"\u2764\"}");
        assertTrue(reaction.json().get("delivered").asBoolean(), reaction.body());
        JsonNode event = Http.JSON.readTree(receiver.take().body()).at("/entry/0/messaging/0/reaction");
        assertEquals("m_abc", event.get("mid").asText());
        assertEquals("react", event.get("action").asText());
        assertEquals("\u2764", event.get("emoji").asText());

        Answer read = Http.postForm(emulator.baseUrl() + "/emulator/pages/" + page.id() + "/inbound",
                "psid=" + psid + "&read=true");
        assertFalse(read.json().get("delivered").asBoolean(), "message_reads is not subscribed");
        page.subscribeApp("messages", "message_reads");
        assertTrue(emulator.userReads(page.id(), psid).delivered());
        assertTrue(Http.JSON.readTree(receiver.take().body()).at("/entry/0/messaging/0/read/watermark").asLong() > 0);
        assertTrue(emulator.conversation(page.id(), psid).entries().isEmpty(), "reactions and reads are not messages");
    }

    @Test
    void doesNotDeliverToAPageTheAppIsNotSubscribedTo() {
        TestPage page = world.businessPage();
        Answer inbound = Http.postForm(emulator.baseUrl() + "/emulator/pages/" + page.id() + "/inbound", "text=hello");
        assertEquals(200, inbound.status(), inbound.body());
        assertFalse(inbound.json().get("delivered").asBoolean());
        assertTrue(inbound.json().get("detail").asText().contains("not subscribed"));
        assertEquals(0, receiver.pending());
        assertEquals(1, emulator.conversation(page.id(), inbound.json().get("psid").asText()).entries().size(),
                "the person's message still reached the page");
        assertEquals(404, Http.postForm(emulator.baseUrl() + "/emulator/pages/1/inbound", "text=x").status());
    }

    @Test
    void allowsCrossOriginCallsFromLoopbackPagesOnly() {
        Answer preflight = Http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/emulator/login"))
                .header("Origin", "http://localhost:8080").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, preflight.status());
        assertEquals("http://localhost:8080", preflight.header("Access-Control-Allow-Origin"));
        assertTrue(preflight.header("Access-Control-Allow-Headers").contains("Content-Type"));

        Answer foreign = Http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/emulator/info"))
                .header("Origin", "https://evil.example").GET());
        assertEquals(200, foreign.status());
        assertNull(foreign.header("Access-Control-Allow-Origin"));
        assertFalse(foreign.body().contains("EAA"), "info never reveals tokens");
        assertEquals(world.user().id(), foreign.json().get("demo_user").get("id").asText());
    }
}
