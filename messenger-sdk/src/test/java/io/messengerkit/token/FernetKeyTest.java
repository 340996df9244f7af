package io.messengerkit.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.messengerkit.AccessToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks the Fernet implementation against the specification's published test vectors. */
class FernetKeyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPEC_SECRET = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";

    private static List<JsonNode> vectors(String name) throws IOException {
        try (InputStream in = FernetKeyTest.class.getResourceAsStream("fernet/" + name)) {
            List<JsonNode> list = new ArrayList<>();
            JSON.readTree(in).forEach(list::add);
            return list;
        }
    }

    private static Instant time(JsonNode vector) {
        return OffsetDateTime.parse(vector.get("now").asText()).toInstant();
    }

    static Stream<Arguments> invalidVectors() throws IOException {
        return vectors("invalid.json").stream().map(v -> Arguments.of(v.get("desc").asText(), v));
    }

    @Test
    void producesTheSpecificationsGenerateVector() throws IOException {
        for (JsonNode v : vectors("generate.json")) {
            byte[] iv = new byte[16];
            for (int i = 0; i < 16; i++) {
                iv[i] = (byte) v.get("iv").get(i).asInt();
            }
            String token = FernetKey.parse(v.get("secret").asText())
                    .encrypt(v.get("src").asText().getBytes(StandardCharsets.UTF_8), time(v), iv);
            assertEquals(v.get("token").asText(), token);
        }
    }

    @Test
    void verifiesTheSpecificationsVerifyVector() throws IOException {
        for (JsonNode v : vectors("verify.json")) {
            FernetKey key = FernetKey.parse(v.get("secret").asText());
            Duration ttl = Duration.ofSeconds(v.get("ttl_sec").asLong());
            assertEquals(v.get("src").asText(), key.decrypt(v.get("token").asText(), ttl, time(v)).reveal());
            assertEquals(v.get("src").asText(), key.decrypt(v.get("token").asText()).reveal(), "without a TTL");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidVectors")
    void rejectsTheSpecificationsInvalidVectors(String description, JsonNode v) {
        FernetKey key = FernetKey.parse(v.get("secret").asText());
        Duration ttl = Duration.ofSeconds(v.get("ttl_sec").asLong());
        TokenVaultException e = assertThrows(TokenVaultException.class,
                () -> key.decrypt(v.get("token").asText(), ttl, time(v)), description);
        assertFalse(e.getMessage().contains(v.get("token").asText()), "never quotes the token");
    }

    @Test
    void explainsEachFailureClearly() throws IOException {
        Map<String, String> expected = Map.of(
                "incorrect mac", "signature does not match",
                "too short", "too short",
                "invalid base64", "invalid URL-safe base64",
                "payload size not multiple of block size", "whole number of AES blocks",
                "payload padding error", "bad padding",
                "far-future TS (unacceptable clock skew)", "in the future",
                "expired TTL", "expired",
                "incorrect IV (causes padding error)", "bad padding");
        for (JsonNode v : vectors("invalid.json")) {
            String want = expected.get(v.get("desc").asText());
            if (want == null) {
                continue;
            }
            FernetKey key = FernetKey.parse(v.get("secret").asText());
            TokenVaultException e = assertThrows(TokenVaultException.class,
                    () -> key.decrypt(v.get("token").asText(), Duration.ofSeconds(60), time(v)));
            assertTrue(e.getMessage().contains(want), v.get("desc").asText() + ": " + e.getMessage());
        }
    }

    @Test
    void rejectsATokenMadeWithAnotherKey() throws IOException {
        JsonNode v = vectors("verify.json").get(0);
        byte[] other = new byte[32];
        other[0] = 1;
        FernetKey wrong = FernetKey.parse(Base64.getUrlEncoder().encodeToString(other));
        TokenVaultException e = assertThrows(TokenVaultException.class, () -> wrong.decrypt(v.get("token").asText()));
        assertTrue(e.getMessage().contains("another key"), e.getMessage());
    }

    @Test
    void rejectsAnUnknownVersion() throws IOException {
        JsonNode v = vectors("verify.json").get(0);
        byte[] data = Base64.getUrlDecoder().decode(v.get("token").asText());
        data[0] = (byte) 0x81;
        String token = Base64.getUrlEncoder().encodeToString(data);
        TokenVaultException e = assertThrows(TokenVaultException.class,
                () -> FernetKey.parse(SPEC_SECRET).decrypt(token));
        assertTrue(e.getMessage().contains("unsupported Fernet version 0x81"), e.getMessage());
    }

    @Test
    void rejectsEveryFlippedByte() throws IOException {
        JsonNode v = vectors("verify.json").get(0);
        byte[] data = Base64.getUrlDecoder().decode(v.get("token").asText());
        FernetKey key = FernetKey.parse(SPEC_SECRET);
        for (int i = 0; i < data.length; i++) {
            byte[] tampered = data.clone();
            tampered[i] ^= 0x04;
            String token = Base64.getUrlEncoder().encodeToString(tampered);
            assertThrows(TokenVaultException.class, () -> key.decrypt(token), "byte " + i);
        }
    }

    @Test
    void roundTripsOwnTokens() {
        FernetKey key = FernetKey.parse(SPEC_SECRET);
        String token = key.encrypt("EAAmadeUp".getBytes(StandardCharsets.UTF_8), Instant.now(), new byte[16]);
        assertEquals(AccessToken.of("EAAmadeUp"), key.decrypt(token));
    }

    @Test
    void rejectsMalformedKeysWithoutQuotingThem() {
        TokenVaultException shortKey = assertThrows(TokenVaultException.class,
                () -> FernetKey.parse(Base64.getUrlEncoder().encodeToString(new byte[16])));
        assertTrue(shortKey.getMessage().contains("32 bytes"), shortKey.getMessage());
        TokenVaultException notBase64 = assertThrows(TokenVaultException.class, () -> FernetKey.parse("not*base64!"));
        assertFalse(notBase64.getMessage().contains("not*base64!"));
        assertThrows(TokenVaultException.class, () -> FernetKey.fromEnvironment(Map.of()));
        assertEquals("FernetKey[redacted]", FernetKey.fromEnvironment(Map.of(FernetKey.KEY_ENV, SPEC_SECRET)).toString());
        Map<String, String> env = Map.of("MESSENGER_APP_ID", "1234", "MESSENGER_APP_SECRET", "made-up-secret",
                FernetKey.KEY_ENV, SPEC_SECRET);
        FernetKey fromConfig = FernetKey.from(io.messengerkit.config.MessengerConfig.fromEnvironment(env));
        assertEquals("hello", fromConfig.decrypt(
                "gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==").reveal());
    }
}
