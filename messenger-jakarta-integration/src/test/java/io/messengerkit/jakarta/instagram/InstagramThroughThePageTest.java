package io.messengerkit.jakarta.instagram;

import static io.messengerkit.jakarta.testing.TestServer.KEY_A;
import static io.messengerkit.jakarta.testing.TestServer.KEY_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.messengerkit.jakarta.reply.ChatbotQuery;
import io.messengerkit.jakarta.testing.Eventually;
import io.messengerkit.jakarta.testing.TestDatabase;
import io.messengerkit.jakarta.testing.TestServer;
import io.messengerkit.testkit.emulator.Conversation;
import io.messengerkit.testkit.emulator.EmulatedGraphError;
import io.messengerkit.testkit.emulator.Fault;
import io.messengerkit.testkit.emulator.InboundDelivery;
import io.messengerkit.testkit.emulator.PlatformEmulator;
import io.messengerkit.testkit.emulator.TestCustomer;
import io.messengerkit.testkit.emulator.TestInstagramAccount;
import io.messengerkit.testkit.emulator.TestPage;
import io.messengerkit.testkit.emulator.TestUser;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Instagram messaging through a linked Page, over HTTP against the emulator: the account is found
 * when the Facebook login is linked, linking the page enables its Instagram inbox, Instagram
 * deliveries reach the chatbot and are answered with the page's token, and the log tells the
 * platforms apart.
 */
class InstagramThroughThePageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Cases {
        TestDatabase db;
        PlatformEmulator emulator;
        TestServer server;
        final List<ChatbotQuery> queries = new CopyOnWriteArrayList<>();
        TestUser owner;
        TestPage page;
        TestInstagramAccount ig;
        String igsid;
        TestCustomer messengerCustomer;

        abstract TestDatabase open();

        @BeforeAll
        void start() {
            db = open();
        }

        @AfterAll
        void stop() {
            db.close();
        }

        @BeforeEach
        void startServers() {
            queries.clear();
            emulator = PlatformEmulator.builder().appId(TestServer.APP_ID).appSecret(TestServer.APP_SECRET)
                    .deliverEchoes(true).start();
            server = TestServer.start(db, TestServer.config(emulator.baseUrl()), b -> b.responder(q -> {
                queries.add(q);
                return "You said: " + q.text();
            }));
            emulator.webhookCallback(server.base().resolve("api/webhook/"));
            owner = emulator.createUser("Olga Owner");
            page = emulator.createPage(owner, "Harbour Cafe");
            ig = page.connectInstagramAccount("harbour.cafe", "Harbour Cafe");
            igsid = ig.createUser("Robin", "Insta");
            messengerCustomer = page.createCustomer("Max", "Messenger");
        }

        @AfterEach
        void stopServers() {
            server.close();
            emulator.close();
            db.transactions().run(em -> {
                for (String entity : List.of("AccountEntity", "PageEntity", "TokenEntity", "MessageLogEntity",
                        "InboxEntity", "ProcessedEventEntity", "EventEntity")) {
                    em.createQuery("delete from " + entity + " e").executeUpdate();
                }
            });
        }

        JsonNode json(HttpResponse<String> response, int status) {
            assertEquals(status, response.statusCode(), response.body());
            try {
                return JSON.readTree(response.body());
            } catch (Exception e) {
                throw new AssertionError(response.body(), e);
            }
        }

        void linkAccount(String chatbotId, String key, String token) {
            json(server.postJson("/api/fb-linkage/", key, "{\"chatbot_id\":\"" + chatbotId + "\",\"access_token\":\""
                    + token + "\"}"), 200);
        }

