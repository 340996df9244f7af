package io.messengerkit.sample;

import io.messengerkit.AppSecret;
import io.messengerkit.testkit.emulator.Conversation;
import io.messengerkit.testkit.emulator.DemoWorld;
import io.messengerkit.testkit.emulator.InboundDelivery;
import io.messengerkit.testkit.emulator.PlatformEmulator;
import io.messengerkit.token.TokenKeyset;
import io.messengerkit.webhook.WebhookSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deploys the sample WAR, unchanged, on Payara Micro and drives it over HTTP. The Graph API is the testkit's
 * emulator on loopback, which the WAR reaches through {@code MESSENGER_GRAPH_BASE_URL} in the server's
 * environment; the emulator also plays the Messenger user whose signed webhooks the WAR receives.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraMicroIT {

    private static final String CHATBOT = "payara-bot";
    private static final String API_KEY = "made-up-api-key-for-the-payara-test";
    private static final String VERIFY_TOKEN = "made-up-verify-token";
    private static final Duration REPLY_DEADLINE = Duration.ofSeconds(30);

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static PlatformEmulator emulator;
    private static DemoWorld world;
    private static PayaraMicro payara;

    @BeforeAll
    static void deploy() throws Exception {
        emulator = PlatformEmulator.builder().appSecret(AppSecret.of("made-up-app-secret-for-payara")).start();
        world = emulator.seedDemo();
        Map<String, String> env = new HashMap<>();
        env.put("MESSENGER_APP_ID", emulator.appId());
        env.put("MESSENGER_APP_SECRET", emulator.appSecret().reveal());
        env.put("MESSENGER_GRAPH_BASE_URL", emulator.baseUrl());
        env.put("MESSENGER_VERIFY_TOKEN", VERIFY_TOKEN);
        env.put("MESSENGER_TOKEN_KEYSET", TokenKeyset.generate().toJson());
        env.put("MESSENGER_API_KEYS", CHATBOT + "=" + API_KEY);
        env.put("MESSENGER_INBOX_POLL_INTERVAL", "PT1S");
        payara = PayaraMicro.start(
                Path.of(System.getProperty("payara.micro.jar", "target/payara/payara-micro.jar")),
                Path.of(System.getProperty("sample.war", "target/sample-app.war")),
                Path.of(System.getProperty("sample.target", "target")).resolve("payara"),
                env);
    }

    @AfterAll
    static void stop() {
        if (payara != null) {
            payara.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    @Order(1)
    void answersItsHealthCheckAndServesTheAdminPage() throws Exception {
        HttpResponse<String> health = send(get("sample/health"));
        assertEquals(200, health.statusCode());
        assertEquals("{\"status\":\"UP\"}", health.body());
        HttpResponse<String> page = send(get(""));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Continue with Facebook"), "admin page markup");
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
    }

    @Test
    @Order(2)
    void answersTheWebhookChallengeOnlyWithTheVerifyToken() throws Exception {
        HttpResponse<String> ok = send(get("api/webhook/?hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN
                + "&hub.challenge=1158201444"));
        assertEquals(200, ok.statusCode());
        assertEquals("1158201444", ok.body());
        assertEquals(403, send(get("api/webhook/?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1")).statusCode());
        // Meta's dashboard does the same handshake before it saves the callback URL.
        assertTrue(emulator.verifyAndSetWebhookCallback(payara.baseUri().resolve("api/webhook/"), VERIFY_TOKEN));
    }

    @Test
    @Order(3)
    void managementApiNeedsTheApiKey() throws Exception {
        assertEquals(401, send(get("api/get-linked-pages/?chatbot_id=" + CHATBOT)).statusCode());
        HttpResponse<String> other = send(authorized(get("api/get-linked-pages/?chatbot_id=someone-else")));
        assertFalse(other.statusCode() == 200, "another chatbot's pages: " + other.statusCode());
        HttpResponse<String> mine = send(authorized(get("api/get-linked-pages/?chatbot_id=" + CHATBOT)));
        assertEquals(200, mine.statusCode(), mine.body());
    }

    @Test
    @Order(4)
    void linksAPageAndTheBotAnswersASignedWebhook() throws Exception {
        String shortLived = world.user().shortLivedToken().reveal();
        HttpResponse<String> linked = send(authorized(post("api/fb-linkage/",
                "{\"chatbot_id\":\"" + CHATBOT + "\",\"access_token\":\"" + shortLived + "\"}")));
        assertEquals(200, linked.statusCode(), linked.body());
        assertFalse(linked.body().contains(shortLived), "the response never holds a token");
        String pageId = world.personalPage().id();
        HttpResponse<String> pages = send(authorized(post("api/link-pages/",
                "{\"chatbot_id\":\"" + CHATBOT + "\",\"page_ids\":[\"" + pageId + "\"]}")));
        assertEquals(200, pages.statusCode(), pages.body());
        assertTrue(world.personalPage().subscribedFields().contains("messages"), "page subscribed on link");

        emulator.webhookCallback(payara.baseUri().resolve("api/webhook/"));
        InboundDelivery delivery = world.personalPageCustomer().sends("When are you open?");
        assertTrue(delivery.delivered(), delivery.toString());
        Conversation conversation = world.personalPage().awaitConversation(world.personalPageCustomer().psid(),
                c -> !c.replies().isEmpty(), REPLY_DEADLINE);
        assertFalse(conversation.replies().isEmpty(), "no reply within " + REPLY_DEADLINE + ":\n" + PayaraMicro.logTail(payara.log()));
        assertTrue(conversation.replies().get(0).contains("Monday to Friday"), conversation.replies().toString());

        // The turn is logged after the reply goes out: poll the history briefly.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HttpResponse<String> history;
        do {
            history = send(authorized(get("api/fb-message-summary/?chatbot_id=" + CHATBOT)));
            assertEquals(200, history.statusCode(), history.body());
        } while (!history.body().contains("When are you open?") && System.nanoTime() < deadline && pause());
        assertTrue(history.body().contains("When are you open?"), history.body());
        assertTrue(history.body().contains("\"by_page\":{\"" + pageId + "\":1}"), history.body());
    }

    @Test
    @Order(5)
    void refusesForgedWebhooksAndStoresNothing() throws Exception {
        byte[] body = "{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
        String forged = WebhookSignature.of(AppSecret.of("not-the-app-secret")).sign(body);
        HttpResponse<String> response = send(HttpRequest.newBuilder(payara.baseUri().resolve("api/webhook/"))
                .header("Content-Type", "application/json").header(WebhookSignature.SIGNATURE_256_HEADER, forged)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(10)));
        assertEquals(403, response.statusCode());
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(200);
        return true;
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(payara.baseUri().resolve(path)).timeout(Duration.ofSeconds(20)).GET();
    }

    private static HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(payara.baseUri().resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + API_KEY);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
