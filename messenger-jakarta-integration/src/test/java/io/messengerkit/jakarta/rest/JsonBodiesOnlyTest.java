package io.messengerkit.jakarta.rest;

import static io.messengerkit.jakarta.testing.TestServer.KEY_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.jakarta.testing.GraphStubs;
import io.messengerkit.jakarta.testing.RawHttp;
import io.messengerkit.jakarta.testing.TestDatabase;
import io.messengerkit.jakarta.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bodies that change something must be JSON (415 otherwise), so another site's form cannot drive
 * the management API of a server that authenticates it with cookies; the Login callbacks keep
 * their form encoding and the webhook its JSON. Refreshing pages is also a POST now.
 */
class JsonBodiesOnlyTest {
    static TestDatabase db;
    static GraphStubs graph;
    static TestServer server;

    @BeforeAll
    static void start() {
        db = TestDatabase.h2();
        graph = new GraphStubs();
        graph.reset();
        server = TestServer.start(db, TestServer.config(graph.baseUrl()), b -> { });
    }

    @AfterAll
    static void stop() {
        server.close();
        graph.close();
        db.close();
    }

    @BeforeEach
    void linkAccount() {
        graph.reset();
        db.transactions().run(em -> {
            for (String entity : new String[] {"AccountEntity", "PageEntity", "TokenEntity"}) {
                em.createQuery("delete from " + entity + " e").executeUpdate();
            }
        });
        HttpResponse<String> r = server.postJson("/api/fb-linkage/", KEY_A,
                "{\"chatbot_id\":\"bot-a\",\"access_token\":\"" + GraphStubs.SHORT_TOKEN + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        graph.server().resetRequests();
    }

    @ParameterizedTest(name = "{0} {1} as {2}")
    @CsvSource(delimiter = '|', value = {
        "POST|/api/link-pages/|text/plain",
        "POST|/api/link-pages/|application/x-www-form-urlencoded",
        "POST|/api/fb-link-pages/|multipart/form-data; boundary=x",
        "POST|/api/fb-linkage/|text/plain",
        "POST|/api/health-check/|text/plain",
        "POST|/api/refresh-pages/|text/plain",
        "DELETE|/api/unlink-pages/|text/plain",
        "DELETE|/api/fb-unlink-account/|application/x-www-form-urlencoded",
        "POST|/api/link-pages/|(none)",
    })
    void refusesABodyThatIsNotJsonWith415AndChangesNothing(String method, String path, String type) throws IOException {
        String body = "{\"chatbot_id\":\"bot-a\",\"page_ids\":[\"" + GraphStubs.PAGE_1 + "\"]}";
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + KEY_A
                + (type.equals("(none)") ? "" : "\r\nContent-Type: " + type)
                + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n";
        RawHttp.Answer answer = RawHttp.exchange(server.base(), (head + body).getBytes(StandardCharsets.UTF_8));
        assertEquals(415, answer.status(), answer.body());
        assertTrue(answer.headers().get("content-type").startsWith("application/problem+json"), answer.headers().toString());
        assertTrue(answer.body().contains("\"status\":415"), answer.body());
        assertEquals(0, graph.server().getAllServeEvents().size(), "no Graph call for a refused request");
        assertTrue(server.backend().links().account("bot-a").isPresent(), "the account is still linked");
    }

    @Test
    void acceptsJsonWithACharsetAndBodilessDeletes() {
        HttpResponse<String> linked = server.postJson("/api/link-pages/", KEY_A,
                "{\"chatbot_id\":\"bot-a\",\"page_ids\":[\"" + GraphStubs.PAGE_1 + "\"]}");
        assertEquals(200, linked.statusCode(), linked.body());
        HttpResponse<String> deleted = server.deleteJson("/api/fb-unlink-account/?chatbot_id=bot-a", KEY_A, null);
        assertEquals(200, deleted.statusCode(), deleted.body());
    }

    @Test
    void refreshesPagesByPostAsWellAsByGet() throws IOException {
        HttpResponse<String> byQuery = server.postJson("/api/refresh-pages/?chatbot_id=bot-a", KEY_A, "{}");
        assertEquals(200, byQuery.statusCode(), byQuery.body());
        assertTrue(byQuery.body().contains("\"account\""), byQuery.body());
        HttpResponse<String> byBody = server.postJson("/api/refresh-pages/", KEY_A, "{\"chatbot_id\":\"bot-a\"}");
        assertEquals(200, byBody.statusCode(), byBody.body());
        RawHttp.Answer noBody = RawHttp.exchange(server.base(), ("POST /api/refresh-pages/?chatbot_id=bot-a HTTP/1.1\r\n"
                + "Host: x\r\nAuthorization: Bearer " + KEY_A + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertEquals(200, noBody.status(), noBody.body());
        assertEquals(200, server.get("/api/refresh-pages/?chatbot_id=bot-a", KEY_A).statusCode(), "GET still works");
        assertEquals(401, server.postJson("/api/refresh-pages/", null, "{\"chatbot_id\":\"bot-a\"}").statusCode());
    }

    @Test
    void theLoginCallbacksKeepTheirFormEncodingAndTheWebhookItsJson() {
        HttpResponse<String> form = server.postForm("/api/fb-deauthorize/", "signed_request=abc.def");
        assertEquals(403, form.statusCode(), "judged on its signed_request, not refused for its encoding: " + form.body());
        byte[] delivery = TestServer.utf8("{\"object\":\"page\",\"entry\":[]}");
        assertEquals(200, server.postWebhook("/api/webhook/", delivery, TestServer.sign(delivery)).statusCode());
    }
}
