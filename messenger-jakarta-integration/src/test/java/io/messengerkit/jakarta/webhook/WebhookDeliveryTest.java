package io.messengerkit.jakarta.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.messengerkit.jakarta.testing.GraphStubs.PAGE_1;
import static io.messengerkit.jakarta.testing.GraphStubs.V;
import static io.messengerkit.jakarta.testing.TestServer.KEY_A;
import static io.messengerkit.jakarta.testing.TestServer.sign;
import static io.messengerkit.jakarta.testing.TestServer.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.messengerkit.jakarta.MessengerBackend;
import io.messengerkit.jakarta.persistence.MessageLog;
import io.messengerkit.jakarta.persistence.ResourceLocalTransactions;
import io.messengerkit.jakarta.persistence.WebhookInbox.State;
import io.messengerkit.jakarta.reply.ChatbotQuery;
import io.messengerkit.jakarta.testing.Eventually;
import io.messengerkit.jakarta.testing.GraphStubs;
import io.messengerkit.jakarta.testing.TestDatabase;
import io.messengerkit.jakarta.testing.TestServer;
import io.messengerkit.testkit.emulator.MutableClock;
import io.messengerkit.AccessToken;
import io.messengerkit.token.TokenKey;
import io.messengerkit.token.TokenKeyset;
import io.messengerkit.token.TokenVault;
import jakarta.persistence.EntityManagerFactory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Signed deliveries through the inbox, the SDK dispatcher and the reply flow, to the Send API (WireMock). */
class WebhookDeliveryTest {

    /** When the test person wrote: recent, as Meta's deliveries are (older ones fall outside the replay window). */
    static final long WROTE_AT = System.currentTimeMillis() - 60_000;