        @Test
        void linkReceiveReplyAndLogAnInstagramConversation() {
            linkAccount("bot-a", KEY_A, owner.shortLivedToken().reveal());
            JsonNode details = json(server.get("/api/fb-account-details/?chatbot_id=bot-a", KEY_A), 200);
            JsonNode available = details.get("available_pages").get(0);
            assertEquals(page.id(), available.get("id").asText());
            assertEquals(ig.id(), available.get("instagram").get("id").asText());
            assertEquals("harbour.cafe", available.get("instagram").get("username").asText());
            assertEquals("Harbour Cafe", available.get("instagram").get("name").asText());
            assertTrue(available.get("instagram").get("picture_url").asText().startsWith(emulator.baseUrl()));

            JsonNode linked = json(server.postJson("/api/link-pages/", KEY_A, "{\"chatbot_id\":\"bot-a\",\"page_ids\":[\""
                    + page.id() + "\"],\"instagram\":true}"), 200).get("pages").get(0);
            assertTrue(linked.get("instagram_messaging").asBoolean());
            assertEquals(ig.id(), linked.get("instagram").get("id").asText());
            JsonNode listed = json(server.get("/api/get-linked-pages/?chatbot_id=bot-a", KEY_A), 200).get("pages").get(0);
            assertEquals("harbour.cafe", listed.get("instagram").get("username").asText());

            InboundDelivery delivery = ig.userSends(igsid, "Do you have oat milk?");
            assertTrue(delivery.delivered(), delivery.detail());
            Conversation answered = ig.awaitConversation(igsid, c -> !c.replies().isEmpty(), Duration.ofSeconds(20));
            assertEquals(List.of("You said: Do you have oat milk?"), answered.replies());
            assertEquals(ig.id(), queries.get(0).pageId(), "the chatbot sees the Instagram account it was written to");
            assertEquals("instagram-" + igsid, queries.get(0).sessionId());
            assertEquals(List.of(), emulator.refusedSends(), "typing and mark_seen are Instagram sender actions too");

            messengerCustomer.sends("And on Messenger?");
            page.awaitConversation(messengerCustomer.psid(), c -> !c.replies().isEmpty(), Duration.ofSeconds(20));

            Eventually.await("both turns logged", () -> json(server.get("/api/fb-message-summary/?chatbot_id=bot-a",
                    KEY_A), 200).get("total").asLong() == 2);
            JsonNode summary = json(server.get("/api/fb-message-summary/?chatbot_id=bot-a", KEY_A), 200);
            assertEquals(1, summary.get("counts").get("by_platform").get("instagram").asLong());
            assertEquals(1, summary.get("counts").get("by_platform").get("messenger").asLong());
            assertEquals(1, summary.get("counts").get("by_page").get(ig.id()).asLong());
            for (JsonNode m : summary.get("messages")) {
                boolean instagram = m.get("page_id").asText().equals(ig.id());
                assertEquals(instagram ? "instagram" : "messenger", m.get("platform").asText());
                assertEquals(instagram ? "instagram-" + igsid : "messenger-" + messengerCustomer.psid(),
                        m.get("session_id").asText());
            }
            JsonNode dashboard = json(server.get("/api/dashboard/?chatbot_id=bot-a", KEY_A), 200);
            assertEquals(1, dashboard.get("messages_by_platform").get("instagram").asLong());
            JsonNode dashboardPage = dashboard.get("pages").get(0);
            assertEquals(ig.id(), dashboardPage.get("instagram_account_id").asText());
            assertEquals("harbour.cafe", dashboardPage.get("instagram_username").asText());
            assertTrue(dashboardPage.get("instagram_messaging").asBoolean());
            assertEquals(1, queries.stream().filter(q -> q.text().equals("Do you have oat milk?")).count(),
                    "the echo of the reply reached no chatbot");
        }

        @Test
        void anInstagramEventSetAsideIsListedAsInstagramForItsChatbotAndQueuedAgain() {
            linkAccount("bot-a", KEY_A, owner.shortLivedToken().reveal());
            json(server.postJson("/api/link-pages/", KEY_A, "{\"chatbot_id\":\"bot-a\",\"page_ids\":[\""
                    + page.id() + "\"],\"instagram\":true}"), 200);
            emulator.injectFault("/me/messages", "You said: out of reach", 100,
                    Fault.error(EmulatedGraphError.recipientUnavailable()));
            assertTrue(ig.userSends(igsid, "out of reach").delivered());

            Eventually.await("set aside", () -> json(server.get("/api/events/set-aside/?chatbot_id=bot-a", KEY_A), 200)
                    .get("count").asInt() == 1);
            JsonNode aside = json(server.get("/api/events/set-aside/?chatbot_id=bot-a", KEY_A), 200).get("events").get(0);
            assertEquals(ig.id(), aside.get("page_id").asText());
            assertEquals("instagram-" + igsid, aside.get("session_id").asText());
            assertEquals("RECIPIENT_UNAVAILABLE", aside.get("reason").asText());

            emulator.clearFaults();
            assertEquals(1, json(server.postJson("/api/events/requeue/", KEY_A, "{\"chatbot_id\":\"bot-a\",\"event_id\":"
                    + aside.get("id").asLong() + "}"), 200).get("requeued").asInt());
            Conversation answered = ig.awaitConversation(igsid, c -> !c.replies().isEmpty(), Duration.ofSeconds(20));
            assertEquals(List.of("You said: out of reach"), answered.replies());
        }

