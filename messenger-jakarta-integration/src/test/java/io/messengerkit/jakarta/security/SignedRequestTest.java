package io.messengerkit.jakarta.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.messengerkit.AppSecret;
import java.nio.charset.StandardCharsets;
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
}
