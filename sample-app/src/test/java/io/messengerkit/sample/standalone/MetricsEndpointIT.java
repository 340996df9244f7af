package io.messengerkit.sample.standalone;

import io.messengerkit.AppSecret;
import io.messengerkit.testkit.emulator.Conversation;
import io.messengerkit.testkit.emulator.DemoWorld;
import io.messengerkit.testkit.emulator.Fault;
import io.messengerkit.testkit.emulator.EmulatedGraphError;
import io.messengerkit.testkit.emulator.PlatformEmulator;
import io.messengerkit.testkit.trigger.WebhookDelivery;
import io.messengerkit.testkit.trigger.TestEvent;
import io.messengerkit.testkit.trigger.WebhookPayload;
import io.messengerkit.testkit.trigger.WebhookTrigger;
import io.messengerkit.token.TokenKeyset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The standalone sample's {@code /metrics} in live mode, with the emulator as the Graph API and as the Messenger
 * user: a delivery, a redelivered duplicate and a send Meta refuses each show up in the Prometheus text.
 */
class MetricsEndpointIT {

    private static final String KEY = "made-up-api-key-for-the-metrics-test";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    static Path data;

    private static PlatformEmulator emulator;
    private static DemoWorld world;
    private static SampleServer server;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        emulator = PlatformEmulator.builder().appSecret(AppSecret.of("made-up-metrics-test-app-secret")).start();
        world = emulator.seedDemo();
        Map<String, String> env = new HashMap<>();
        env.put("MESSENGER_APP_ID", emulator.appId());
        env.put("MESSENGER_APP_SECRET", emulator.appSecret().reveal());
        env.put("MESSENGER_GRAPH_BASE_URL", emulator.baseUrl());
        env.put("MESSENGER_TOKEN_KEYSET", TokenKeyset.generate().toJson());
        env.put("MESSENGER_API_KEYS", "shop-bot=" + KEY);
        env.put("MESSENGER_VERIFY_TOKEN", "made-up-verify-token");
        env.put("MESSENGER_INBOX_POLL_INTERVAL", "PT1S");
        env.put("PORT", "0");
        env.put("DATA_DIR", data.toString());
        server = SampleServer.start(StandaloneSettings.fromEnvironment(env), env);

        assertEquals(200, post("api/fb-linkage/", "{\"chatbot_id\":\"shop-bot\",\"access_token\":\""
                + world.user().shortLivedToken().reveal() + "\"}").statusCode());
        assertEquals(200, post("api/link-pages/", "{\"chatbot_id\":\"shop-bot\",\"page_ids\":[\""
                + world.personalPage().id() + "\"]}").statusCode());
        emulator.webhookCallback(server.baseUri().resolve("api/webhook/"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void showsADeliveryADuplicateAndAFailedSend() throws Exception {
        String before = scrape();
        assertEquals(0.0, value(before, "messenger_webhook_deliveries_total").orElse(0.0));

        // A delivery, answered by the bot.
        world.personalPageCustomer().sends("When are you open?");
        Conversation answered = world.personalPage().awaitConversation(world.personalPageCustomer().psid(),
                c -> !c.replies().isEmpty(), DEADLINE);
        assertFalse(answered.replies().isEmpty());
        // The handler's time is recorded once its turn is over (after the reply and the read receipt).
        String afterDelivery = awaitScrape(s -> value(s,
                "messenger_handler_latency_seconds_count{kind=\"message\",outcome=\"ok\"}").isPresent());
        assertTrue(value(afterDelivery, "messenger_sends_total{code=\"0\",result=\"sent\"}").orElse(0.0) >= 1, afterDelivery);
        assertEquals(1.0, value(afterDelivery, "messenger_webhook_deliveries_total").orElseThrow());
        assertEquals(1.0, value(afterDelivery, "messenger_webhook_events_total{kind=\"message\"}").orElseThrow());
        assertTrue(value(afterDelivery, "messenger_webhook_delivery_size_bytes_sum").orElseThrow() > 100, afterDelivery);

        // Meta delivers at least once: the same signed bytes twice, answered once.
        WebhookTrigger trigger = WebhookTrigger.to(server.baseUri().resolve("api/webhook/"), emulator.appSecret());
        List<WebhookDelivery> twice = trigger.sendDuplicated(WebhookPayload.of(TestEvent.text(world.personalPage().id(),
                world.personalPageCustomer().psid(), "Do you deliver?")), 2);
        assertTrue(twice.stream().allMatch(d -> d.status() == 200), twice.toString());
        String afterDuplicate = awaitScrape(s -> value(s, "messenger_webhook_duplicates_total{kind=\"message\"}").isPresent());
        assertEquals(1.0, value(afterDuplicate, "messenger_webhook_duplicates_total{kind=\"message\"}").orElseThrow());
        assertEquals(3.0, value(afterDuplicate, "messenger_webhook_deliveries_total").orElseThrow());
        // The event queue drops the copy before the dispatcher: events are counted once, the copy as a duplicate.
        assertEquals(2.0, value(afterDuplicate, "messenger_webhook_events_total{kind=\"message\"}").orElseThrow());

        // Meta refuses the next Send API call: counted by result and Graph error code.
        emulator.injectFault("/me/messages", 1, Fault.error(new EmulatedGraphError(400, 551, null, "OAuthException",
                "This person isn't available right now.", null)));
        world.personalPageCustomer().sends("Are you there?");
        String afterFailure = awaitScrape(s -> value(s, "messenger_sends_total{code=\"551\",result=\"failed\"}").isPresent());
        assertEquals(1.0, value(afterFailure, "messenger_sends_total{code=\"551\",result=\"failed\"}").orElseThrow());

        // A forged delivery is counted by reason and never reaches the events.
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(server.baseUri().resolve("api/webhook/"))
                .header("Content-Type", "application/json").header("X-Hub-Signature-256", "sha256=" + "0".repeat(64))
                .POST(HttpRequest.BodyPublishers.ofString("{\"object\":\"page\",\"entry\":[]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, forged.statusCode());
        String last = scrape();
        assertEquals(1.0, value(last, "messenger_webhook_signature_failures_total{reason=\"mismatch\"}").orElseThrow());
        assertTrue(value(last, "messenger_inbox_pending").isPresent(), "the inbox backlog gauge");
        assertEquals(1.0, value(last, "messenger_pages{status=\"active\"}").orElseThrow(), "the linked page");
        assertFalse(last.contains(world.personalPageCustomer().psid()), "no person id in any tag");
    }

    /** The value of the sample whose name and labels are exactly {@code series}. */
    private static Optional<Double> value(String scrape, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }

    private static String awaitScrape(java.util.function.Predicate<String> ready) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String text = scrape();
        while (!ready.test(text) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            text = scrape();
        }
        assertTrue(ready.test(text), "not seen within " + DEADLINE + ":\n" + text);
        return text;
    }

    private static String scrape() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.baseUri().resolve("metrics"))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), response.headers().toString());
        return response.body();
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        URI uri = server.baseUri().resolve(path);
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
