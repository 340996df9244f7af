package io.messengerkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void masksEverySecretQueryParameterButKeepsTheRest() {
        String url = "https://graph.example/v26.0/oauth/access_token?grant_type=fb_exchange_token"
                + "&client_id=123&client_secret=s3cr3t&fb_exchange_token=SHORTtok&appsecret_proof=abc"
                + "&access_token=EAAtoken&input_token=other";
        String redacted = Redactor.redact(url);
        for (String secret : new String[] {"s3cr3t", "SHORTtok", "abc", "EAAtoken", "other"}) {
            assertFalse(redacted.contains("=" + secret), () -> "leaked " + secret + " in " + redacted);
        }
        assertEquals(true, redacted.contains("grant_type=fb_exchange_token"));
        assertEquals(true, redacted.contains("client_id=123"));
    }

    @Test
    void masksSecretFieldsInJsonBodies() {
        String json = "{\"access_token\":\"EAAsecret\\\"quoted\",\"token_type\":\"bearer\",\"expires_in\":5}";
        assertEquals("{\"access_token\":\"[redacted]\",\"token_type\":\"bearer\",\"expires_in\":5}",
                Redactor.redact(json));
    }

    @Test
    void masksBearerCredentialsInHeaders() {
        assertEquals("Authorization: Bearer [redacted]", Redactor.redact("Authorization: Bearer EAA.tok|en"));
    }

    @Test
    void leavesTextWithoutSecretsAlone() {
        String text = "GET /v26.0/me/accounts?fields=id,name&limit=25";
        assertEquals(text, Redactor.redact(text));
    }
}