        @Test
        void aReplyInstagramCannotTakeIsRefusedBeforeTheCallSetAsideAtOnceAndLoggedAsFailed() {
            linkAccount("bot-a", KEY_A, owner.shortLivedToken().reveal());
            json(server.postJson("/api/link-pages/", KEY_A, "{\"chatbot_id\":\"bot-a\",\"page_ids\":[\""
                    + page.id() + "\"],\"instagram\":true}"), 200);
            // The echo bot's answer is 1,010 bytes: over Instagram's 1,000 (Messenger would take it).
            assertTrue(ig.userSends(igsid, "x".repeat(1000)).delivered());

            Eventually.await("set aside", () -> json(server.get("/api/events/set-aside/?chatbot_id=bot-a", KEY_A), 200)
                    .get("count").asInt() == 1);
            JsonNode aside = json(server.get("/api/events/set-aside/?chatbot_id=bot-a", KEY_A), 200).get("events").get(0);
            assertEquals("INVALID_MESSAGE", aside.get("reason").asText(), aside.toString());
            assertEquals(1, aside.get("attempts").asInt(), "an answer that breaks a limit is not asked for again");
            assertTrue(aside.get("last_error").asText().contains("1000"), aside.toString());
            assertEquals(1, queries.size(), "the chatbot ran once");
            assertTrue(ig.conversation(igsid).replies().isEmpty(), "nothing reached Instagram");
            Eventually.await("logged", () -> json(server.get("/api/fb-message-summary/?chatbot_id=bot-a", KEY_A), 200)
                    .get("total").asLong() == 1);
            JsonNode logged = json(server.get("/api/fb-message-summary/?chatbot_id=bot-a", KEY_A), 200).get("messages").get(0);
            assertEquals("failed", logged.get("status").asText().toLowerCase(java.util.Locale.ROOT), logged.toString());
            assertEquals("instagram", logged.get("platform").asText());
        }

        @Test
        void aPageLinkedWithoutInstagramLeavesItsInstagramInboxAlone() {
            linkAccount("bot-a", KEY_A, owner.shortLivedToken().reveal());
            JsonNode linked = json(server.postJson("/api/link-pages/", KEY_A, "{\"chatbot_id\":\"bot-a\",\"page_ids\":[\""
                    + page.id() + "\"]}"), 200).get("pages").get(0);
            assertFalse(linked.get("instagram_messaging").asBoolean());
            assertEquals(ig.id(), linked.get("instagram").get("id").asText(), "shown, but not enabled");
            assertTrue(ig.userSends(igsid, "anyone?").delivered());
            messengerCustomer.sends("hello page");
            page.awaitConversation(messengerCustomer.psid(), c -> !c.replies().isEmpty(), Duration.ofSeconds(20));
            Eventually.await("messenger turn logged", () -> server.backend().messageLog()
                    .summary("bot-a", java.util.Optional.empty(), 0, 10).total() == 1);
            assertTrue(ig.conversation(igsid).replies().isEmpty());
            assertEquals(List.of("hello page"), queries.stream().map(ChatbotQuery::text).toList());
        }

        @Test
        void aMissingInstagramPermissionIsRefusedByName() {
            linkAccount("bot-b", KEY_B, owner.shortLivedToken(List.of("pages_show_list", "pages_messaging",
                    "pages_manage_metadata", "instagram_basic")).reveal());
            HttpResponse<String> refused = server.postJson("/api/link-pages/", KEY_B, "{\"chatbot_id\":\"bot-b\","
                    + "\"page_ids\":[\"" + page.id() + "\"],\"instagram\":true}");
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("instagram_manage_messages"), refused.body());
            assertFalse(refused.body().contains("instagram_basic,"), refused.body());
            assertEquals(0, json(server.get("/api/get-linked-pages/?chatbot_id=bot-b", KEY_B), 200).get("pages").size());
        }

        @Test
        void refreshAndUnlinkFollowTheInstagramAccount() {
            linkAccount("bot-a", KEY_A, owner.shortLivedToken().reveal());
            json(server.postJson("/api/link-pages/", KEY_A, "{\"chatbot_id\":\"bot-a\",\"page_ids\":[\"" + page.id()
                    + "\"],\"instagram\":true}"), 200);
            JsonNode refreshed = json(server.postJson("/api/refresh-pages/", KEY_A, "{\"chatbot_id\":\"bot-a\"}"), 200);
            assertEquals("unchanged", refreshed.get("pages").get(0).get("outcome").asText());
            assertTrue(refreshed.get("account").get("linked_pages").get(0).get("instagram_messaging").asBoolean());

            page.disconnectInstagramAccount();
            JsonNode gone = json(server.postJson("/api/refresh-pages/", KEY_A, "{\"chatbot_id\":\"bot-a\"}"), 200);
            assertTrue(gone.get("pages").get(0).get("detail").asText().contains("instagram messaging ended"),
                    gone.toString());
            JsonNode after = gone.get("account").get("linked_pages").get(0);
            assertTrue(after.get("instagram").isNull());
            assertFalse(after.get("instagram_messaging").asBoolean());
            assertTrue(gone.get("account").get("available_pages").get(0).get("instagram").isNull());

            json(server.deleteJson("/api/unlink-pages/", KEY_A, "{\"chatbot_id\":\"bot-a\",\"page_ids\":[\"" + page.id()
                    + "\"]}"), 200);
            page.connectInstagramAccount("harbour.cafe.two", "Harbour Cafe");
            InboundDelivery unlinked = page.instagramAccount().orElseThrow().userSends(
                    page.instagramAccount().orElseThrow().createUser("Kim", "Insta"), "still there?");
            assertFalse(unlinked.delivered(), "the page no longer subscribes the app, so Meta sends nothing");
            assertTrue(queries.isEmpty());
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
