package io.messengerkit.jakarta.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import com.github.tomakehurst.wiremock.client.WireMock;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
import io.messengerkit.jakarta.persistence.LinkStatus;
import io.messengerkit.jakarta.persistence.MessageLog;
import io.messengerkit.jakarta.testing.GraphStubs;
import io.messengerkit.jakarta.testing.TestDatabase;
import io.messengerkit.jakarta.testing.TestServer;
import io.messengerkit.token.TokenKey;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

class DashboardApiTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Cases {
        TestDatabase db;
        GraphStubs graph;
        TestServer server;

        abstract TestDatabase open();

        @BeforeAll
        void start() {
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
        }

        @BeforeEach
        void clean() {
            graph.reset();
            db.transactions().run(em -> {
                for (String entity : List.of("AccountEntity", "PageEntity", "TokenEntity", "MessageLogEntity")) {
                    em.createQuery("delete from " + entity + " e").executeUpdate();
                }
            });
        }

        JsonNode dashboard(String query, String key) {
            HttpResponse<String> r = server.get("/api/dashboard/?" + query, key);
            assertEquals(200, r.statusCode(), r.body());
            for (String secret : GraphStubs.secrets()) {
                assertFalse(r.body().contains(secret), "the dashboard holds a secret: " + r.body());
            }
            try {
                return JSON.readTree(r.body());
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + r.body());
            }
        }

        JsonNode page(JsonNode dashboard, String pageId) {
            for (JsonNode page : dashboard.get("pages")) {
                if (page.get("page_id").asText().equals(pageId)) {
                    return page;
                }
            }
            throw new AssertionError("no page " + pageId + " in " + dashboard);
        }

        void post(String path, String key, String json) {
            HttpResponse<String> r = server.postJson(path, key, json);
            assertEquals(200, r.statusCode(), r.body());
        }

        void linkAccountAndPages(String chatbot, String key) {
            post("/api/fb-linkage/", key, "{\"chatbot_id\":\"" + chatbot + "\",\"access_token\":\"" + GraphStubs.SHORT_TOKEN + "\"}");
            post("/api/link-pages/", key, "{\"chatbot_id\":\"" + chatbot + "\",\"page_ids\":[\"" + PAGE_1 + "\",\"" + PAGE_2 + "\"]}");
        }

        void turn(String chatbot, String mid, Instant received, MessageLog.Status status, Integer code, long latencyMillis) {
            boolean replied = status == MessageLog.Status.REPLIED;
            server.backend().messageLog().append(new MessageLog.Entry(chatbot, PAGE_1, "messenger-9001", mid, "hi",
                    "hello", replied ? "m.reply." + mid : null, status, code, code == null ? null : "GraphException",
                    received, replied ? received.plusMillis(latencyMillis) : null));
        }

        @Test
        void refusesCallersWithoutAKeyOrForAnotherChatbotAndBadRanges() {
            HttpResponse<String> anonymous = server.get("/api/dashboard/?chatbot_id=bot-a", null);
            assertEquals(401, anonymous.statusCode());
            assertEquals("Bearer", anonymous.headers().firstValue("WWW-Authenticate").orElse(""));
            assertEquals(401, server.get("/api/dashboard/?chatbot_id=bot-a", "not-a-configured-key-000000").statusCode());
            assertEquals(403, server.get("/api/dashboard/?chatbot_id=bot-a", KEY_B).statusCode());
            for (String query : List.of("chatbot_id=bot-a&days=0", "chatbot_id=bot-a&days=91", "chatbot_id=bot-a&days=two",
                    "days=7", "chatbot_id=%3Cscript%3E")) {
                HttpResponse<String> r = server.get("/api/dashboard/?" + query, KEY_A);
                assertEquals(400, r.statusCode(), query);
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), query);
            }
            assertEquals(14, dashboard("chatbot_id=bot-a", OPERATOR_KEY).get("messages_per_day").size());
        }

        @Test
        void showsTheChatbotsTrafficLatencyAndFailuresOnly() {
            Instant now = Instant.now();
            turn("bot-a", "m.1", now.minusSeconds(600), MessageLog.Status.REPLIED, null, 400);
            turn("bot-a", "m.2", now.minusSeconds(500), MessageLog.Status.REPLIED, null, 200);
            turn("bot-a", "m.3", now.minusSeconds(400), MessageLog.Status.FAILED, 551, 0);
            turn("bot-a", "m.3", now.minusSeconds(400), MessageLog.Status.REPLIED, null, 1_000);
            turn("bot-a", "m.4", now.minusSeconds(300), MessageLog.Status.FAILED, 551, 0);
            turn("bot-b", "m.5", now.minusSeconds(200), MessageLog.Status.FAILED, 190, 0);

            JsonNode d = dashboard("chatbot_id=bot-a&days=7", KEY_A);

            assertEquals("bot-a", d.get("chatbot_id").asText());
            assertEquals(7, d.get("range").get("days").asInt());
            assertEquals(LocalDate.now(ZoneOffset.UTC).toString(), d.get("range").get("to").asText());
            assertEquals(JSON.createObjectNode().put("inbound", 4).put("outbound", 3).put("failed", 2), d.get("totals"));
            JsonNode days = d.get("messages_per_day");
            assertEquals(7, days.size());
            long inbound = 0;
            for (JsonNode day : days) {
                inbound += day.get("inbound").asLong();
            }
            assertEquals(4, inbound);
            JsonNode latency = d.get("reply_latency");
            assertEquals(3, latency.get("samples").asInt());
            assertEquals(400, latency.get("p50_ms").asLong());
            assertEquals(1_000, latency.get("p90_ms").asLong());
            assertEquals(1_000, latency.get("p99_ms").asLong());
            assertEquals(1, d.get("failures_by_code").size());
            JsonNode failure = d.get("failures_by_code").get(0);
            assertEquals(551, failure.get("code").asInt());
            assertEquals(2, failure.get("count").asInt());
            assertEquals("Person not available", failure.get("meaning").asText());
            assertTrue(d.get("account").isNull(), "no account linked yet");
            assertEquals(0, d.get("pages").size());
            assertEquals("v26.0", d.get("graph_api_version").get("version").asText());
            assertEquals("unannounced", d.get("graph_api_version").get("level").asText());

            JsonNode quiet = dashboard("chatbot_id=bot-b&days=7", KEY_B);
            assertEquals(190, quiet.get("failures_by_code").get(0).get("code").asInt());
            assertTrue(quiet.get("reply_latency").get("p50_ms").isNull());
            assertEquals(0, quiet.get("reply_latency").get("samples").asInt());
        }

        @Test
        void showsEachPagesHealthWithTheActionThatFixesItAndItsRateLimitHeadroom() {
            // Meta reports the page's Send API usage in X-Business-Use-Case-Usage, keyed by the page id.
            graph.server().stubFor(WireMock.post(urlPathEqualTo(V + "/" + PAGE_1 + "/subscribed_apps")).willReturn(aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withHeader("X-Business-Use-Case-Usage", "{\"" + PAGE_1 + "\":[{\"type\":\"messenger\",\"call_count\":37,"
                            + "\"total_cputime\":4,\"total_time\":9,\"estimated_time_to_regain_access\":0}]}")
                    .withBody("{\"success\":true}")));
            linkAccountAndPages("bot-a", KEY_A);

            JsonNode d = dashboard("chatbot_id=bot-a", KEY_A);
            assertEquals("ok", d.get("account").get("state").asText());
            assertEquals("Ada Admin", d.get("account").get("facebook_user_name").asText());
            JsonNode first = page(d, PAGE_1);
            assertEquals("ok", first.get("state").asText());
            assertEquals("valid", first.get("token_status").asText());
            assertTrue(first.get("action").isNull());
            assertEquals(37, first.get("rate_limit").get("used_percent").asInt());
            assertEquals(63, first.get("rate_limit").get("headroom_percent").asInt());
            assertTrue(page(d, PAGE_2).get("rate_limit").isNull(), "no usage reported for the second page");

            // Meta dropped the second page's subscription; the action links it again, which subscribes it.
            server.backend().links().setPageStatus("bot-a", PAGE_2, LinkStatus.UNSUBSCRIBED, "Re-subscribing failed: Graph error 200.");
            JsonNode action = page(dashboard("chatbot_id=bot-a", KEY_A), PAGE_2).get("action");
            assertEquals("resubscribe", action.get("code").asText());
            assertEquals("POST", action.get("method").asText());
            assertEquals("api/link-pages/", action.get("path").asText());
            post("/" + action.get("path").asText(), KEY_A, "{\"chatbot_id\":\"bot-a\",\"page_ids\":[\"" + PAGE_2 + "\"]}");
            assertEquals("ok", page(dashboard("chatbot_id=bot-a", KEY_A), PAGE_2).get("state").asText());

            // Meta rejected the first page's token: only a new login helps.
            server.backend().tokens().markReconnectNeeded(TokenKey.page("bot-a", PAGE_1));
            JsonNode rejected = page(dashboard("chatbot_id=bot-a", KEY_A), PAGE_1);
            assertEquals("reconnect_needed", rejected.get("state").asText());
            assertEquals("reconnect_needed", rejected.get("token_status").asText());
            assertEquals("reconnect", rejected.get("action").get("code").asText());
            assertTrue(rejected.get("action").get("needs_facebook_login").asBoolean());
            post("/api/fb-linkage/", KEY_A, "{\"chatbot_id\":\"bot-a\",\"access_token\":\"" + GraphStubs.SHORT_TOKEN + "\"}");
            assertEquals("ok", page(dashboard("chatbot_id=bot-a", KEY_A), PAGE_1).get("state").asText());

            // Another chatbot's key sees none of it.
            assertEquals(0, dashboard("chatbot_id=bot-b", KEY_B).get("pages").size());
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
}