    static byte[] message(String mid, String text) {
        return utf8("{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE_1 + "\",\"time\":" + WROTE_AT + ",\"messaging\":[{"
                + "\"sender\":{\"id\":\"9001\"},\"recipient\":{\"id\":\"" + PAGE_1 + "\"},\"timestamp\":" + WROTE_AT + ","
                + "\"message\":{\"mid\":\"" + mid + "\",\"text\":\"" + text + "\"}}]}]}");
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Cases {
        TestDatabase db;
        GraphStubs graph;
        final List<ChatbotQuery> queries = new CopyOnWriteArrayList<>();
        final List<TestServer> servers = new CopyOnWriteArrayList<>();
        TokenVault vault;

        abstract TestDatabase open();

        @BeforeAll
        void start() {
            db = open();
            graph = new GraphStubs();
            vault = TokenVault.of(TokenKeyset.generate());
        }

        @AfterAll
        void stop() {
            graph.close();
            db.close();
        }

        @BeforeEach
        void clean() {
            graph.reset();
            queries.clear();
            db.transactions().run(em -> {
                for (String entity : List.of("AccountEntity", "PageEntity", "TokenEntity", "MessageLogEntity",
                        "InboxEntity", "ProcessedEventEntity", "EventEntity")) {
                    em.createQuery("delete from " + entity + " e").executeUpdate();
                }
            });
        }

        @AfterEach
        void stopServers() {
            servers.forEach(TestServer::close);
            servers.clear();
        }

        TestServer server(java.util.function.Consumer<MessengerBackend.Builder> more) {
            TestServer s = TestServer.start(db, TestServer.config(graph.baseUrl()), b -> {
                b.responder(q -> {
                    queries.add(q);
                    return "You said: " + q.text();
                });
                more.accept(b);
            }, vault);
            servers.add(s);
            return s;
        }

        void linkPage(TestServer s) {
            assertEquals(200, s.postJson("/api/fb-linkage/", KEY_A,
                    "{\"chatbot_id\":\"bot-a\",\"access_token\":\"" + GraphStubs.SHORT_TOKEN + "\"}").statusCode());
            assertEquals(200, s.postJson("/api/link-pages/", KEY_A,
                    "{\"chatbot_id\":\"bot-a\",\"page_ids\":[\"" + PAGE_1 + "\"]}").statusCode());
        }

        long sendsWithText(String text) {
            return graph.server().findAll(postRequestedFor(urlPathEqualTo(V + "/me/messages"))
                    .withRequestBody(containing(text))).size();
        }

        @Test
        void aUserMessageGetsTypingTheRepliesAndMarkSeenAndIsLogged() {
            TestServer s = server(b -> { });
            linkPage(s);
            byte[] body = message("m.hello", "hello bot");
            assertEquals(200, s.postWebhook("/api/webhook/", body, sign(body)).statusCode());
            Eventually.await("reply sent", () -> sendsWithText("You said: hello bot") == 1);
            Eventually.await("turn logged", () -> s.backend().messageLog().summary("bot-a", Optional.empty(), 0, 10).total() == 1);

            ChatbotQuery q = queries.get(0);
            assertEquals("bot-a", q.chatbotId());
            assertEquals("messenger-9001", q.sessionId());
            assertEquals("hello bot", q.text());
            List<LoggedRequest> sends = graph.server().findAll(postRequestedFor(urlPathEqualTo(V + "/me/messages")));
            List<String> order = sends.stream().map(r -> r.getBodyAsString().contains("typing_on") ? "typing_on"
                    : r.getBodyAsString().contains("mark_seen") ? "mark_seen"
                    : r.getBodyAsString().contains("typing_off") ? "typing_off" : "reply").toList();
            assertEquals("typing_on", order.get(0), order.toString());
            assertTrue(order.indexOf("reply") < order.lastIndexOf("mark_seen"), order.toString());
            graph.server().verify(postRequestedFor(urlPathEqualTo(V + "/me/messages"))
                    .withRequestBody(matchingJsonPath("$.messaging_type", equalTo("RESPONSE")))
                    .withRequestBody(matchingJsonPath("$.recipient.id", equalTo("9001"))));

            MessageLog.Entry logged = s.backend().messageLog().summary("bot-a", Optional.empty(), 0, 10).entries().get(0);
            assertEquals(MessageLog.Status.REPLIED, logged.status());
            assertEquals("hello bot", logged.inboundText());
            assertEquals("You said: hello bot", logged.outboundText());
            assertEquals("m.reply.1", logged.messageId());
            assertEquals("messenger-9001", logged.sessionId());
            assertEquals(java.time.Instant.ofEpochMilli(WROTE_AT), logged.receivedAt(), "the time the user wrote");
            assertTrue(logged.repliedAt().isAfter(logged.receivedAt()));
            Eventually.await("inbox row done", () -> s.backend().inbox().counts().get(State.DONE) == 1);
            HttpResponse<String> summary = s.get("/api/fb-message-summary/?chatbot_id=bot-a", KEY_A);
            assertTrue(summary.body().contains("You said: hello bot"), summary.body());
        }

        @Test
        void aSignedDeliveryOverTheParsersCapsIsAcknowledgedStoredAsFailedAndQueuesNothing() {
            TestServer s = server(b -> { });
            linkPage(s);
            // 1,001 tiny messaging items: one more than Meta ever sends, and than the parser's cap.
            String items = String.join(",", java.util.Collections.nCopies(1001, "{}"));
            byte[] body = utf8("{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE_1 + "\",\"time\":" + WROTE_AT
                    + ",\"messaging\":[" + items + "]}]}");
            assertEquals(200, s.postWebhook("/api/webhook/", body, sign(body)).statusCode(), "signed, so acknowledged");
            assertEquals(1L, s.backend().inbox().counts().get(State.FAILED), "kept, as failed");
            assertEquals(0L, s.backend().events().counts().values().stream().mapToLong(Long::longValue).sum(),
                    "no event queued");
            assertEquals(0, queries.size());
        }

        @Test
        void theSameEventRedeliveredThreeTimesConcurrentlyIsHandledOnce() throws Exception {
            TestServer s = server(b -> { });
            linkPage(s);
            byte[] body = message("m.dup", "only once");
            postConcurrently(List.of(s, s, s), body);
            Eventually.await("all three deliveries processed", () -> s.backend().inbox().counts().get(State.DONE) == 3);
            Eventually.await("the event handled", () -> s.backend().events().counts()
                    .get(io.messengerkit.jakarta.persistence.EventQueue.Status.DONE) == 1);
            assertEquals(1, s.backend().events().counts().values().stream().mapToLong(Long::longValue).sum(),
                    "the event is stored once");
            assertEquals(1, queries.size(), "the responder ran once");
            assertEquals(1, sendsWithText("You said: only once"));
            assertEquals(1, s.backend().messageLog().summary("bot-a", Optional.empty(), 0, 10).total());
        }

        @Test
        void deliveriesArrivingTogetherAreEachStoredBeforeTheirAnswer() throws Exception {
            TestServer s = server(b -> { });
            int deliveries = 48;
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> results = new java.util.ArrayList<>();
                for (int i = 0; i < deliveries; i++) {
                    byte[] body = message("m.together." + i, "message " + i);
                    results.add(pool.submit(() -> {
                        go.await();
                        return s.postWebhook("/api/webhook/", body, sign(body)).statusCode();
                    }));
                }
                go.countDown();
                for (Future<Integer> r : results) {
                    assertEquals(200, r.get(30, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
            // No waiting: every answered delivery and its event were committed before its 200.
            assertEquals(deliveries, s.backend().inbox().counts().values().stream().mapToLong(Long::longValue).sum());
            assertEquals(deliveries, s.backend().events().counts().values().stream().mapToLong(Long::longValue).sum());
        }

        @Test
        void twoInstancesOnOneDatabaseHandleARedeliveredEventOnce() throws Exception {
            TestServer a = server(b -> b.instanceId("instance-a"));
            TestServer b2 = server(b -> b.instanceId("instance-b"));
            linkPage(a);
            byte[] body = message("m.twice", "two instances");
            postConcurrently(List.of(a, b2, a, b2), body);
            Eventually.await("all deliveries processed", () -> a.backend().inbox().counts().get(State.DONE) == 4);
            Eventually.await("the event handled", () -> a.backend().events().counts()
                    .get(io.messengerkit.jakarta.persistence.EventQueue.Status.DONE) == 1);
            assertEquals(1, queries.size(), "the responder ran once across both instances");
            assertEquals(1, sendsWithText("You said: two instances"));
        }

        @Test
        void onlyMessagingObjectsReachTheChatbotOverHttp() {
            TestServer s = server(b -> { });
            linkPage(s);
            // A WhatsApp-shaped delivery carrying a message, and a Page feed change: signed, so stored and
            // acknowledged, but neither is a Messenger conversation the chatbot answers.
            byte[] whatsApp = utf8("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + PAGE_1
                    + "\",\"time\":" + WROTE_AT + ",\"messaging\":[{\"sender\":{\"id\":\"9001\"},\"recipient\":{\"id\":\""
                    + PAGE_1 + "\"},\"timestamp\":" + WROTE_AT + ",\"message\":{\"mid\":\"m.wa\",\"text\":\"not for you\"}}]}]}");
            byte[] feed = utf8("{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE_1 + "\",\"time\":" + WROTE_AT / 1000
                    + ",\"changes\":[{\"field\":\"feed\",\"value\":{\"item\":\"comment\",\"message\":\"nice\"}}]}]}");
            assertEquals(200, s.postWebhook("/api/webhook/", whatsApp, sign(whatsApp)).statusCode());
            assertEquals(200, s.postWebhook("/api/webhook/", feed, sign(feed)).statusCode());
            Eventually.await("both handled", () -> eventsDone(s) == 2 && s.backend().inFlightCount() == 0);
            byte[] real = message("m.real", "and this one is");
            assertEquals(200, s.postWebhook("/api/webhook/", real, sign(real)).statusCode());
            Eventually.await("the Messenger message answered", () -> sendsWithText("You said: and this one is") == 1);
            assertEquals(List.of("and this one is"), queries.stream().map(ChatbotQuery::text).toList(),
                    "the chatbot saw only the Messenger message");
            assertEquals(0, sendsWithText("not for you"));
        }

        @Test
        void retentionPurgesFinishedDeliveriesAfterADayAndHandledEventsAfterAWeekButKeepsTheLog() {
            MutableClock clock = MutableClock.startingNow();
            TestServer s = server(b -> b.clock(clock));
            linkPage(s);
            byte[] body = message("m.retained", "keep me a while");
            assertEquals(200, s.postWebhook("/api/webhook/", body, sign(body)).statusCode());
            Eventually.await("handled", () -> eventsDone(s) == 1 && s.backend().inFlightCount() == 0);
            assertEquals(1L, s.backend().inbox().counts().get(State.DONE));

            clock.advance(Duration.ofHours(23));
            s.backend().purgeExpired();
            assertEquals(1L, s.backend().inbox().counts().get(State.DONE), "within MESSENGER_INBOX_RETENTION (1 day)");

            clock.advance(Duration.ofHours(2));
            s.backend().purgeExpired();
            assertEquals(0L, s.backend().inbox().counts().values().stream().mapToLong(Long::longValue).sum(),
                    "the raw delivery is gone after a day");
            assertEquals(1L, eventsDone(s), "its event, and so its key, stays for the replay window");

            clock.advance(Duration.ofDays(6));
            s.backend().purgeExpired();
            assertEquals(0L, s.backend().events().counts().values().stream().mapToLong(Long::longValue).sum(),
                    "handled events go after MESSENGER_EVENT_RETENTION (7 days)");
            assertEquals(1, s.backend().messageLog().summary("bot-a", Optional.empty(), 0, 10).total(),
                    "the message log is the chatbot's history and stays");
        }

        @Test
        void closingLetsTheReplyInFlightFinishAndRecordsItsOutcome() throws Exception {
            CountDownLatch answering = new CountDownLatch(1);
            TestServer s = server(b -> b.responder(q -> {
                answering.countDown();
                Thread.sleep(500);
                return "answered while closing";
            }));
            linkPage(s);
            byte[] body = message("m.closing", "are you shutting down");
            assertEquals(200, s.postWebhook("/api/webhook/", body, sign(body)).statusCode());
            assertTrue(answering.await(10, TimeUnit.SECONDS));
            s.close();
            servers.remove(s);
            assertEquals(1, sendsWithText("answered while closing"), "the reply went out before close returned");
            java.time.Clock now = java.time.Clock.systemUTC();
            assertEquals(1L, new io.messengerkit.jakarta.persistence.EventQueue(db.transactions(), now).counts()
                    .get(io.messengerkit.jakarta.persistence.EventQueue.Status.DONE), "the outcome was recorded");
            assertEquals(1, new MessageLog(db.transactions(), now).summary("bot-a", Optional.empty(), 0, 10).total(),
                    "and its log row written");
        }

        @Test
        void aDeliveryLeftUnfinishedByACrashIsResumedAfterRestart() {
            MutableClock clock = MutableClock.startingNow();
            TestServer first = server(b -> b.clock(clock));
            linkPage(first);
            first.close();
            servers.remove(first);
            // An instance that stores deliveries and then dies before finishing them.
            CountDownLatch claimed = new CountDownLatch(1);
            TestServer crashing = server(b -> b.clock(clock).closeGrace(Duration.ZERO).deliveryProcessor(bytes -> {
                claimed.countDown();
                return new CompletableFuture<>();
            }));
            byte[] body = message("m.crash", "survive a crash");
            assertEquals(200, crashing.postWebhook("/api/webhook/", body, sign(body)).statusCode());
            try {
                assertTrue(claimed.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            crashing.close();
            servers.remove(crashing);
            assertEquals(0, sendsWithText("survive a crash"));

            clock.advance(Duration.ofMinutes(5));
            TestServer restarted = server(b -> b.clock(clock));
            Eventually.await("resumed and replied", () -> sendsWithText("You said: survive a crash") == 1);
            Eventually.await("row done", () -> restarted.backend().inbox().counts().get(State.DONE) == 1);
            assertEquals(2, restarted.backend().inbox().list(State.DONE, 1).get(0).attempts());
        }

        @Test
        void aFailingResponderIsRetriedAndTheFailureLogged() {
            MutableClock clock = MutableClock.startingNow();
            java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
            TestServer s = server(b -> b.clock(clock).responder(q -> {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("brain offline");
                }
                return "back again";
            }));
            linkPage(s);
            byte[] body = message("m.retry", "are you there");
            assertEquals(200, s.postWebhook("/api/webhook/", body, sign(body)).statusCode());
            Eventually.await("first attempt failed", () -> calls.get() == 1
                    && s.backend().events().counts().get(io.messengerkit.jakarta.persistence.EventQueue.Status.PENDING) == 1
                    && s.backend().inFlightCount() == 0);
            assertEquals(0, s.backend().messageLog().summary("bot-a", Optional.empty(), 0, 10).total(),
                    "the event's one log row is written when it is finished");
            clock.advance(Duration.ofMinutes(2));
            s.backend().pollInboxNow();
            Eventually.await("retried and replied", () -> sendsWithText("back again") == 1);
            Eventually.await("event done", () -> s.backend().events().counts()
                    .get(io.messengerkit.jakarta.persistence.EventQueue.Status.DONE) == 1);
            var log = s.backend().messageLog().summary("bot-a", Optional.empty(), 0, 10);
            assertEquals(1, log.total(), "one row for the one message, not one per attempt");
            assertEquals(MessageLog.Status.REPLIED, log.entries().get(0).status());
        }

        List<String> authorizationsOfSendsWith(String text) {
            return graph.server().findAll(postRequestedFor(urlPathEqualTo(V + "/me/messages"))
                    .withRequestBody(containing(text))).stream().map(r -> r.getHeader("Authorization")).toList();
        }

        long eventsDone(TestServer s) {
            return s.backend().events().counts().get(io.messengerkit.jakarta.persistence.EventQueue.Status.DONE);
        }

        @Test
        void aPageTokenReplacedOnThisInstanceIsUsedForTheVeryNextReply() {
            TestServer s = server(b -> b.replyCacheTtl(Duration.ofMinutes(10)));
            linkPage(s);
            byte[] before = message("m.before", "before the new token");
            assertEquals(200, s.postWebhook("/api/webhook/", before, sign(before)).statusCode());
            Eventually.await("first reply", () -> sendsWithText("You said: before the new token") == 1);
            assertEquals(List.of("Bearer " + GraphStubs.pageToken(PAGE_1)),
                    authorizationsOfSendsWith("You said: before the new token"));

            String replaced = "EAAreplacedPageTokenMadeUpForPage" + PAGE_1;
            s.backend().tokens().save(TokenKey.page("bot-a", PAGE_1), AccessToken.of(replaced), Optional.empty(),
                    Set.of("pages_messaging"));
            byte[] after = message("m.after", "after the new token");
            assertEquals(200, s.postWebhook("/api/webhook/", after, sign(after)).statusCode());
            Eventually.await("second reply", () -> sendsWithText("You said: after the new token") == 1);
            assertEquals(List.of("Bearer " + replaced), authorizationsOfSendsWith("You said: after the new token"));
        }

        @Test
        void aPageUnlinkedOnThisInstanceGetsNoFurtherReplies() {
            TestServer s = server(b -> b.replyCacheTtl(Duration.ofMinutes(10)));
            linkPage(s);
            byte[] before = message("m.linked", "while linked");
            assertEquals(200, s.postWebhook("/api/webhook/", before, sign(before)).statusCode());
            Eventually.await("reply while linked", () -> sendsWithText("You said: while linked") == 1);
            Eventually.await("first event done", () -> eventsDone(s) == 1);

            assertEquals(200, s.deleteJson("/api/unlink-pages/", KEY_A,
                    "{\"chatbot_id\":\"bot-a\",\"page_ids\":[\"" + PAGE_1 + "\"]}").statusCode());
            byte[] after = message("m.unlinked", "after unlinking");
            assertEquals(200, s.postWebhook("/api/webhook/", after, sign(after)).statusCode());
            Eventually.await("second event done", () -> eventsDone(s) == 2);
            assertEquals(0, sendsWithText("You said: after unlinking"));
            assertEquals(1, queries.size(), "the chatbot is not asked about messages to an unlinked page");
        }

        @Test
        void aTokenReplacedThroughAnotherInstanceIsUsedOnceTheCacheTimeHasPassed() throws Exception {
            TestServer replying = server(b -> b.replyCacheTtl(Duration.ofMillis(300)));
            linkPage(replying);
            byte[] before = message("m.other.before", "before the other instance");
            assertEquals(200, replying.postWebhook("/api/webhook/", before, sign(before)).statusCode());
            Eventually.await("first reply", () -> sendsWithText("You said: before the other instance") == 1);

            // Another instance on the same database stores a new token: this one knows nothing of it.
            String replaced = "EAAtokenStoredElsewhereForPage" + PAGE_1;
            new io.messengerkit.token.TokenService(new io.messengerkit.jakarta.persistence.JpaTokenStore(db.transactions()),
                    vault).save(TokenKey.page("bot-a", PAGE_1), AccessToken.of(replaced), Optional.empty(),
                    Set.of("pages_messaging"));
            Thread.sleep(400);
            byte[] after = message("m.other.after", "after the other instance");
            assertEquals(200, replying.postWebhook("/api/webhook/", after, sign(after)).statusCode());
            Eventually.await("second reply", () -> sendsWithText("You said: after the other instance") == 1);
            assertEquals(List.of("Bearer " + replaced), authorizationsOfSendsWith("You said: after the other instance"));
        }

        @Test
        void aPageWhoseTokenMetaRejectsWhileReplyingIsMarkedReconnectNeeded() {
            TestServer s = server(b -> { });
            linkPage(s);
            graph.error("POST", "/me/messages", 400, 190, 460, "AtraceSend190");
            byte[] body = message("m.dead", "token died");
            assertEquals(200, s.postWebhook("/api/webhook/", body, sign(body)).statusCode());
            Eventually.await("page marked", () -> s.backend().links().page("bot-a", PAGE_1).orElseThrow().status()
                    == io.messengerkit.jakarta.persistence.LinkStatus.RECONNECT_NEEDED);
            Eventually.await("turn logged as failed with the Graph code", () -> s.backend().messageLog()
                    .summary("bot-a", Optional.empty(), 0, 10).entries().stream()
                    .anyMatch(e -> e.status() == MessageLog.Status.FAILED && Integer.valueOf(190).equals(e.errorCode())));
            HttpResponse<String> pages = s.get("/api/get-linked-pages/?chatbot_id=bot-a", KEY_A);
            assertTrue(pages.body().contains("\"reconnect_needed\":true"), pages.body());
        }

        @Test
        void theScheduledHealthCheckResubscribesADroppedPage() {
            TestServer s = server(b -> b.settings(TestServer.settings().withHealthCheckInterval(Duration.ofMillis(300))));
            linkPage(s);
            graph.subscribed(PAGE_1, false);
            graph.server().resetRequests();
            Eventually.await("re-subscribed by the schedule", () -> !graph.server().findAll(
                    postRequestedFor(urlPathEqualTo(V + "/" + PAGE_1 + "/subscribed_apps"))).isEmpty());
        }

        void postConcurrently(List<TestServer> targets, byte[] body) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(targets.size());
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> results = targets.stream().map(t -> pool.submit(() -> {
                    go.await();
                    return t.postWebhook("/api/webhook/", body, sign(body)).statusCode();
                })).toList();
                go.countDown();
                for (Future<Integer> r : results) {
                    assertEquals(200, r.get(30, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
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
