package io.messengerkit.sample;

import io.messengerkit.AppSecret;
import io.messengerkit.jakarta.testing.RawHttp;
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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checks every application server must pass with the sample WAR deployed unchanged, driven over HTTP. The
 * Graph API is the testkit's emulator on loopback, which the WAR reaches through {@code MESSENGER_GRAPH_BASE_URL}
 * in the server's environment; the emulator also plays the Messenger user whose signed webhooks the WAR
 * receives. A subclass per server says how to start it ({@link #deploy}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class DeployedWarChecks {

    static final String CHATBOT = "server-bot";
    private static final String API_KEY = "made-up-api-key-for-the-server-tests";
    private static final String VERIFY_TOKEN = "made-up-verify-token";
    private static final Duration REPLY_DEADLINE = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private PlatformEmulator emulator;
    private DemoWorld world;
    private ServerProcess server;
    private boolean pageLinked;

    /**
     * Starts the server with the WAR deployed and the given environment; returns once the WAR answers.
     *
     * @param war     the sample WAR
     * @param target  the module's build directory (servers are unpacked below it)
     * @param env     the application's configuration
     */
    abstract ServerProcess deploy(Path war, Path target, Map<String, String> env) throws Exception;

    /** Checks the linked page's row in the server's database, for servers whose database the test can reach. */
    void assertStoredInDatabase(String pageId) throws Exception {
    }

    /** Releases what {@link #deploy} created besides the server process. */
    void cleanUp() throws Exception {
    }

    @BeforeAll
    void deployTheWar() throws Exception {
        emulator = PlatformEmulator.builder().appSecret(AppSecret.of("made-up-app-secret-for-the-servers")).start();
        world = emulator.seedDemo();
        Map<String, String> env = new HashMap<>();
        env.put("MESSENGER_APP_ID", emulator.appId());
        env.put("MESSENGER_APP_SECRET", emulator.appSecret().reveal());
        env.put("MESSENGER_GRAPH_BASE_URL", emulator.baseUrl());
        env.put("MESSENGER_VERIFY_TOKEN", VERIFY_TOKEN);
        // Base64, as docs/deployment.md recommends for files of KEY=value lines such as Liberty's server.env.
        env.put("MESSENGER_TOKEN_KEYSET", Base64.getEncoder().encodeToString(
                TokenKeyset.generate().toJson().getBytes(StandardCharsets.UTF_8)));
        env.put("MESSENGER_API_KEYS", CHATBOT + "=" + API_KEY);
        env.put("MESSENGER_INBOX_POLL_INTERVAL", "PT1S");
        server = deploy(Path.of(System.getProperty("sample.war", "target/sample-app.war")),
                Path.of(System.getProperty("sample.target", "target")), env);
        System.out.printf(Locale.ROOT, "%s: the WAR answered %.1f s after the server process started (%s)%n",
                server.name(), server.startTime().toMillis() / 1000.0, server.appUri());
    }

    @AfterAll
    void stopTheServer() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
            if (emulator != null) {
                emulator.close();
            }
        } finally {
            cleanUp();
        }
    }

    @Test
    @Order(1)
    void answersItsHealthCheckAndServesTheAdminPage() throws Exception {
        HttpResponse<String> health = send(get("sample/health"));
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().startsWith("{\"status\":\"UP\",\"checks\":["), health.body());
        // Readiness looks at the server's own datasource through the WAR's persistence unit.
        assertTrue(health.body().contains("{\"name\":\"database\",\"status\":\"UP\""), health.body());
        assertTrue(health.body().contains("{\"name\":\"webhook-inbox\",\"status\":\"UP\",\"data\":{\"pending\":"), health.body());
        assertEquals(200, send(get("sample/health/ready")).statusCode());
        HttpResponse<String> live = send(get("sample/health/live"));
        assertEquals(200, live.statusCode(), live.body());
        assertTrue(live.body().contains("{\"name\":\"threads\",\"status\":\"UP\""), live.body());
        HttpResponse<String> page = send(get(""));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Continue with Facebook"), "admin page markup");
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        assertEquals(200, send(get("assets/app.js")).statusCode(), "the page's script, relative to the context root");
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
        assertTrue(emulator.verifyAndSetWebhookCallback(webhookUri(), VERIFY_TOKEN));
    }

    @Test
    @Order(3)
    void managementApiNeedsTheApiKeyAndAnswersProblemDocuments() throws Exception {
        HttpResponse<String> anonymous = send(get("api/get-linked-pages/?chatbot_id=" + CHATBOT));
        assertEquals(401, anonymous.statusCode());
        assertEquals("application/problem+json", anonymous.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        // The problem names the request's own path, context root included, on Jersey and on RESTEasy alike.
        assertTrue(anonymous.body().contains("\"instance\":\"" + server.appUri().getPath() + "api/get-linked-pages/\""),
                anonymous.body());
        HttpResponse<String> other = send(authorized(get("api/get-linked-pages/?chatbot_id=someone-else")));
        assertNotEquals(200, other.statusCode(), "another chatbot's pages: " + other.body());
        HttpResponse<String> mine = send(authorized(get("api/get-linked-pages/?chatbot_id=" + CHATBOT)));
        assertEquals(200, mine.statusCode(), mine.body());
    }

    @Test
    @Order(4)
    void linksAFacebookAccountAndAPage() throws Exception {
        String shortLived = world.user().shortLivedToken().reveal();
        HttpResponse<String> linked = send(authorized(post("api/fb-linkage/",
                "{\"chatbot_id\":\"" + CHATBOT + "\",\"access_token\":\"" + shortLived + "\"}")));
        assertEquals(200, linked.statusCode(), linked.body() + "\n" + ServerProcess.logTail(server.log()));
        assertFalse(linked.body().contains(shortLived), "the response never holds a token");
        String pageId = world.personalPage().id();
        HttpResponse<String> pages = send(authorized(post("api/link-pages/",
                "{\"chatbot_id\":\"" + CHATBOT + "\",\"page_ids\":[\"" + pageId + "\"]}")));
        assertEquals(200, pages.statusCode(), pages.body());
        assertTrue(world.personalPage().subscribedFields().contains("messages"), "page subscribed on link");
        HttpResponse<String> listed = send(authorized(get("api/get-linked-pages/?chatbot_id=" + CHATBOT)));
        assertTrue(listed.body().contains(pageId), listed.body());
        assertStoredInDatabase(pageId);
        pageLinked = true;
    }

    @Test
    @Order(5)
    void theBotAnswersASignedWebhookAndLogsTheTurn() throws Exception {
        assertTrue(pageLinked, "no page is linked (see linksAFacebookAccountAndAPage), so nothing can answer");
        String pageId = world.personalPage().id();
        emulator.webhookCallback(webhookUri());
        InboundDelivery delivery = world.personalPageCustomer().sends("When are you open?");
        assertTrue(delivery.delivered(), delivery.toString());
        Conversation conversation = world.personalPage().awaitConversation(world.personalPageCustomer().psid(),
                c -> !c.replies().isEmpty(), REPLY_DEADLINE);
        assertFalse(conversation.replies().isEmpty(), "no reply within " + REPLY_DEADLINE + ":\n" + ServerProcess.logTail(server.log()));
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
    @Order(6)
    void refusesForgedWebhooksAndStoresNothing() throws Exception {
        byte[] body = "{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
        String forged = WebhookSignature.of(AppSecret.of("not-the-app-secret")).sign(body);
        HttpResponse<String> response = send(HttpRequest.newBuilder(webhookUri())
                .header("Content-Type", "application/json").header(WebhookSignature.SIGNATURE_256_HEADER, forged)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(10)));
        assertEquals(403, response.statusCode());
    }

    @Test
    @Order(7)
    void boundsBodiesAndTakesOnlyJsonOnTheServerToo() throws Exception {
        // The request guards are CDI-managed providers on a real server: a form larger than the limit at the
        // public deletion callback is refused before the callback runs, and a management call whose body is
        // not declared JSON is refused, whatever the server's own JSON and form handling would do.
        // Over a raw socket that reads the answer while it still sends: a server may answer 413 early and
        // stop reading, and java.net.http would then block on sending the rest.
        URI deletion = server.appUri().resolve("api/fb-data-deletion/");
        RawHttp.Answer tooLarge = RawHttp.exchange(deletion, "POST " + deletion.getRawPath() + " HTTP/1.1\r\nHost: "
                + deletion.getHost() + ":" + deletion.getPort() + "\r\nContent-Type: application/x-www-form-urlencoded"
                + "\r\nContent-Length: " + (200 * 1024), 200 * 1024, (byte) 'a', false);
        assertEquals(413, tooLarge.status(), tooLarge.body());
        assertTrue(tooLarge.body().contains("too-large") && tooLarge.body().contains("\"limit\":65536"), tooLarge.body());
        HttpResponse<String> notJson = send(authorized(HttpRequest.newBuilder(server.appUri().resolve("api/link-pages/"))
                .header("Content-Type", "text/plain").timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString("{\"chatbot_id\":\"" + CHATBOT + "\",\"page_ids\":[\"1\"]}"))));
        assertEquals(415, notJson.statusCode(), notJson.body());
    }

    private URI webhookUri() {
        return server.appUri().resolve("api/webhook/");
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(200);
        return true;
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(server.appUri().resolve(path)).timeout(Duration.ofSeconds(20)).GET();
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(server.appUri().resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + API_KEY);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
