package io.messengerkit.webhook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.messengerkit.AppSecret;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private static final AppSecret SECRET = AppSecret.of("made-up-app-secret");
    private final WebhookSignature signature = WebhookSignature.builder(SECRET).verifyToken("made-up-verify-token").build();
    private final byte[] body = Corpus.bytes("text-message.json");

    private WebhookSignatureException.Reason rejection(byte[] bytes, String header) {
        return assertThrows(WebhookSignatureException.class, () -> signature.verify(bytes, header)).reason();
    }

    @Test
    void acceptsTheSignatureMetaComputesOverTheRawBytes() {
        String header = "sha256=" + SECRET.hmacSha256Hex(body);
        assertDoesNotThrow(() -> signature.verify(body, header));
        assertEquals(header, signature.sign(body));
        assertTrue(signature.isValid(body, header));
    }

    @Test
    void matchesAPublishedHmacSha256TestVector() {
        // RFC 4231 style vector: HMAC-SHA256(key="key", "The quick brown fox jumps over the lazy dog").
        WebhookSignature vector = WebhookSignature.of(AppSecret.of("key"));
        byte[] message = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);
        assertEquals("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", vector.sign(message));
    }

    @Test
    void checksTheSignatureWithoutReadingTheBody() {
        byte[] notJson = "\u0000not json at all {{{".getBytes(StandardCharsets.UTF_8);
        assertDoesNotThrow(() -> signature.verify(notJson, signature.sign(notJson)));
        byte[] forgedGarbage = "{\"object\":".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        assertEquals(WebhookSignatureException.Reason.MISMATCH, rejection(forgedGarbage, "sha256=" + "0".repeat(64)));
    }

    @Test
    void rejectsBodyWithForgedSignature() {
        String forged = WebhookSignature.of(AppSecret.of("someone-elses-secret")).sign(body);
        assertEquals(WebhookSignatureException.Reason.MISMATCH, rejection(body, forged));
    }

    @Test
    void rejectsBodyChangedAfterSigning() {
        String header = signature.sign(body);
        byte[] changed = body.clone();
        changed[changed.length - 5] ^= 1;
        assertEquals(WebhookSignatureException.Reason.MISMATCH, rejection(changed, header));
    }

    @Test
    void rejectsMissingSignature() {
        WebhookSignatureException e = assertThrows(WebhookSignatureException.class, () -> signature.verify(body, null));
        assertEquals(WebhookSignatureException.Reason.MISSING, e.reason());
    }

    @Test
    void rejectsMalformedSignatures() {
        String hex = SECRET.hmacSha256Hex(body);
        for (String header : new String[] {"", "sha256=", "sha256=" + hex.substring(2), "sha256=" + hex + "00",
                "sha256=" + hex.substring(1) + "g", hex, "sha256:" + hex, "sha256 =" + hex}) {
            assertEquals(WebhookSignatureException.Reason.MALFORMED, rejection(body, header), header);
        }
    }

    @Test
    void rejectsWrongPrefixEvenWithTheRightDigest() {
        String hex = SECRET.hmacSha256Hex(body);
        assertEquals(WebhookSignatureException.Reason.MALFORMED, rejection(body, "sha1=" + hex));
        assertEquals(WebhookSignatureException.Reason.MALFORMED, rejection(body, "SHA256=" + hex));
        assertEquals(WebhookSignatureException.Reason.MALFORMED, rejection(body, "md5=" + hex));
    }

    @Test
    void acceptsUpperCaseHexOfTheRightDigestButNotOfAWrongOne() {
        String upper = "sha256=" + SECRET.hmacSha256Hex(body).toUpperCase(Locale.ROOT);
        assertDoesNotThrow(() -> signature.verify(body, upper));
        String wrongUpper = WebhookSignature.of(AppSecret.of("other")).sign(body).toUpperCase(Locale.ROOT)
                .replace("SHA256=", "sha256=");
        assertEquals(WebhookSignatureException.Reason.MISMATCH, rejection(body, wrongUpper));
    }

    @Test
    void bodySignedOverReserialisedJsonFailsWhileRawBytesWithEscapesPass() throws Exception {
        assertTrue(new String(body, StandardCharsets.US_ASCII).contains("\\u00e4"), "corpus body carries escapes");
        String metaHeader = signature.sign(body);
        assertDoesNotThrow(() -> signature.verify(body, metaHeader));

        // What a framework hands over after parsing and writing the JSON again: same data, other bytes.
        ObjectMapper mapper = new ObjectMapper();
        byte[] reserialised = mapper.writeValueAsBytes(mapper.readTree(body));
        assertEquals(mapper.readTree(body), mapper.readTree(reserialised));
        assertNotEquals(new String(body, StandardCharsets.UTF_8).strip(), new String(reserialised, StandardCharsets.UTF_8));
        assertEquals(WebhookSignatureException.Reason.MISMATCH, rejection(reserialised, metaHeader));
        // And the signature a careless sender computes over re-serialised JSON does not match Meta's bytes.
        assertEquals(WebhookSignatureException.Reason.MISMATCH, rejection(body, signature.sign(reserialised)));
    }

    @Test
    void ignoresLegacySha1UnlessEnabled() {
        String sha1 = signature.signSha1(body);
        assertTrue(sha1.matches("sha1=[0-9a-f]{40}"));
        WebhookSignatureException e = assertThrows(WebhookSignatureException.class,
                () -> signature.verify(body, null, sha1));
        assertEquals(WebhookSignatureException.Reason.MISSING, e.reason());

        WebhookSignature legacy = WebhookSignature.builder(SECRET).allowLegacySha1(true).build();
        assertDoesNotThrow(() -> legacy.verify(body, null, sha1));
        assertThrows(WebhookSignatureException.class, () -> legacy.verify(body, null,
                WebhookSignature.of(AppSecret.of("other")).signSha1(body)));
        // When both headers came, only the SHA-256 one counts.
        assertThrows(WebhookSignatureException.class, () -> legacy.verify(body, "sha256=" + "0".repeat(64), sha1));
    }

    @Test
    void answersTheSubscriptionChallengeOnlyForTheRightToken() {
        assertEquals("1158201444", signature.verifyChallenge("subscribe", "made-up-verify-token", "1158201444"));
        assertEquals(WebhookSignatureException.Reason.WRONG_VERIFY_TOKEN, assertThrows(WebhookSignatureException.class,
                () -> signature.verifyChallenge("subscribe", "made-up-verify-tokeN", "1")).reason());
        assertEquals(WebhookSignatureException.Reason.WRONG_VERIFY_TOKEN, assertThrows(WebhookSignatureException.class,
                () -> signature.verifyChallenge("subscribe", null, "1")).reason());
        assertEquals(WebhookSignatureException.Reason.WRONG_VERIFY_TOKEN, assertThrows(WebhookSignatureException.class,
                () -> signature.verifyChallenge("subscribe", "made-up-verify-token", "")).reason());
        assertEquals(WebhookSignatureException.Reason.WRONG_MODE, assertThrows(WebhookSignatureException.class,
                () -> signature.verifyChallenge("unsubscribe", "made-up-verify-token", "1")).reason());
        WebhookSignature noToken = WebhookSignature.of(SECRET);
        assertThrows(WebhookSignatureException.class, () -> noToken.verifyChallenge("subscribe", "", "1"));
    }

    @Test
    void neverRevealsSecretsInMessagesOrToString() {
        WebhookSignatureException e = assertThrows(WebhookSignatureException.class,
                () -> signature.verifyChallenge("subscribe", "guess", "1"));
        assertFalse(e.getMessage().contains("made-up"));
        assertFalse(e.getMessage().contains("guess"));
        assertFalse(signature.toString().contains("made-up"));
        String header = "sha256=" + "ab".repeat(32);
        assertFalse(assertThrows(WebhookSignatureException.class, () -> signature.verify(body, header))
                .getMessage().contains("abab"));
    }

    @Test
    void verifiesFromManyThreadsAtOnce() throws Exception {
        String header = signature.sign(body);
        Thread[] threads = new Thread[8];
        boolean[] ok = new boolean[threads.length];
        for (int i = 0; i < threads.length; i++) {
            int n = i;
            threads[i] = new Thread(() -> {
                boolean all = true;
                for (int k = 0; k < 500; k++) {
                    all &= signature.isValid(body, header);
                }
                ok[n] = all;
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (boolean b : ok) {
            assertTrue(b);
        }
    }
}
