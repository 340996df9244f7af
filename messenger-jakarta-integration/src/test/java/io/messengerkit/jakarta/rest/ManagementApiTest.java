package io.messengerkit.jakarta.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.messengerkit.jakarta.testing.GraphStubs.BUSINESS_PAGE;
import static io.messengerkit.jakarta.testing.GraphStubs.PAGE_1;
import static io.messengerkit.jakarta.testing.GraphStubs.PAGE_2;
import static io.messengerkit.jakarta.testing.GraphStubs.V;
import static io.messengerkit.jakarta.testing.TestServer.KEY_A;
import static io.messengerkit.jakarta.testing.TestServer.KEY_B;
import static io.messengerkit.jakarta.testing.TestServer.OPERATOR_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.messengerkit.jakarta.persistence.MessageLog;
import io.messengerkit.jakarta.security.SignedRequest;
import io.messengerkit.jakarta.testing.GraphStubs;
import io.messengerkit.jakarta.testing.LogCapture;
import io.messengerkit.jakarta.testing.TestDatabase;
import io.messengerkit.jakarta.testing.TestServer;
import io.messengerkit.token.TokenKey;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

class ManagementApiTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Cases {
        TestDatabase db;
        GraphStubs graph;
        TestServer server;
        LogCapture logs;
        final List<String> responses = new CopyOnWriteArrayList<>();

        abstract TestDatabase open();

        @BeforeAll
        void start() {
            logs = new LogCapture();
            db = open();
            graph = new GraphStubs();
            graph.reset();
            server = TestServer.start(db, TestServer.config(graph.baseUrl()), b -> { });
        }

        @AfterAll
        void stop() {
            server.close();
            graph.close();
            db.close();
            logs.close();
        }

        @BeforeEach
        void clean() {
            graph.reset();
            db.transactions().run(em -> {
                for (String entity : List.of("AccountEntity", "PageEntity", "TokenEntity", "MessageLogEntity", "EventEntity")) {
                    em.createQuery("delete from " + entity + " e").executeUpdate();
                }
            });
        }

        HttpResponse<String> record(HttpResponse<String> r) {
            responses.add(r.body());
            r.headers().map().values().forEach(v -> responses.add(String.join(",", v)));
            return r;
        }

        HttpResponse<String> get(String path, String key) {
            return record(server.get(path, key));
        }

        HttpResponse<String> post(String path, String key, String json) {
            return record(server.postJson(path, key, json));
        }

        HttpResponse<String> delete(String path, String key, String json) {
            return record(server.deleteJson(path, key, json));
        }

