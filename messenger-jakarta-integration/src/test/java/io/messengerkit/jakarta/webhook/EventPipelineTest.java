package io.messengerkit.jakarta.webhook;

import static io.messengerkit.jakarta.testing.TestServer.KEY_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.config.MessengerConfig;
import io.messengerkit.jakarta.MessengerBackend;
import io.messengerkit.jakarta.persistence.EventQueue;
import io.messengerkit.jakarta.persistence.MessageLog;
import io.messengerkit.jakarta.testing.Eventually;
import io.messengerkit.jakarta.testing.TestDatabase;
import io.messengerkit.jakarta.testing.TestServer;
import io.messengerkit.testkit.emulator.DemoWorld;
import io.messengerkit.testkit.emulator.EmulatedGraphError;
import io.messengerkit.testkit.emulator.Fault;
import io.messengerkit.testkit.emulator.PlatformEmulator;
import io.messengerkit.testkit.trigger.TestEvent;
import io.messengerkit.testkit.trigger.WebhookPayload;
import io.messengerkit.token.TokenKeyset;
import io.messengerkit.token.TokenVault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The event pipeline against the platform emulator as Meta: per-conversation order under retries,
 * outcomes classified (a permanent refusal is set aside at once, an unknown one never re-sent), a
 * handler slower than the lease answered once across two instances, a hung handler set aside.
 */
