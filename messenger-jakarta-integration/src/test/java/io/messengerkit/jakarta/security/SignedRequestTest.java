package io.messengerkit.jakarta.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.messengerkit.AppSecret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SignedRequestTest {
    static final AppSecret SECRET = AppSecret.of("made-up-secret-for-signed-requests");

    @Test
    void readsTheUserOfARequestSignedWithTheAppSecret() {
        String signed = SignedRequest.sign("{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":1700000000,\"user_id\":\"4242\"}", SECRET);
        SignedRequest request = SignedRequest.verify(signed, SECRET);
        assertEquals("4242", request.userId());
        assertEquals(1700000000L, request.issuedAt());
    }

    @Test
    void acceptsPaddedBase64AsSomeClientsSendIt() {
        String signed = SignedRequest.sign("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"1\"}", SECRET);
        String[] parts = signed.split("\\.");
        assertEquals("1", SignedRequest.verify(parts[0] + "=." + parts[1], SECRET).userId());
    }

    @Test
    void rejectsForgedTamperedAndMalformedRequests() {
        String signed = SignedRequest.sign("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"4242\"}", SECRET);
        assertThrows(SignedRequest.InvalidSignedRequest.class,
                () -> SignedRequest.verify(signed, AppSecret.of("another-secret-entirely")));
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"1\"}".getBytes(StandardCharsets.UTF_8));
        assertThrows(SignedRequest.InvalidSignedRequest.class,
                () -> SignedRequest.verify(signed.split("\\.")[0] + "." + otherPayload, SECRET));
        for (String bad : new String[] {null, "", "nodot", ".x", "x.", "a.b.c", "!!!.@@@"}) {
            assertThrows(SignedRequest.InvalidSignedRequest.class, () -> SignedRequest.verify(bad, SECRET), String.valueOf(bad));
        }
    }

    @Test
    void rejectsOtherAlgorithmsAndMissingUserIds() {
        assertThrows(SignedRequest.InvalidSignedRequest.class, () -> SignedRequest.verify(
                SignedRequest.sign("{\"algorithm\":\"none\",\"user_id\":\"1\"}", SECRET), SECRET));
        assertThrows(SignedRequest.InvalidSignedRequest.class, () -> SignedRequest.verify(
                SignedRequest.sign("{\"algorithm\":\"HMAC-SHA256\"}", SECRET), SECRET));
        assertThrows(SignedRequest.InvalidSignedRequest.class, () -> SignedRequest.verify(
                SignedRequest.sign("[1,2]", SECRET), SECRET));
    }

    @Test
    void acceptsOnlyRequestsIssuedWithinTheWindow() {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        Duration window = Duration.ofHours(1);
        String fresh = SignedRequest.sign("{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":" + (now.getEpochSecond() - 3599)
                + ",\"user_id\":\"7\"}", SECRET);
        assertEquals("7", SignedRequest.verifyFresh(fresh, SECRET, now, window).userId());
        for (String issuedAt : new String[] {Long.toString(now.getEpochSecond() - 3601), Long.toString(now.getEpochSecond() + 301),
                "0", "-1", "\"soon\"", "99999999999999999999999999", "1e300"}) {
            String signed = SignedRequest.sign("{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":" + issuedAt
                    + ",\"user_id\":\"7\"}", SECRET);
            assertThrows(SignedRequest.InvalidSignedRequest.class, () -> SignedRequest.verifyFresh(signed, SECRET, now, window),
                    issuedAt);
        }
        String noTime = SignedRequest.sign("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"7\"}", SECRET);
        assertThrows(SignedRequest.InvalidSignedRequest.class, () -> SignedRequest.verifyFresh(noTime, SECRET, now, window));
    }
}
