package io.messengerkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AccessTokenTest {

    @Test
    void neverPrintsItsValue() {
        AccessToken token = AccessToken.of("made-up-token-value");
        assertFalse(token.toString().contains("made-up"));
        assertFalse(String.valueOf(java.util.List.of(token)).contains("made-up"));
        assertEquals("made-up-token-value", token.reveal());
    }

    @Test
    void comparesByValue() {
        assertEquals(AccessToken.of("a1"), AccessToken.of("a1"));
        assertNotEquals(AccessToken.of("a1"), AccessToken.of("a2"));
    }

    @Test
    void rejectsBlankValuesWithoutEchoingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AccessToken.of("  "));
        assertEquals("access token must not be blank", e.getMessage());
    }

    @Test
    void appSecretProofIsLowerCaseHexHmacOfTheToken() {
        // HMAC-SHA256(key="key", "The quick brown fox jumps over the lazy dog"), a published test vector.
        AppSecret secret = AppSecret.of("key");
        assertEquals("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
                secret.appSecretProof(AccessToken.of("The quick brown fox jumps over the lazy dog")));
        assertFalse(secret.toString().contains("key"));
    }
}