class EventPipelineTest {

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Cases {
        TestDatabase db;
        PlatformEmulator emulator;
        DemoWorld world;
        TokenVault vault;
        final List<TestServer> servers = new CopyOnWriteArrayList<>();
        final List<String> asked = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        String pageId;

        abstract TestDatabase open();

        @BeforeAll
        void start() {
            db = open();
            emulator = PlatformEmulator.builder().appId(TestServer.APP_ID).appSecret(TestServer.APP_SECRET).start();
            world = emulator.seedDemo();
            pageId = world.personalPage().id();
            vault = TokenVault.of(TokenKeyset.generate());
        }

        @AfterAll
        void stop() {
            release.countDown();
            emulator.close();
            db.close();
        }

        @BeforeEach
        void clean() {
            asked.clear();
            emulator.clearFaults();
            db.transactions().run(em -> {
                for (String entity : List.of("AccountEntity", "PageEntity", "TokenEntity", "MessageLogEntity",
                        "InboxEntity", "ProcessedEventEntity", "EventEntity")) {
                    em.createQuery("delete from " + entity + " e").executeUpdate();
                }
            });
        }

        @AfterEach
        void stopServers() {
            // Closing lets events in flight finish (their log rows are written last), so none lands in the next test.
            servers.forEach(TestServer::close);
            servers.clear();
        }

        /** A server whose chatbot answers "You said: <text>", sleeping or hanging on request. */
        TestServer server(Duration requestTimeout, Consumer<MessengerBackend.Builder> more) {
            MessengerConfig config = TestServer.config(emulator.baseUrl()).toBuilder().requestTimeout(requestTimeout).build();
            TestServer s = TestServer.start(db, config, b -> {
                b.settings(TestServer.settings()
                        .withInbox(Duration.ofMillis(100), 3, Duration.ofSeconds(2), Duration.ofMillis(200))
                        .withEvents(Duration.ofSeconds(5), Duration.ofDays(7), Duration.ofDays(1)));
                b.responder(q -> {
                    asked.add(q.text());
                    if (q.text().startsWith("slow")) {
                        Thread.sleep(3500);
                    }
                    if (q.text().startsWith("hang")) {
                        release.await(60, TimeUnit.SECONDS);
                    }
                    return "You said: " + q.text();
                });
                more.accept(b);
            }, vault);
            servers.add(s);
            return s;
        }

        TestServer server() {
            return server(Duration.ofSeconds(10), b -> { });
        }

        void link(TestServer s) {
            HttpResponse<String> linked = s.postJson("/api/fb-linkage/", KEY_A, "{\"chatbot_id\":\"bot-a\",\"access_token\":\""
                    + world.user().shortLivedToken().reveal() + "\"}");
            assertEquals(200, linked.statusCode(), linked.body());
            HttpResponse<String> pages = s.postJson("/api/link-pages/", KEY_A,
                    "{\"chatbot_id\":\"bot-a\",\"page_ids\":[\"" + pageId + "\"]}");
            assertEquals(200, pages.statusCode(), pages.body());
            emulator.webhookCallback(s.base().resolve("/api/webhook/"));
        }

        String person() {
            return world.personalPage().createCustomer("Pat", "Doe").psid();
        }

        void write(String psid, String text) {
            assertTrue(emulator.trigger().send(WebhookPayload.of(TestEvent.text(pageId, psid, text))).accepted());
        }

        List<String> replies(String psid) {
            return emulator.conversation(pageId, psid).replies();
        }

        long count(TestServer s, EventQueue.Status status) {
            return s.backend().events().counts().get(status);
        }

        @Test
        void aConversationWhoseFirstMessageFailsTwiceIsAnsweredInOrder() {
            TestServer s = server();
            link(s);
            String psid = person();
            emulator.injectFault("/me/messages", "You said: first", 2, Fault.error(EmulatedGraphError.rateLimited()));
            write(psid, "first");
            write(psid, "second");
            write(psid, "third");
            Eventually.await("three replies", () -> replies(psid).size() == 3);
            assertEquals(List.of("You said: first", "You said: second", "You said: third"), replies(psid));
            Eventually.await("three events done", () -> count(s, EventQueue.Status.DONE) == 3);
            MessageLog.Summary log = s.backend().messageLog().summary("bot-a", Optional.empty(), 0, 10);
            assertEquals(3, log.total(), "one log row per message, not per attempt");
            assertTrue(log.entries().stream().allMatch(e -> e.status() == MessageLog.Status.REPLIED));
        }

        @Test
        void aPersonWhoCannotBeReachedGetsNoReplyAndTheEventIsSetAsideAtOnceWhileTheConversationMovesOn() {
            TestServer s = server();
            link(s);
            String psid = person();
            emulator.injectFault("/me/messages", "You said: blocked", 100, Fault.error(EmulatedGraphError.recipientUnavailable()));
            write(psid, "blocked");
            write(psid, "after");
            Eventually.await("the next message answered", () -> replies(psid).contains("You said: after"));
            assertEquals(List.of("You said: after"), replies(psid));
            Eventually.await("set aside", () -> count(s, EventQueue.Status.SET_ASIDE) == 1);
            EventQueue.SetAsideEvent aside = s.backend().events().setAside(List.of(pageId), 10).get(0);
            assertEquals("RECIPIENT_UNAVAILABLE", aside.reason());
            assertEquals(1, aside.attempts(), "not retried");
            assertEquals(551, aside.graphErrorCode());
            assertEquals(1, asked.stream().filter("blocked"::equals).count(), "the chatbot was asked once");
            Eventually.await("both logged", () -> s.backend().messageLog().summary("bot-a", Optional.empty(), 0, 10).total() == 2);
            assertTrue(s.backend().messageLog().summary("bot-a", Optional.empty(), 0, 10).entries().stream()
                    .anyMatch(e -> e.status() == MessageLog.Status.FAILED && Integer.valueOf(551).equals(e.errorCode())));

            // The operator's view and replay, scoped to the chatbot.
            HttpResponse<String> listed = s.get("/api/events/set-aside/?chatbot_id=bot-a", KEY_A);
            assertEquals(200, listed.statusCode(), listed.body());
            assertTrue(listed.body().contains("RECIPIENT_UNAVAILABLE"), listed.body());
            assertEquals(403, s.get("/api/events/set-aside/?chatbot_id=bot-a", TestServer.KEY_B).statusCode());
            emulator.clearFaults();
            HttpResponse<String> requeued = s.postJson("/api/events/requeue/", KEY_A,
                    "{\"chatbot_id\":\"bot-a\",\"event_id\":" + aside.id() + "}");
            assertEquals(200, requeued.statusCode(), requeued.body());
            s.backend().pollInboxNow();
            Eventually.await("answered after the operator queued it again",
                    () -> replies(psid).contains("You said: blocked"));
        }

        @Test
        void aSendThatTimedOutIsNeverSentAgainAndIsSetAsideAsOutcomeUnknown() {
            // A timeout well above a loaded machine's ordinary calls (typing, mark seen), well below the held send.
            TestServer s = server(Duration.ofMillis(1500), b -> { });
            link(s);
            String psid = person();
            emulator.injectFault("/me/messages", "You said: lost in transit", 1, Fault.delay(Duration.ofSeconds(4)));
            write(psid, "lost in transit");
            Eventually.await("set aside", () -> count(s, EventQueue.Status.SET_ASIDE) == 1);
            EventQueue.SetAsideEvent aside = s.backend().events().setAside(List.of(pageId), 10).get(0);
            assertEquals("OUTCOME_UNKNOWN", aside.reason());
            assertEquals(1, aside.attempts());
            // The emulator records the held call when its delay ends.
            Eventually.await("the held send recorded", () -> sendsOf("You said: lost in transit") >= 1);
            s.backend().pollInboxNow();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertEquals(1, sendsOf("You said: lost in transit"), "sent once, never again");
        }

        long sendsOf(String text) {
            return emulator.requests("POST", "/me/messages").stream().filter(r -> r.bodyText().contains(text)).count();
        }

        @Test
        void aHandlerSlowerThanTheLeaseIsAnsweredOnceAcrossTwoInstances() {
            TestServer a = server();
            TestServer b = server();
            link(a);
            String psid = person();
            write(psid, "slow question");
            write(psid, "quick one");
            Eventually.await("both answered", () -> replies(psid).size() == 2);
            Eventually.await("both done", () -> count(a, EventQueue.Status.DONE) == 2);
            assertEquals(List.of("You said: slow question", "You said: quick one"), replies(psid));
            assertEquals(1, asked.stream().filter("slow question"::equals).count(), "the lease held: no takeover");
            // An attempt leaves the in-flight registry just after its outcome commits.
            Eventually.await("nothing in flight", () -> b.backend().inFlightCount() + a.backend().inFlightCount() == 0);
        }

        @Test
        void aHungHandlerEndsSetAsideWithoutAReply() {
            // The hung handlers never end: closing waits for nothing.
            TestServer s = server(Duration.ofSeconds(10), b -> b.closeGrace(Duration.ZERO));
            link(s);
            String psid = person();
            write(psid, "hang forever");
            Eventually.await("set aside", Duration.ofSeconds(60), () -> count(s, EventQueue.Status.SET_ASIDE) == 1);
            EventQueue.SetAsideEvent aside = s.backend().events().setAside(List.of(pageId), 10).get(0);
            assertEquals("RETRIES_EXHAUSTED", aside.reason());
            assertTrue(aside.lastError().startsWith("DEADLINE"), aside.lastError());
            assertEquals(3, aside.attempts());
            assertEquals(List.of(), replies(psid));
        }

        @Test
        void anOldDeliveryReplayedIsAcknowledgedAndIgnored() {
            TestServer s = server();
            link(s);
            String psid = person();
            long eightDaysAgo = System.currentTimeMillis() - Duration.ofDays(8).toMillis();
            assertTrue(emulator.trigger().send(WebhookPayload.of(TestEvent.text(pageId, psid, "old news")
                    .withTimestamp(eightDaysAgo).withMid("m." + UUID.randomUUID()))).accepted());
            Eventually.await("delivery processed", () -> s.backend().inbox().counts()
                    .get(io.messengerkit.jakarta.persistence.WebhookInbox.State.DONE) == 1);
            assertEquals(0, s.backend().events().counts().values().stream().mapToLong(Long::longValue).sum());
            assertEquals(List.of(), asked);
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