        static JsonNode json(HttpResponse<String> r) {
            try {
                return JSON.readTree(r.body());
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + r.body());
            }
        }

        void linkAccount(String chatbot, String key) {
            HttpResponse<String> r = post("/api/fb-linkage/", key,
                    "{\"chatbot_id\":\"" + chatbot + "\",\"access_token\":\"" + GraphStubs.SHORT_TOKEN + "\"}");
            assertEquals(200, r.statusCode(), r.body());
        }

        void linkPages(String chatbot, String key, String... pages) {
            HttpResponse<String> r = post("/api/link-pages/", key, "{\"chatbot_id\":\"" + chatbot + "\",\"page_ids\":[\""
                    + String.join("\",\"", pages) + "\"]}");
            assertEquals(200, r.statusCode(), r.body());
        }

        @Test
        void linksAnAccountFromTheShortLivedTokenAndAnswersWithoutTokens() {
            HttpResponse<String> r = post("/api/fb-linkage/", KEY_A,
                    "{\"chatbot_id\":\"bot-a\",\"access_token\":\"" + GraphStubs.SHORT_TOKEN + "\"}");
            assertEquals(200, r.statusCode(), r.body());
            JsonNode body = json(r);
            assertEquals("bot-a", body.get("chatbot_id").asText());
            assertEquals(GraphStubs.USER_ID, body.get("facebook_user_id").asText());
            assertEquals("Ada Admin", body.get("facebook_user_name").asText());
            assertEquals("active", body.get("status").asText());
            assertFalse(body.get("token_expires_at").isNull());
            List<String> pages = new ArrayList<>();
            body.get("available_pages").forEach(p -> pages.add(p.get("id").asText() + ":" + p.get("source").asText()));
            assertEquals(List.of(PAGE_1 + ":personal", PAGE_2 + ":personal", BUSINESS_PAGE + ":business"), pages);
            graph.server().verify(postRequestedFor(urlPathEqualTo(V + "/oauth/access_token"))
                    .withRequestBody(containing("grant_type=fb_exchange_token"))
                    .withRequestBody(containing("fb_exchange_token=" + GraphStubs.SHORT_TOKEN)));
            graph.server().verify(getRequestedFor(urlPathEqualTo(V + "/me/accounts"))
                    .withQueryParam("appsecret_proof", matching("[0-9a-f]{64}")));
            assertTrue(server.backend().tokens().find(TokenKey.user("bot-a", GraphStubs.USER_ID)).isPresent());
        }

        @Test
        void acceptsTheSeedsAliasesWithAndWithoutTrailingSlash() {
            HttpResponse<String> r = post("/api/fb-link", KEY_A,
                    "{\"chatbot_id\":\"bot-a\",\"access_token\":\"" + GraphStubs.SHORT_TOKEN + "\"}");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(200, post("/api/fb-link-pages", KEY_A, "{\"chatbot_id\":\"bot-a\",\"page_ids\":[\"" + PAGE_1 + "\"]}").statusCode());
            for (String path : List.of("/api/fb-account-details", "/api/fb-account-details/", "/api/get-linked-pages",
                    "/api/get-linked-pages/", "/api/refresh-pages", "/api/refresh-pages/", "/api/fb-message-summary",
                    "/api/fb-message-summary/", "/api/health-check", "/api/health-check/")) {
                assertEquals(200, get(path + "?chatbot_id=bot-a", KEY_A).statusCode(), path);
            }
            assertEquals(200, post("/api/link-pages", KEY_A, "{\"chatbot_id\":\"bot-a\",\"page_ids\":[\"" + PAGE_2 + "\"]}").statusCode());
            assertEquals(200, delete("/api/unlink-pages", KEY_A, "{\"chatbot_id\":\"bot-a\",\"page_ids\":[\"" + PAGE_2 + "\"]}").statusCode());
            assertEquals(200, delete("/api/fb-unlink-account", KEY_A, "{\"chatbot_id\":\"bot-a\"}").statusCode());
        }

        @Test
        void accountDetailsOfAChatbotWithoutAccountIs404() {
            HttpResponse<String> r = get("/api/fb-account-details/?chatbot_id=bot-a", KEY_A);
            assertEquals(404, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertEquals(404, json(r).get("status").asInt());
        }

        @Test
        void linksPagesAndSubscribesThemWithTheSeedsFields() {
            linkAccount("bot-a", KEY_A);
            HttpResponse<String> r = post("/api/link-pages/", KEY_A,
                    "{\"chatbot_id\":\"bot-a\",\"page_ids\":[\"" + PAGE_1 + "\",\"" + BUSINESS_PAGE + "\"]}");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(2, json(r).get("pages").size());
            graph.server().verify(postRequestedFor(urlPathEqualTo(V + "/" + PAGE_1 + "/subscribed_apps"))
                    .withRequestBody(containing(URLEncoder.encode("messages,messaging_postbacks,message_deliveries,message_reads",
                            StandardCharsets.UTF_8))));
            graph.server().verify(postRequestedFor(urlPathEqualTo(V + "/" + BUSINESS_PAGE + "/subscribed_apps")));
            JsonNode pages = json(get("/api/get-linked-pages/?chatbot_id=bot-a", KEY_A)).get("pages");
            assertEquals(2, pages.size());
            assertEquals("Holdings Page", pages.get(1).get("name").asText());
            assertEquals(BUSINESS_PAGE, pages.get(1).get("page_id").asText());
            assertEquals("business", pages.get(1).get("source").asText());
            assertEquals("personal", pages.get(0).get("source").asText());
            JsonNode details = json(get("/api/fb-account-details/?chatbot_id=bot-a", KEY_A));
            assertEquals(2, details.get("linked_pages").size());
            assertTrue(server.backend().tokens().find(TokenKey.page("bot-a", PAGE_1)).isPresent());
        }

        @Test
        void refusesPagesTheUserDoesNotHaveWithTheOffendingField() {
            linkAccount("bot-a", KEY_A);
            HttpResponse<String> r = post("/api/link-pages/", KEY_A, "{\"chatbot_id\":\"bot-a\",\"page_ids\":[\"999\"]}");
            assertEquals(400, r.statusCode());
            assertEquals("page_ids", json(r).get("errors").get(0).get("field").asText());
        }

        @Test
        void refusesAPageAlreadyLinkedToAnotherChatbot() {
            linkAccount("bot-a", KEY_A);
            linkPages("bot-a", KEY_A, PAGE_1);
            linkAccount("bot-b", KEY_B);
            HttpResponse<String> r = post("/api/link-pages/", KEY_B, "{\"chatbot_id\":\"bot-b\",\"page_ids\":[\"" + PAGE_1 + "\"]}");
            assertEquals(409, r.statusCode(), r.body());
        }

        @Test
        void unlinksPagesAndUnsubscribesThem() {
            linkAccount("bot-a", KEY_A);
            linkPages("bot-a", KEY_A, PAGE_1, PAGE_2);
            HttpResponse<String> r = delete("/api/unlink-pages/?chatbot_id=bot-a&page_id=" + PAGE_1, KEY_A, null);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("unlinked", json(r).get("pages").get(0).get("outcome").asText());
            graph.server().verify(deleteRequestedFor(urlPathEqualTo(V + "/" + PAGE_1 + "/subscribed_apps")));
            JsonNode pages = json(get("/api/get-linked-pages/?chatbot_id=bot-a", KEY_A)).get("pages");
            assertEquals(1, pages.size());
            assertEquals(PAGE_2, pages.get(0).get("page_id").asText());
            assertTrue(server.backend().tokens().find(TokenKey.page("bot-a", PAGE_1)).isEmpty());
            assertEquals(404, delete("/api/unlink-pages/", KEY_A, "{\"chatbot_id\":\"bot-a\",\"page_ids\":[\"" + PAGE_1 + "\"]}").statusCode());
        }

        @Test
        void refreshRenamesPagesAndFlagsPagesTheUserLost() {
            linkAccount("bot-a", KEY_A);
            linkPages("bot-a", KEY_A, PAGE_1, PAGE_2);
            graph.pages("Corner Shop Renamed", null, false);
            HttpResponse<String> r = get("/api/refresh-pages/?chatbot_id=bot-a", KEY_A);
            assertEquals(200, r.statusCode(), r.body());
            JsonNode outcomes = json(r).get("pages");
            List<String> seen = new ArrayList<>();
            outcomes.forEach(o -> seen.add(o.get("page_id").asText() + ":" + o.get("outcome").asText()));
            assertTrue(seen.contains(PAGE_1 + ":renamed") && seen.contains(PAGE_2 + ":lost_access"), seen.toString());
            JsonNode pages = json(get("/api/get-linked-pages/?chatbot_id=bot-a", KEY_A)).get("pages");
            pages.forEach(p -> {
                if (p.get("page_id").asText().equals(PAGE_1)) {
                    assertEquals("Corner Shop Renamed", p.get("name").asText());
                } else {
                    assertEquals("lost_access", p.get("status").asText());
                }
            });
        }

        @Test
        void unlinkingTheAccountUnsubscribesEveryPageAndDeletesEveryToken() {
            linkAccount("bot-a", KEY_A);
            linkPages("bot-a", KEY_A, PAGE_1, PAGE_2);
            HttpResponse<String> r = delete("/api/fb-unlink-account/?chatbot_id=bot-a", KEY_A, null);
            assertEquals(200, r.statusCode(), r.body());
            graph.server().verify(deleteRequestedFor(urlPathEqualTo(V + "/" + PAGE_1 + "/subscribed_apps")));
            graph.server().verify(deleteRequestedFor(urlPathEqualTo(V + "/" + PAGE_2 + "/subscribed_apps")));
            assertTrue(server.backend().tokens().list("bot-a").isEmpty());
            assertEquals(404, get("/api/fb-account-details/?chatbot_id=bot-a", KEY_A).statusCode());
        }

        @Test
        void graphFailuresAre502WithCodeAndTraceId() {
            linkAccount("bot-a", KEY_A);
            graph.error("GET", "/me/accounts", 400, 100, 33, "AtraceMadeUp1");
            HttpResponse<String> r = get("/api/refresh-pages/?chatbot_id=bot-a", KEY_A);
            assertEquals(502, r.statusCode(), r.body());
            JsonNode body = json(r);
            assertEquals(100, body.get("graph_code").asInt());
            assertEquals("AtraceMadeUp1", body.get("fbtrace_id").asText());
            assertFalse(r.body().contains("Exception\":") || r.body().contains("\tat "));
        }

        @Test
        void aRejectedLoginIs409ReconnectNeededAndMarksTheAccount() {
            linkAccount("bot-a", KEY_A);
            graph.error("GET", "/me/accounts", 400, 190, 460, "AtraceMadeUp2");
            HttpResponse<String> r = post("/api/link-pages/", KEY_A, "{\"chatbot_id\":\"bot-a\",\"page_ids\":[\"" + PAGE_1 + "\"]}");
            assertEquals(409, r.statusCode(), r.body());
            assertTrue(json(r).get("reconnect_needed").asBoolean());
            JsonNode details = json(get("/api/fb-account-details/?chatbot_id=bot-a", KEY_A));
            assertEquals("reconnect_needed", details.get("status").asText());
            assertTrue(details.get("reconnect_needed").asBoolean());
        }

        @Test
        void messageSummaryPagesHistoryAndCountsByPageStatusAndDay() {
            MessageLog log = server.backend().messageLog();
            Instant t = Instant.parse("2026-11-20T10:00:00Z");
            for (int i = 0; i < 5; i++) {
                log.append(new MessageLog.Entry("bot-a", i < 3 ? PAGE_1 : PAGE_2, "messenger-900" + i, "m." + i, "hi " + i,
                        "hello " + i, "r." + i, i == 4 ? MessageLog.Status.FAILED : MessageLog.Status.REPLIED, null, null,
                        t.plusSeconds(86400L * (i % 2)), t));
            }
            log.append(new MessageLog.Entry("bot-b", PAGE_1, "messenger-1", "m.x", "other tenant", null, null,
                    MessageLog.Status.NO_REPLY, null, null, t, null));
            HttpResponse<String> r = get("/api/fb-message-summary/?chatbot_id=bot-a&page=1&page_size=2", KEY_A);
            assertEquals(200, r.statusCode(), r.body());
            JsonNode body = json(r);
            assertEquals(5, body.get("total").asInt());
            assertEquals(3, body.get("pages").asInt());
            assertEquals(2, body.get("messages").size());
            assertEquals(3, body.get("counts").get("by_page").get(PAGE_1).asInt());
            assertEquals(4, body.get("counts").get("by_status").get("replied").asInt());
            assertEquals(1, body.get("counts").get("by_status").get("failed").asInt());
            assertEquals(3, body.get("counts").get("by_day").get("2026-11-20").asInt());
            assertEquals(2, body.get("counts").get("by_day").get("2026-11-21").asInt());
            assertFalse(r.body().contains("other tenant"));
            JsonNode onePage = json(get("/api/fb-message-summary/?chatbot_id=bot-a&page_id=" + PAGE_2, KEY_A));
            assertEquals(2, onePage.get("total").asInt());
            assertEquals(400, get("/api/fb-message-summary/?chatbot_id=bot-a&page_size=0", KEY_A).statusCode());
        }

        @Test
        void healthCheckResubscribesDroppedPagesAndReportsIt() {
            linkAccount("bot-a", KEY_A);
            linkPages("bot-a", KEY_A, PAGE_1, PAGE_2);
            graph.subscribed(PAGE_2, false);
            graph.server().resetRequests();
            HttpResponse<String> r = post("/api/health-check/", KEY_A, "{\"chatbot_id\":\"bot-a\"}");
            assertEquals(200, r.statusCode(), r.body());
            List<String> seen = new ArrayList<>();
            json(r).get("pages").forEach(p -> seen.add(p.get("page_id").asText() + ":" + p.get("outcome").asText()));
            assertTrue(seen.contains(PAGE_1 + ":subscribed") && seen.contains(PAGE_2 + ":resubscribed"), seen.toString());
            graph.server().verify(1, postRequestedFor(urlPathEqualTo(V + "/" + PAGE_2 + "/subscribed_apps")));
            graph.server().verify(0, postRequestedFor(urlPathEqualTo(V + "/" + PAGE_1 + "/subscribed_apps")));
            graph.server().verify(getRequestedFor(urlPathEqualTo(V + "/debug_token")));
            JsonNode status = json(get("/api/health-check/?chatbot_id=bot-a", KEY_A));
            assertEquals("active", status.get("account_status").asText());
            assertFalse(status.get("pages").get(0).get("checked_at").isNull());
        }

        @Test
        void healthCheckMarksPagesWhoseTokenMetaRejectsAsReconnectNeeded() {
            linkAccount("bot-a", KEY_A);
            linkPages("bot-a", KEY_A, PAGE_1);
            graph.error("GET", "/" + PAGE_1 + "/subscribed_apps", 400, 190, 460, "AtraceMadeUp3");
            HttpResponse<String> r = post("/api/health-check/?chatbot_id=bot-a", KEY_A, "");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("reconnect_needed", json(r).get("pages").get(0).get("outcome").asText());
            JsonNode pages = json(get("/api/get-linked-pages/?chatbot_id=bot-a", KEY_A)).get("pages");
            assertTrue(pages.get(0).get("reconnect_needed").asBoolean());
        }

        @Test
        void invalidRequestsAre400WithEveryOffendingField() {
            HttpResponse<String> r = post("/api/link-pages/", KEY_A, "{\"page_ids\":[\"abc\"]}");
            assertEquals(400, r.statusCode());
            List<String> fields = new ArrayList<>();
            json(r).get("errors").forEach(e -> fields.add(e.get("field").asText()));
            assertTrue(fields.contains("chatbot_id") && fields.contains("page_ids"), fields.toString());
            assertEquals(400, post("/api/fb-linkage/", KEY_A, "{not json").statusCode());
            assertEquals(400, post("/api/fb-linkage/", KEY_A, "{\"chatbot_id\":\"bot-a\"}").statusCode());
            assertEquals(400, get("/api/get-linked-pages/?chatbot_id=bad%20id", KEY_A).statusCode());
        }

        @Test
        void oneAnswerNamesEveryOffendingFieldOfQueryAndBody() {
            HttpResponse<String> summary = get("/api/fb-message-summary/?chatbot_id=bad%20id&page=0&page_size=x&page_id=abc", KEY_A);
            assertEquals(400, summary.statusCode());
            List<String> fields = new ArrayList<>();
            json(summary).get("errors").forEach(e -> fields.add(e.get("field").asText()));
            assertEquals(List.of("chatbot_id", "page", "page_size", "page_id"), fields);

            HttpResponse<String> link = post("/api/fb-linkage/", KEY_A, "{\"chatbot_id\":{\"id\":1},\"access_token\":[\"x\"]}");
            assertEquals(400, link.statusCode());
            fields.clear();
            json(link).get("errors").forEach(e -> fields.add(e.get("field").asText() + ": " + e.get("message").asText()));
            assertEquals(List.of("chatbot_id: is required", "access_token: is required"), fields);
        }

        @Test
        void acceptsEveryAliasOfTheSeedsClients() {
            assertEquals(200, post("/api/fb-linkage/?chatbot=bot-a", KEY_A,
                    "{\"user_access_token\":\"" + GraphStubs.SHORT_TOKEN + "\"}").statusCode());
            assertEquals(200, post("/api/fb-linkage/", KEY_A,
                    "{\"chatbot\":\"bot-a\",\"accessToken\":\"" + GraphStubs.SHORT_TOKEN + "\"}").statusCode());
            HttpResponse<String> r = post("/api/link-pages/?page_id=" + PAGE_2, KEY_A, "{\"chatbot\":\"bot-a\",\"pages\":[{\"id\":\""
                    + PAGE_1 + "\"}]}");
            assertEquals(200, r.statusCode(), r.body());
            List<String> linked = new ArrayList<>();
            json(r).get("pages").forEach(p -> linked.add(p.get("page_id").asText()));
            assertEquals(List.of(PAGE_1, PAGE_2), linked, "page ids of the body, then of the query");
            assertEquals(200, delete("/api/unlink-pages/?page_ids=" + PAGE_2, KEY_A, "{\"chatbot\":\"bot-a\"}").statusCode());
        }

        @Test
        void checksCredentialsBeforeTheBody() {
            HttpResponse<String> r = post("/api/link-pages/", null, "{not json");
            assertEquals(401, r.statusCode());
            assertEquals(413, post("/api/link-pages/", KEY_A, "{\"x\":\"" + "a".repeat(70_000) + "\"}").statusCode());
        }

        /** Every management endpoint, as (method, path, body) for chatbot {@code bot-b}. */
        List<String[]> everyEndpointFor(String chatbot) {
            String q = "?chatbot_id=" + chatbot;
            String body = "{\"chatbot_id\":\"" + chatbot + "\",\"page_ids\":[\"" + PAGE_1 + "\"],\"access_token\":\""
                    + GraphStubs.SHORT_TOKEN + "\"}";
            return List.of(
                    new String[] {"POST", "/api/fb-linkage/", body}, new String[] {"POST", "/api/fb-link/", body},
                    new String[] {"GET", "/api/fb-account-details/" + q, null},
                    new String[] {"POST", "/api/link-pages/", body}, new String[] {"POST", "/api/fb-link-pages/", body},
                    new String[] {"GET", "/api/get-linked-pages/" + q, null},
                    new String[] {"GET", "/api/refresh-pages/" + q, null},
                    new String[] {"POST", "/api/refresh-pages/", body},
                    new String[] {"GET", "/api/fb-message-summary/" + q, null},
                    new String[] {"GET", "/api/health-check/" + q, null},
                    new String[] {"POST", "/api/health-check/", body},
                    new String[] {"DELETE", "/api/unlink-pages/", body},
                    new String[] {"DELETE", "/api/fb-unlink-account/", body});
        }

        HttpResponse<String> call(String[] endpoint, String key) {
            return switch (endpoint[0]) {
                case "GET" -> get(endpoint[1], key);
                case "POST" -> post(endpoint[1], key, endpoint[2]);
                default -> delete(endpoint[1], key, endpoint[2]);
            };
        }

        @Test
        void everyEndpointRefusesCallersWithoutCredentials() {
            for (String[] endpoint : everyEndpointFor("bot-a")) {
                HttpResponse<String> r = call(endpoint, null);
                assertEquals(401, r.statusCode(), endpoint[0] + " " + endpoint[1]);
                assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(""));
                assertEquals(401, call(endpoint, "not-a-configured-key-000000").statusCode(), endpoint[1]);
            }
        }

        @Test
        void everyEndpointKeepsChatbotsApart() {
            linkAccount("bot-b", KEY_B);
            linkPages("bot-b", KEY_B, PAGE_1);
            server.backend().messageLog().append(new MessageLog.Entry("bot-b", PAGE_1, "messenger-1", "m.1",
                    "secret of bot-b", null, null, MessageLog.Status.NO_REPLY, null, null, Instant.now(), null));
            graph.server().resetRequests();
            for (String[] endpoint : everyEndpointFor("bot-b")) {
                HttpResponse<String> r = call(endpoint, KEY_A);
                assertEquals(403, r.statusCode(), endpoint[0] + " " + endpoint[1] + ": " + r.body());
                assertFalse(r.body().contains("Ada Admin") || r.body().contains("secret of bot-b"));
            }
            assertEquals(0, graph.server().getAllServeEvents().size(), "no Graph call for a refused request");
            // Nothing of bot-b changed: its account, page, token and log are intact.
            assertEquals(200, get("/api/fb-account-details/?chatbot_id=bot-b", KEY_B).statusCode());
            assertEquals(1, json(get("/api/get-linked-pages/?chatbot_id=bot-b", KEY_B)).get("pages").size());
            assertEquals(1, json(get("/api/fb-message-summary/?chatbot_id=bot-b", KEY_B)).get("total").asInt());
            // bot-a's own view shows nothing of bot-b.
            assertEquals(404, get("/api/fb-account-details/?chatbot_id=bot-a", KEY_A).statusCode());
            assertEquals(0, json(get("/api/get-linked-pages/?chatbot_id=bot-a", KEY_A)).get("pages").size());
            assertEquals(0, json(get("/api/fb-message-summary/?chatbot_id=bot-a", KEY_A)).get("total").asInt());
            // The operator key may act on any chatbot.
            assertEquals(200, get("/api/fb-account-details/?chatbot_id=bot-b", OPERATOR_KEY).statusCode());
        }

        @Test
        void deauthorizeCallbackWithAVerifiedSignedRequestRemovesTheUsersLinks() {
            linkAccount("bot-a", KEY_A);
            linkPages("bot-a", KEY_A, PAGE_1);
            String forged = SignedRequest.sign("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"" + GraphStubs.USER_ID + "\"}",
                    io.messengerkit.AppSecret.of("not-the-app-secret"));
            assertEquals(403, record(server.postForm("/api/fb-deauthorize/", "signed_request=" + forged)).statusCode());
            assertEquals(403, record(server.postForm("/api/fb-deauthorize", "signed_request=abc.def")).statusCode());
            assertEquals(200, get("/api/fb-account-details/?chatbot_id=bot-a", KEY_A).statusCode());

            String signed = SignedRequest.sign("{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":" + Instant.now().getEpochSecond()
                    + ",\"user_id\":\"" + GraphStubs.USER_ID + "\"}", TestServer.APP_SECRET);
            HttpResponse<String> r = record(server.postForm("/api/fb-deauthorize/", "signed_request=" + signed));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(1, json(r).get("accounts_removed").asInt());
            assertEquals(404, get("/api/fb-account-details/?chatbot_id=bot-a", KEY_A).statusCode());
            assertTrue(server.backend().tokens().list("bot-a").isEmpty());
            assertEquals(0, json(get("/api/get-linked-pages/?chatbot_id=bot-a", KEY_A)).get("pages").size());
        }

        @Test
        void dataDeletionCallbackDeletesAndAnswersUrlAndConfirmationCode() {
            linkAccount("bot-a", KEY_A);
            linkPages("bot-a", KEY_A, PAGE_1);
            // The user's chatbot history and the events the user sent as a person go too; other people's stay.
            server.backend().messageLog().append(new io.messengerkit.jakarta.persistence.MessageLog.Entry("bot-a", PAGE_1,
                    "messenger-77", "m.log", "hi", null, null, io.messengerkit.jakarta.persistence.MessageLog.Status.NO_REPLY,
                    null, null, Instant.now(), null));
            var events = server.backend().events();
            events.enqueue(List.of(
                    new io.messengerkit.jakarta.persistence.EventQueue.NewEvent("m.deleted-person", PAGE_1,
                            GraphStubs.USER_ID, 1, new byte[] {'{', '}'}),
                    new io.messengerkit.jakarta.persistence.EventQueue.NewEvent("m.other-person", PAGE_1, "other-person", 1,
                            new byte[] {'{', '}'})));
            String signed = SignedRequest.sign("{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":" + Instant.now().getEpochSecond()
                    + ",\"user_id\":\"" + GraphStubs.USER_ID + "\"}", TestServer.APP_SECRET);
            HttpResponse<String> r = record(server.postForm("/api/fb-data-deletion/", "signed_request=" + signed));
            assertEquals(200, r.statusCode(), r.body());
            String code = json(r).get("confirmation_code").asText();
            String url = json(r).get("url").asText();
            assertEquals(TestServer.PUBLIC_URL + "/api/fb-data-deletion/" + code + "/", url);
            HttpResponse<String> status = get(url.substring(url.indexOf("/api/")), null);
            assertEquals(200, status.statusCode(), status.body());
            assertEquals("completed", json(status).get("status").asText());
            assertEquals(1, json(status).get("pages_deleted").asInt());
            assertFalse(status.body().contains(GraphStubs.USER_ID));
            assertEquals(404, get("/api/fb-data-deletion/" + "0".repeat(24) + "/", null).statusCode());
            assertTrue(server.backend().tokens().list("bot-a").isEmpty());
            assertEquals(Optional.empty(), server.backend().links().account("bot-a"));
            assertEquals(0, server.backend().messageLog().summary("bot-a", Optional.empty(), 0, 10).total());
            assertFalse(events.exists("m.deleted-person"), "the person's events are deleted");
            assertTrue(events.exists("m.other-person"));
        }

        @Test
        void noTokenAppearsInAnyResponseLogLineOrUnencryptedColumn() throws Exception {
            linkAccount("bot-a", KEY_A);
            linkPages("bot-a", KEY_A, PAGE_1, BUSINESS_PAGE);
            get("/api/fb-account-details/?chatbot_id=bot-a", KEY_A);
            get("/api/refresh-pages/?chatbot_id=bot-a", KEY_A);
            post("/api/health-check/", KEY_A, "{\"chatbot_id\":\"bot-a\"}");
            graph.error("GET", "/me/accounts", 400, 190, 460, "AtraceMadeUp4");
            get("/api/refresh-pages/?chatbot_id=bot-a", KEY_A);
            assertTrue(server.backend().tokens().list("bot-a").size() >= 3, "tokens were stored (sealed)");
            List<String> secrets = GraphStubs.secrets();
            for (String response : responses) {
                for (String secret : secrets) {
                    assertFalse(response.contains(secret), "a response holds a secret: " + response);
                }
            }
            for (String line : logs.lines()) {
                for (String secret : secrets) {
                    assertFalse(line.contains(secret), "a log line holds a secret: " + line);
                }
            }
            int cells = 0;
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                for (String table : List.of("messenger_account", "messenger_page", "messenger_token", "messenger_message_log",
                        "messenger_webhook_inbox", "messenger_processed_event", "messenger_data_deletion", "messenger_event")) {
                    try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                        ResultSetMetaData meta = rs.getMetaData();
                        while (rs.next()) {
                            for (int col = 1; col <= meta.getColumnCount(); col++) {
                                int type = meta.getColumnType(col);
                                String value = type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY
                                        || type == Types.BLOB ? new String(rs.getBytes(col) == null ? new byte[0] : rs.getBytes(col),
                                        StandardCharsets.ISO_8859_1) : rs.getString(col);
                                cells++;
                                for (String secret : secrets) {
                                    assertFalse(value != null && value.contains(secret),
                                            table + "." + meta.getColumnName(col) + " holds a secret");
                                }
                            }
                        }
                    }
                }
            }
            assertTrue(cells > 20, "the scan saw the rows");
        }
    }

    @Nested
    class OnH2 extends Cases {
        @Override
        TestDatabase open() {
            return TestDatabase.h2();
        }
    }

    @Nested
    @EnabledIfEnvironmentVariable(named = TestDatabase.POSTGRES_URL_VARIABLE, matches = ".+")
    class OnPostgres extends Cases {
        @Override
        TestDatabase open() {
            return TestDatabase.postgres();
        }
    }

    @Nested
    @EnabledIfEnvironmentVariable(named = TestDatabase.MARIADB_URL_VARIABLE, matches = ".+")
    class OnMariaDb extends Cases {
        @Override
        TestDatabase open() {
            return TestDatabase.mariadb();
        }
    }
}
