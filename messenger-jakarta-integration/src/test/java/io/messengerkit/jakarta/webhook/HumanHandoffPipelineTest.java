package io.messengerkit.jakarta.webhook;

import static io.messengerkit.jakarta.testing.TestServer.KEY_A;
import static io.messengerkit.jakarta.testing.TestServer.KEY_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.jakarta.MessengerBackend;
import io.messengerkit.jakarta.config.ConversationSettings;
import io.messengerkit.jakarta.persistence.EventQueue;
import io.messengerkit.jakarta.persistence.HumanHandoffs;
import io.messengerkit.jakarta.persistence.MessageLog;
import io.messengerkit.jakarta.testing.Eventually;
import io.messengerkit.jakarta.testing.TestDatabase;
import io.messengerkit.jakarta.testing.TestServer;
import io.messengerkit.send.Message;
import io.messengerkit.send.MessageTag;
import io.messengerkit.send.MessagingWindowPolicy;
import io.messengerkit.send.SendRequest;
import io.messengerkit.testkit.emulator.DemoWorld;
import io.messengerkit.testkit.emulator.MutableClock;
import io.messengerkit.testkit.emulator.PlatformEmulator;
import io.messengerkit.testkit.trigger.TestEvent;
import io.messengerkit.testkit.trigger.WebhookPayload;
import io.messengerkit.token.TokenKeyset;
import io.messengerkit.token.TokenVault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The reply pipeline against the platform emulator as Meta, over HTTP: quiet while a person at the
 * business answers from the Page inbox or another app holds the thread, speaking again after an
 * operator's hand-back, after control is passed back and after the quiet period; a reply outside
 * the messaging window refused before any Graph call, and HUMAN_AGENT allowed when enabled.
 */
