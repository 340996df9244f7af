package io.messengerkit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.messengerkit.webhook.DispatchReport;
import io.messengerkit.webhook.WebhookSignatureException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proves the benchmark measures real work: every implementation verifies the signature and sees every
 * event of every payload, and each would reject a forged signature (so the measured path is the
 * accepting one, not a failure path).
 */
class BenchmarkStatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(Payload.class)
    void payloadCarriesTheEventsItPromises(Payload payload) throws IOException {
        JsonNode root = JSON.readTree(payload.body());
        int events = 0;
        for (JsonNode entry : root.get("entry")) {
            events += entry.get("messaging").size();
        }
        assertEquals(payload.events(), events);
    }

    @ParameterizedTest
    @EnumSource(Payload.class)
    void payloadIsSignedOverItsRawBytes(Payload payload) {
        assertEquals("sha256=" + Payload.appSecret().hmacSha256Hex(payload.body()), payload.signature256());
        assertTrue(payload.signature1().matches("sha1=[0-9a-f]{40}"));
    }

    @Test
    void unicodeTextsAreEscapedTheWayMetaSendsThem() throws IOException {
        byte[] body = Payload.MIXED_50_UNICODE.body();
        for (byte b : body) {
            assertTrue(b > 0 && b < 0x7f, "body must be pure ASCII");
        }
        String raw = new String(body, StandardCharsets.US_ASCII);
        assertTrue(raw.contains("\\u00e9"), "accented Latin escaped");
        assertTrue(raw.contains("\\ud83d\\ude00"), "emoji escaped as a surrogate pair");
        assertTrue(raw.contains("https:\\/\\/"), "slashes escaped");

        String decoded = JSON.readTree(body).toString();
        assertTrue(decoded.contains("réserver une table"));
        assertTrue(decoded.contains("😀"));
        assertTrue(JSON.readTree(body).at("/entry/0/messaging/0/message/text").asText().length() > 500,
                "long texts");
    }

    @ParameterizedTest
    @EnumSource(Payload.class)
    void benchmarkStateIsValidForEveryImplementation(Payload payload) {
        WebhookBenchmark benchmark = new WebhookBenchmark();
        benchmark.payload = payload;
        benchmark.setUp();

        assertEquals(payload.events(), benchmark.messengerkit());
        assertEquals(payload.events(), benchmark.restfb());
        assertEquals(payload.events(), benchmark.messenger4j());
        assertTrue(benchmark.floor() > payload.body().length / 100);
    }

    @ParameterizedTest
    @EnumSource(Payload.class)
    void messengerkitDispatchesEveryEventCleanly(Payload payload) {
        MessengerKitWebhook messengerkit = new MessengerKitWebhook(Payload.appSecret());

        assertEquals(payload.events(), messengerkit.handle(payload.body(), payload.signature256()));
        assertEquals(new DispatchReport(payload.events(), payload.events(), 0, 0, 0, 0), messengerkit.lastReport());
        // Dispatching the same body again does the same work: nothing is skipped as a duplicate.
        assertEquals(payload.events(), messengerkit.handle(payload.body(), payload.signature256()));
        assertEquals(0, messengerkit.lastReport().duplicates());
    }

    @ParameterizedTest
    @EnumSource(Payload.class)
    void messengerkitRejectsForgedSignature(Payload payload) {
        MessengerKitWebhook messengerkit = new MessengerKitWebhook(Payload.appSecret());
        assertThrows(WebhookSignatureException.class,
                () -> messengerkit.handle(payload.body(), forged(payload.signature256())));
        assertThrows(WebhookSignatureException.class,
                () -> messengerkit.handle(tampered(payload.body()), payload.signature256()));
    }

    @ParameterizedTest
    @EnumSource(Payload.class)
    void stageBenchmarkMeasuresTheSameWork(Payload payload) {
        StageBenchmark stages = new StageBenchmark();
        stages.payload = payload;
        stages.setUp();

        assertTrue(stages.sdkSignature());
        assertEquals(payload.events(), stages.sdkParse().eventCount());
        assertEquals(payload.events(), stages.sdkDispatchParsed());
        assertTrue(stages.floorSignature());
        assertTrue(stages.floorRead() > 0);
    }

    @ParameterizedTest
    @EnumSource(Payload.class)
    void restfbAdapterRejectsForgedSignature(Payload payload) {
        RestFbWebhook restfb = new RestFbWebhook(Payload.appSecret());
        assertThrows(SecurityException.class, () -> restfb.handle(payload.body(), forged(payload.signature256())));
        assertThrows(SecurityException.class, () -> restfb.handle(tampered(payload.body()), payload.signature256()));
    }

    @ParameterizedTest
    @EnumSource(Payload.class)
    void messenger4jRejectsForgedSignature(Payload payload) {
        Messenger4jWebhook messenger4j = new Messenger4jWebhook(Payload.appSecret());
        assertThrows(SecurityException.class, () -> messenger4j.handle(payload.body(), forged(payload.signature1())));
        assertThrows(SecurityException.class, () -> messenger4j.handle(tampered(payload.body()), payload.signature1()));
    }

    @ParameterizedTest
    @EnumSource(Payload.class)
    void floorRejectsForgedSignature(Payload payload) {
        Floor floor = new Floor(Payload.appSecret());
        assertThrows(SecurityException.class, () -> floor.process(payload.body(), forged(payload.signature256())));
        assertThrows(SecurityException.class, () -> floor.process(tampered(payload.body()), payload.signature256()));
    }

    /** The same header with its last hex digit changed. */
    static String forged(String header) {
        char last = header.charAt(header.length() - 1);
        return header.substring(0, header.length() - 1) + (last == '0' ? '1' : '0');
    }

    /** The same body with one digit of the first timestamp changed: still valid JSON. */
    static byte[] tampered(byte[] body) {
        byte[] copy = body.clone();
        String raw = new String(copy, StandardCharsets.US_ASCII);
        int at = raw.indexOf("\"timestamp\":") + "\"timestamp\":".length() + 5;
        copy[at] = (byte) (copy[at] == '9' ? '8' : '9');
        return copy;
    }
}
