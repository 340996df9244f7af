package io.messengerkit.testkit.trigger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.messengerkit.AppSecret;
import io.messengerkit.testkit.support.Http;
import io.messengerkit.testkit.support.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookTriggerTest {
    private static final AppSecret SECRET = AppSecret.of("trigger-test-secret");
    private WebhookReceiver receiver;
    private WebhookTrigger trigger;

    @BeforeEach
    void start() {
        receiver = new WebhookReceiver();
        trigger = WebhookTrigger.to(receiver.uri(), SECRET);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void writesNonAsciiAsLowerCaseUnicodeEscapesAndSlashesEscapedLikeMeta() throws Exception {
        WebhookPayload payload = WebhookPayload.of(
                TestEvent.text("1", "2", "\u00e4\u00f6\u00e5 \ud83d\ude00 a/b \"q\"").withTimestamp(1458692752478L)
                        .withMid("m_1"));
        byte[] bytes = payload.toBytes();
        String text = new String(bytes, StandardCharsets.US_ASCII);
        assertEquals("{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"time\":1458692752478,\"messaging\":[{"
                + "\"sender\":{\"id\":\"2\"},\"recipient\":{\"id\":\"1\"},\"timestamp\":1458692752478,"
                + "\"message\":{\"mid\":\"m_1\",\"text\":\"\\u00e4\\u00f6\\u00e5 \\ud83d\\ude00 a\\/b \\\"q\\\"\"}}]}]}",
                text);
        for (byte b : bytes) {
            assertTrue(b >= 0x20 && b < 0x7f, "only printable ASCII on the wire");
        }
        JsonNode parsed = Http.JSON.readTree(bytes);
        assertEquals("\u00e4\u00f6\u00e5 \ud83d\ude00 a/b \"q\"",
                parsed.at("/entry/0/messaging/0/message/text").asText());
    }

    @Test
    void signsTheExactBytesPostedWithSha256AndLegacySha1() {
        WebhookPayload payload = WebhookPayload.of(TestEvent.text("1", "2", "Caf\u00e9"));
        WebhookDelivery answer = trigger.send(payload);
        assertTrue(answer.accepted());
        assertEquals("EVENT_RECEIVED", answer.body());
        WebhookReceiver.Received received = receiver.take();
        assertEquals("POST", received.method());
        assertEquals("application/json", received.header("Content-Type"));
        assertEquals("sha256=" + SECRET.hmacSha256Hex(received.body()), received.header("X-Hub-Signature-256"));
        assertTrue(received.header("X-Hub-Signature").matches("sha1=[0-9a-f]{40}"));
        assertEquals(trigger.signer().signatureSha1(received.body()), received.header("X-Hub-Signature"));
        assertEquals(answer.bytesSent(), received.body().length);
    }

    @Test
    void buildsEveryEventKindInMetaShape() throws Exception {
        List<TestEvent> events = List.of(
                TestEvent.quickReply("1", "2", "Yes", "YES_PAYLOAD"),
                TestEvent.postback("1", "2", "Get Started", "GET_STARTED"),
                TestEvent.reaction("1", "2", "m_abc", "love", "\u2764", true),
                TestEvent.read("1", "2", 1458668856253L),
                TestEvent.delivery("1", "2", List.of("m_abc"), 1458668856253L),
                TestEvent.echo("1", "2", "we said this", "1517776481860111"),
                TestEvent.attachment("1", "2", "sticker", "https://example.com/s.png"));
        JsonNode messaging = Http.JSON.readTree(WebhookPayload.of(events).toBytes()).at("/entry/0/messaging");
        assertEquals(7, messaging.size());
        assertEquals("YES_PAYLOAD", messaging.get(0).at("/message/quick_reply/payload").asText());
        assertEquals("GET_STARTED", messaging.get(1).at("/postback/payload").asText());
        assertTrue(messaging.get(1).at("/postback/mid").asText().startsWith("m_"));
        assertEquals("react", messaging.get(2).at("/reaction/action").asText());
        assertEquals("m_abc", messaging.get(2).at("/reaction/mid").asText());
        assertEquals(1458668856253L, messaging.get(3).at("/read/watermark").asLong());
        assertEquals("m_abc", messaging.get(4).at("/delivery/mids/0").asText());
        JsonNode echo = messaging.get(5);
        assertTrue(echo.at("/message/is_echo").asBoolean());
        assertEquals(1517776481860111L, echo.at("/message/app_id").asLong());
        assertEquals("1", echo.at("/sender/id").asText(), "an echo's sender is the page");
        assertEquals("2", echo.at("/recipient/id").asText());
        assertEquals("sticker", messaging.get(6).at("/message/attachments/0/type").asText());
        for (JsonNode item : messaging) {
            assertTrue(item.get("timestamp").isIntegralNumber());
        }
        assertFalse(TestEvent.echo("1", "2", "typed by a human", null).toMap().toString().contains("app_id"));
    }

    @Test
    void groupsEventsForSeveralPagesIntoOneEntryEach() throws Exception {
        WebhookPayload batch = WebhookPayload.of(
                TestEvent.text("PAGE_A", "U1", "one"),
                TestEvent.text("PAGE_B", "U2", "two"),
                TestEvent.text("PAGE_A", "U3", "three"));
        JsonNode entries = Http.JSON.readTree(batch.toBytes()).get("entry");
        assertEquals(2, entries.size());
        assertEquals("PAGE_A", entries.get(0).get("id").asText());
        assertEquals(2, entries.get(0).get("messaging").size());
        assertEquals("three", entries.get(0).at("/messaging/1/message/text").asText());
        assertEquals("PAGE_B", entries.get(1).get("id").asText());
    }

    @Test
    void putsEventsInStandbyForSecondaryReceiversAndMarksInstagramDeliveries() throws Exception {
        WebhookPayload payload = WebhookPayload.of(TestEvent.text("PAGE_A", "U1", "one"));
        JsonNode standby = Http.JSON.readTree(payload.asStandby().toBytes());
        assertEquals("page", standby.get("object").asText());
        assertEquals("one", standby.at("/entry/0/standby/0/message/text").asText());
        assertTrue(standby.at("/entry/0/messaging").isMissingNode());
        JsonNode instagram = Http.JSON.readTree(payload.asInstagram().toBytes());
        assertEquals("instagram", instagram.get("object").asText());
        assertEquals("one", instagram.at("/entry/0/messaging/0/message/text").asText());
    }

    @Test
    void repeatsTheSameSignedBytesForRedeliveryAndReordersSeparateDeliveries() {
        WebhookPayload payload = WebhookPayload.of(TestEvent.text("1", "2", "again"));
        List<WebhookDelivery> answers = trigger.sendDuplicated(payload, 3);
        assertEquals(3, answers.size());
        byte[] first = receiver.take().body();
        assertArrayEquals(first, receiver.take().body());
        assertArrayEquals(first, receiver.take().body());

        List<WebhookDelivery> concurrent = trigger.sendConcurrently(payload, 4);
        assertTrue(concurrent.stream().allMatch(WebhookDelivery::accepted));
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(first, receiver.take().body());
        }

        List<WebhookPayload> inOrder = new ArrayList<>();
        for (String text : List.of("first", "second", "third")) {
            inOrder.add(WebhookPayload.of(TestEvent.text("1", "2", text)));
        }
        trigger.sendReordered(inOrder);
        assertTrue(new String(receiver.take().body(), StandardCharsets.US_ASCII).contains("third"));
        assertTrue(new String(receiver.take().body(), StandardCharsets.US_ASCII).contains("second"));
        assertTrue(new String(receiver.take().body(), StandardCharsets.US_ASCII).contains("first"));
    }

    @Test
    void reportsRejectionsUnsignedPostsAndTheChallengeHandshake() {
        receiver.answer(r -> r.header("X-Hub-Signature-256") == null ? 403 : 200, r -> "");
        WebhookDelivery unsigned = trigger.sendRaw("{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.US_ASCII), null);
        assertEquals(403, unsigned.status());
        assertFalse(unsigned.accepted());
        assertNull(receiver.take().header("X-Hub-Signature-256"));

        receiver.answer(r -> 200, r -> r.query() != null && r.query().contains("hub.verify_token=tok")
                ? r.query().replaceAll(".*hub.challenge=([^&]*).*", "$1") : "nope");
        WebhookDelivery verified = trigger.verify("tok", "1158201444");
        assertEquals(200, verified.status());
        assertEquals("1158201444", verified.body());
        assertTrue(receiver.take().query().startsWith("hub.mode=subscribe&hub.verify_token=tok"));

        WebhookTrigger nowhere = WebhookTrigger.to(java.net.URI.create("http://127.0.0.1:9/unused"), SECRET);
        WebhookDelivery refused = nowhere.send(WebhookPayload.of(TestEvent.text("1", "2", "x")));
        assertEquals(0, refused.status());
        assertFalse(nowhere.toString().contains("trigger-test-secret"));
    }
}