class HumanHandoffPipelineTest {

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Cases {
        abstract TestDatabase open();

        static final String INBOX_APP = "263902037430900";
        TestDatabase db;
        PlatformEmulator emulator;
        DemoWorld world;
        MutableClock clock;
        TestServer server;
        String pageId;

        @BeforeAll
        void start() {
            db = open();
            clock = MutableClock.startingNow();
            emulator = PlatformEmulator.builder().appId(TestServer.APP_ID).appSecret(TestServer.APP_SECRET).clock(clock)
                    .start();
            world = emulator.seedDemo();
            pageId = world.personalPage().id();
        }

        @AfterAll
        void stop() {
            emulator.close();
            db.close();
        }

        @AfterEach
        void stopServer() {
            if (server != null) {
                server.close();
                server = null;
            }
            db.transactions().run(em -> {
                for (String entity : List.of("AccountEntity", "PageEntity", "TokenEntity", "MessageLogEntity",
                        "InboxEntity", "ProcessedEventEntity", "EventEntity", "HandoffEntity")) {
                    em.createQuery("delete from " + entity + " e").executeUpdate();
                }
            });
        }

        /** A linked server whose bot answers "You said: <text>". */
        TestServer server(ConversationSettings conversations, Consumer<MessengerBackend.Builder> more) {
            TestServer s = TestServer.start(db, TestServer.config(emulator.baseUrl()), b -> {
                b.clock(clock).conversations(conversations)
                        .settings(TestServer.settings()
                                .withExtraSubscribedFields(List.of("message_echoes", "messaging_handovers", "standby"))
                                .withInbox(Duration.ofMillis(100), 3, Duration.ofSeconds(5), Duration.ofMillis(200)));
                b.responder(q -> "You said: " + q.text());
                more.accept(b);
            }, TokenVault.of(TokenKeyset.generate()));
            HttpResponse<String> linked = s.postJson("/api/fb-linkage/", KEY_A, "{\"chatbot_id\":\"bot-a\",\"access_token\":\""
                    + world.user().shortLivedToken().reveal() + "\"}");
            assertEquals(200, linked.statusCode(), linked.body());
            HttpResponse<String> pages = s.postJson("/api/link-pages/", KEY_A,
                    "{\"chatbot_id\":\"bot-a\",\"page_ids\":[\"" + pageId + "\"]}");
            assertEquals(200, pages.statusCode(), pages.body());
            emulator.webhookCallback(s.base().resolve("/api/webhook/"));
            server = s;
            return s;
        }

        TestServer server() {
            return server(ConversationSettings.defaults(), b -> { });
        }

        String person() {
            return world.personalPage().createCustomer("Pat", "Doe").psid();
        }

        void write(String psid, String text) {
            assertTrue(emulator.trigger().send(WebhookPayload.of(TestEvent.text(pageId, psid, text)
                    .withTimestamp(clock.millis()))).accepted());
        }

        List<String> replies(String psid) {
            return emulator.conversation(pageId, psid).replies();
        }

        List<MessageLog.Entry> logged(TestServer s) {
            return s.backend().messageLog().summary("bot-a", Optional.empty(), 0, 50).entries();
        }

        Optional<MessageLog.Entry> turn(TestServer s, String text) {
            return logged(s).stream().filter(e -> text.equals(e.inboundText())).findFirst();
        }

        void awaitWithHuman(TestServer s, String psid, boolean withHuman) {
            Eventually.await("conversation with a human: " + withHuman,
                    () -> s.backend().handoffs().active(pageId, psid).isPresent() == withHuman);
        }

        /** The bot stays silent on {@code text}: its turn is logged without a reply, because a human handles it. */
        void assertSilentOn(TestServer s, String psid, String text) {
            Eventually.await("turn logged", () -> turn(s, text).isPresent());
            MessageLog.Entry quiet = turn(s, text).get();
            assertEquals(MessageLog.Status.NO_REPLY, quiet.status());
            assertTrue(quiet.errorDetail().startsWith("HUMAN_HANDLING"), quiet.errorDetail());
            assertFalse(replies(psid).contains("You said: " + text), "the bot answered over the human");
        }

        @Test
        void theBotIsSilentWhileABusinessPersonAnswersFromThePageInboxAndSpeaksAgainAfterHandBack() {
            TestServer s = server();
            String psid = person();
            write(psid, "hello");
            Eventually.await("answered", () -> replies(psid).contains("You said: hello"));

            emulator.pageInboxReplies(pageId, psid, "Hi, Sam from the shop here");
            awaitWithHuman(s, psid, true);
            write(psid, "thanks Sam");
            assertSilentOn(s, psid, "thanks Sam");

            HttpResponse<String> list = s.get("/api/conversations/with-human/?chatbot_id=bot-a", KEY_A);
            assertEquals(200, list.statusCode(), list.body());
            assertTrue(list.body().contains("\"psid\":\"" + psid + "\""), list.body());
            assertTrue(list.body().contains("\"reason\":\"human_replied\""), list.body());
            assertEquals(403, s.get("/api/conversations/with-human/?chatbot_id=bot-a", KEY_B).statusCode(),
                    "another tenant may not see them");
            assertEquals(401, s.get("/api/conversations/with-human/?chatbot_id=bot-a", null).statusCode());

            HttpResponse<String> incomplete = s.postJson("/api/conversations/hand-back/", KEY_A,
                    "{\"chatbot_id\":\"bot-a\",\"page_id\":\"" + pageId + "\"}");
            assertEquals(400, incomplete.statusCode(), incomplete.body());
            assertTrue(incomplete.body().contains("psid"), incomplete.body());
            assertEquals(403, s.postJson("/api/conversations/hand-back/", KEY_B, "{\"chatbot_id\":\"bot-a\",\"page_id\":\""
                    + pageId + "\",\"psid\":\"" + psid + "\"}").statusCode(), "another tenant may not hand it back");
            assertTrue(s.backend().handoffs().active(pageId, psid).isPresent());

            HttpResponse<String> back = s.postJson("/api/conversations/hand-back/", KEY_A,
                    "{\"chatbot_id\":\"bot-a\",\"page_id\":\"" + pageId + "\",\"psid\":\"" + psid + "\"}");
            assertEquals(200, back.statusCode(), back.body());
            assertEquals(Optional.of(TestServer.APP_ID), emulator.threadOwner(pageId, psid), "thread control taken for the bot");
            assertFalse(s.get("/api/conversations/with-human/?chatbot_id=bot-a", KEY_A).body().contains(psid));
            assertEquals(404, s.postJson("/api/conversations/hand-back/", KEY_A,
                    "{\"chatbot_id\":\"bot-a\",\"page_id\":\"" + pageId + "\",\"psid\":\"" + psid + "\"}").statusCode(),
                    "nothing left to hand back");

            write(psid, "and now?");
            Eventually.await("answered again", () -> replies(psid).contains("You said: and now?"));
        }

        @Test
        void theBotSpeaksAgainWhenTheQuietPeriodEnds() {
            TestServer s = server(ConversationSettings.defaults().withHandoffQuietPeriod(Duration.ofMinutes(20)), b -> { });
            String psid = person();
            emulator.pageInboxReplies(pageId, psid, "We are looking into it");
            awaitWithHuman(s, psid, true);
            write(psid, "ok waiting");
            assertSilentOn(s, psid, "ok waiting");

            clock.advance(Duration.ofMinutes(21));
            assertEquals(Optional.empty(), s.backend().handoffs().active(pageId, psid));
            write(psid, "anyone?");
            Eventually.await("answered after the quiet period", () -> replies(psid).contains("You said: anyone?"));
        }

        @Test
        void anotherAppTakingTheThreadSilencesTheBotUntilControlIsPassedBack() {
            TestServer s = server();
            String psid = person();
            emulator.otherAppTakesThreadControl(pageId, psid, INBOX_APP, "agent needed");
            awaitWithHuman(s, psid, true);
            assertEquals(HumanHandoffs.Reason.CONTROL_LEFT, s.backend().handoffs().active(pageId, psid).get().reason());
            write(psid, "is someone there");
            Eventually.await("the standby message handled", () -> s.backend().events().counts()
                    .get(EventQueue.Status.DONE) >= 2);
            assertFalse(replies(psid).contains("You said: is someone there"));

            emulator.threadControlPassedBack(pageId, psid, "resolved");
            awaitWithHuman(s, psid, false);
            write(psid, "bot again?");
            Eventually.await("answered after pass back", () -> replies(psid).contains("You said: bot again?"));
        }

        @Test
        void aReplyOutsideTheWindowIsRefusedBeforeAnyGraphCallAndSetAside() {
            TestServer s = server();
            String psid = person();
            // Handled a day after the person wrote it (a backlog, a long outage): the window has closed.
            assertTrue(emulator.trigger().send(WebhookPayload.of(TestEvent.text(pageId, psid, "late question")
                    .withTimestamp(clock.millis() - Duration.ofHours(25).toMillis()))).accepted());
            Eventually.await("set aside", () -> s.backend().events().counts().get(EventQueue.Status.SET_ASIDE) == 1);
            EventQueue.SetAsideEvent aside = s.backend().events().setAside(List.of(pageId), 10).get(0);
            assertEquals("WINDOW_CLOSED", aside.reason());
            assertTrue(aside.lastError().contains("MessagingWindowClosedException"), aside.lastError());
            assertEquals(List.of(), replies(psid));
            assertEquals(List.of(), emulator.conversation(pageId, psid).outbound().stream()
                    .filter(e -> String.valueOf(e).contains("late question")).toList());
            assertTrue(world.personalPage().refusedSends(psid).isEmpty(), "Meta never saw the send");
            Eventually.await("turn logged", () -> turn(s, "late question").isPresent());
            assertEquals(MessageLog.Status.FAILED, turn(s, "late question").get().status());
        }

        @Test
        void inWarnModeALateReplyIsStillSentToMeta() {
            TestServer s = server(ConversationSettings.defaults().withWindowMode(MessagingWindowPolicy.Mode.WARN), b -> { });
            String psid = person();
            assertTrue(emulator.trigger().send(WebhookPayload.of(TestEvent.text(pageId, psid, "late again")
                    .withTimestamp(clock.millis() - Duration.ofHours(25).toMillis()))).accepted());
            // The policy only logs; Meta decides (the emulator counts the window from when it delivered the message).
            Eventually.await("sent", () -> replies(psid).contains("You said: late again"));
            assertEquals(0L, s.backend().events().counts().get(EventQueue.Status.SET_ASIDE));
        }

        @Test
        void humanAgentRepliesAfterTheWindowAreSentWhenEnabledAndRefusedWhenNot() {
            // An agent answers a tap the person made two days ago (handled late: the window has closed).
            Consumer<MessengerBackend.Builder> agent = b -> b.handlers(d -> d.onPostback((postback, ctx) -> {
                ctx.send(SendRequest.to(ctx.userId(), Message.text("Agent here: " + postback.payload()))
                        .withTag(MessageTag.HUMAN_AGENT));
            }));
            TestServer off = server(ConversationSettings.defaults(), agent);
            String refused = person();
            assertTrue(emulator.trigger().send(WebhookPayload.of(TestEvent.postback(pageId, refused, "Help", "HELP-1")
                    .withTimestamp(clock.millis() - Duration.ofDays(2).toMillis()))).accepted());
            Eventually.await("set aside", () -> off.backend().events().counts().get(EventQueue.Status.SET_ASIDE) == 1);
            assertEquals("WINDOW_CLOSED", off.backend().events().setAside(List.of(pageId), 10).get(0).reason());
            assertEquals(List.of(), replies(refused));
            assertTrue(world.personalPage().refusedSends(refused).isEmpty());
            stopServer();

            TestServer on = server(ConversationSettings.defaults().withHumanAgentEnabled(true), agent);
            String helped = person();
            assertTrue(emulator.trigger().send(WebhookPayload.of(TestEvent.postback(pageId, helped, "Help", "HELP-2")
                    .withTimestamp(clock.millis() - Duration.ofDays(2).toMillis()))).accepted());
            Eventually.await("sent with HUMAN_AGENT", () -> replies(helped).contains("Agent here: HELP-2"));
            assertEquals(0L, on.backend().events().counts().get(EventQueue.Status.SET_ASIDE));
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
