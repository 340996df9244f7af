package io.messengerkit.jakarta.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.jakarta.config.ConfigLookup;
import io.messengerkit.jakarta.config.IntegrationSettings;
import io.messengerkit.jakarta.security.SignedRequest;
import io.messengerkit.jakarta.testing.GraphStubs;
import io.messengerkit.jakarta.testing.RawHttp;
import io.messengerkit.jakarta.testing.TestDatabase;
import io.messengerkit.jakarta.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Login callbacks refuse a {@code signed_request} older than {@code MESSENGER_SIGNED_REQUEST_MAX_AGE}
 * (a captured one no longer replays for ever), and the data-deletion status link comes from the
 * configured public URL only, never from the Host header the caller sends.
 */
class LoginCallbackReplayTest {
    static TestDatabase db;
    static GraphStubs graph;
    static TestServer server;

    @BeforeAll
    static void start() {
        db = TestDatabase.h2();
        graph = new GraphStubs();
        graph.reset();
        server = TestServer.start(db, TestServer.config(graph.baseUrl()),
                b -> b.settings(TestServer.settings().withRequestLimits(64 * 1024, Duration.ofMinutes(10))));
    }

    @AfterAll
    static void stop() {
        server.close();
        graph.close();
        db.close();
    }

    @BeforeEach
    void linkAnAccount() {
        graph.reset();
        db.transactions().run(em -> {
            for (String entity : new String[] {"AccountEntity", "PageEntity", "TokenEntity"}) {
                em.createQuery("delete from " + entity + " e").executeUpdate();
            }
        });
        assertEquals(200, server.postJson("/api/fb-linkage/", TestServer.KEY_A,
                "{\"chatbot_id\":\"bot-a\",\"access_token\":\"" + GraphStubs.SHORT_TOKEN + "\"}").statusCode());
    }

    static String signed(String issuedAt) {
        return SignedRequest.sign("{\"algorithm\":\"HMAC-SHA256\"" + (issuedAt == null ? "" : ",\"issued_at\":" + issuedAt)
                + ",\"user_id\":\"" + GraphStubs.USER_ID + "\"}", TestServer.APP_SECRET);
    }

    static String secondsAgo(long seconds) {
        return Long.toString(Instant.now().getEpochSecond() - seconds);
    }

    @Test
    void refusesASignedRequestOlderThanTheWindowWithoutIssuedAtOrFromTheFuture() {
        for (String path : new String[] {"/api/fb-deauthorize/", "/api/fb-data-deletion/"}) {
            for (String issuedAt : new String[] {secondsAgo(11 * 60), null, "0", secondsAgo(-3600), "1" + "0".repeat(30), "-5"}) {
                HttpResponse<String> r = server.postForm(path, "signed_request=" + signed(issuedAt));
                assertEquals(403, r.statusCode(), path + " issued_at=" + issuedAt + ": " + r.body());
                assertTrue(r.body().contains("invalid-signed-request"), r.body());
            }
        }
        assertTrue(server.backend().links().account("bot-a").isPresent(), "nothing was removed");
        assertFalse(server.backend().tokens().list("bot-a").isEmpty(), "no token was deleted");
    }

    @Test
    void acceptsASignedRequestWithinTheWindow() {
        HttpResponse<String> r = server.postForm("/api/fb-deauthorize/", "signed_request=" + signed(secondsAgo(9 * 60)));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(server.backend().links().account("bot-a").isEmpty());
    }

    @Test
    void theDeletionStatusUrlComesFromThePublicUrlNotFromTheHostHeader() throws IOException {
        String form = "signed_request=" + signed(secondsAgo(5));
        RawHttp.Answer answer = RawHttp.exchange(server.base(), ("POST /api/fb-data-deletion/ HTTP/1.1\r\n"
                + "Host: attacker.example\r\nX-Forwarded-Host: attacker.example\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length()
                + "\r\nConnection: close\r\n\r\n" + form).getBytes(StandardCharsets.US_ASCII));
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.body().contains("\"url\":\"" + TestServer.PUBLIC_URL + "/api/fb-data-deletion/"), answer.body());
        assertFalse(answer.body().contains("attacker"), answer.body());
    }

    @Test
    void withoutAPublicUrlTheDeletionCallbackAnswers503AndDeletesNothing() {
        IntegrationSettings noPublicUrl = IntegrationSettings.from(ConfigLookup.of(Map.of("MESSENGER_API_KEYS", TestServer.API_KEYS)));
        try (TestServer other = TestServer.start(db, TestServer.config(graph.baseUrl()), b -> b.settings(noPublicUrl),
                io.messengerkit.token.TokenVault.of(io.messengerkit.token.TokenKeyset.generate()))) {
            HttpResponse<String> r = other.postForm("/api/fb-data-deletion/", "signed_request=" + signed(secondsAgo(5)));
            assertEquals(503, r.statusCode(), r.body());
            assertTrue(r.body().contains("MESSENGER_PUBLIC_URL"), r.body());
        }
        assertTrue(server.backend().links().account("bot-a").isPresent(), "nothing was deleted");
    }
}
