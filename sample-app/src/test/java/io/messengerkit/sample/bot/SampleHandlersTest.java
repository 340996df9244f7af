package io.messengerkit.sample.bot;

import com.sun.net.httpserver.HttpServer;
import io.messengerkit.config.MessengerConfig;
import io.messengerkit.graph.GraphClient;
import io.messengerkit.jakarta.reply.ChatbotQuery;
import io.messengerkit.testkit.emulator.Conversation;
import io.messengerkit.testkit.emulator.DemoWorld;
import io.messengerkit.testkit.emulator.InboundDelivery;
import io.messengerkit.testkit.emulator.PlatformEmulator;
import io.messengerkit.testkit.emulator.TestCustomer;
import io.messengerkit.testkit.emulator.TestPage;
import io.messengerkit.testkit.emulator.TranscriptEntry;
import io.messengerkit.testkit.trigger.TestEvent;
import io.messengerkit.webhook.MessageExchange;
import io.messengerkit.webhook.ReplyPipeline;
import io.messengerkit.webhook.WebhookDispatcher;
import io.messengerkit.webhook.WebhookSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The handlers behind a real dispatcher, answering through the SDK's Send API client to the platform
 * emulator, which delivers the person's events as signed webhooks to a loopback callback.
 */
class SampleHandlersTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private PlatformEmulator emulator;
    private HttpServer callback;
    private ExecutorService executor;
    private final List<MessageExchange> log = new CopyOnWriteArrayList<>();
    private TestPage page;
    private TestCustomer alex;

    @BeforeEach
    void start() throws IOException {
        emulator = PlatformEmulator.start();
        DemoWorld world = emulator.seedDemo();
        page = world.personalPage().subscribeApp("messages", "messaging_postbacks", "message_reactions", "message_reads");
        alex = world.personalPageCustomer();
        GraphClient graph = GraphClient.create(MessengerConfig.builder()
                .appId(emulator.appId()).appSecret(emulator.appSecret()).baseUrl(emulator.baseUrl()).build());
        RuleBasedBot bot = new RuleBasedBot("Corner Café");
        SampleHandlers handlers = new SampleHandlers(bot, log::add, Clock.systemUTC());
        SampleResponder responder = new SampleResponder(bot);
        // Messages take the integration module's path: the SDK's reply pipeline around the responder.
        ReplyPipeline replies = ReplyPipeline.builder().responder((message, ctx) -> responder.respond(new ChatbotQuery("bot",
                message.pageId(), ctx.userId(), ChatbotQuery.sessionIdOf(ctx.userId()), message.text(),
                message.quickReplyPayload(), message.mid()))).build();
        executor = Executors.newFixedThreadPool(2);
        WebhookDispatcher dispatcher = WebhookDispatcher.builder()
                .executor(executor)
                .appId(emulator.appId())
                .messengers(pageId -> graph.messenger(emulator.page(pageId).orElseThrow().token()))
                .onMessage(replies)
                .onPostback(handlers::onPostback)
                .onReaction(handlers::onReaction)
                .onRead(handlers::onRead)
                .build();
        WebhookSignature signature = WebhookSignature.of(emulator.appSecret());
        callback = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        callback.createContext("/webhook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = 200;
            if (!signature.isValid(body, exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_256_HEADER))) {
                status = 403;
            } else {
                dispatcher.dispatch(body).join();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        callback.start();
        emulator.webhookCallback(URI.create("http://127.0.0.1:" + callback.getAddress().getPort() + "/webhook"));
    }

    @AfterEach
    void stop() {
        callback.stop(0);
        executor.shutdownNow();
        emulator.close();
    }

    @Test
    void typedGreetingIsAnsweredThroughTheResponderWithTypingAndSeen() {
        assertDelivered(alex.sends("Hello!"));
        Conversation c = awaitReplies(1);
        List<TranscriptEntry> out = c.outbound();
        assertTrue(out.get(0).isSenderAction("typing_on"), out.toString());
        assertTrue(c.lastReply().orElseThrow().text().startsWith("Hi! I'm the Corner Café assistant"));
        assertTrue(out.get(out.size() - 1).isSenderAction("mark_seen"), out.toString());
    }

    @Test
    void getStartedPostbackGetsAButtonTemplateAndIsLogged() {
        assertDelivered(alex.tapsPostback("Get Started", RuleBasedBot.GET_STARTED));
        TranscriptEntry reply = awaitReplies(1).lastReply().orElseThrow();
        assertEquals("template:button", reply.attachmentType());
        assertTrue(reply.json().contains("\"payload\":\"" + RuleBasedBot.HOURS + "\""), reply.json());
        MessageExchange turn = log.get(0);
        assertEquals(MessageExchange.Status.SENT, turn.status());
        assertEquals("Get Started", turn.inboundText());
        assertEquals(page.id(), turn.pageId());
        assertEquals(alex.psid(), turn.userId());
    }

    @Test
    void postbackAnswerOffersQuickRepliesAndATapIsAnsweredByTheResponder() {
        assertDelivered(alex.tapsPostback("Opening hours", RuleBasedBot.HOURS));
        TranscriptEntry hours = awaitReplies(1).lastReply().orElseThrow();
        assertTrue(hours.text().contains("Monday to Friday"), hours.text());
        assertEquals(List.of("Prices", "Delivery", "Where are you?"), hours.quickReplies());

        assertDelivered(alex.tapsQuickReply("Prices", RuleBasedBot.PRICES));
        assertTrue(awaitReplies(2).lastReply().orElseThrow().text().contains("cappuccino 3.10"));
    }

    @Test
    void positiveReactionIsThankedAndReadIsNotAnswered() {
        assertDelivered(alex.sends("prices"));
        String mid = awaitReplies(1).lastReply().orElseThrow().mid();
        assertDelivered(emulator.deliver(TestEvent.reaction(page.id(), alex.psid(), mid, "love", "\u2764", true)));
        assertEquals("Glad that helped!", awaitReplies(2).lastReply().orElseThrow().text());

        int before = alex.conversation().outbound().size();
        assertDelivered(emulator.deliver(TestEvent.read(page.id(), alex.psid(), emulator.clock().millis())));
        assertDelivered(emulator.deliver(TestEvent.reaction(page.id(), alex.psid(), mid, "angry", "\ud83d\ude20", true)));
        // Each delivery above was dispatched to completion before the callback answered.
        assertEquals(before, alex.conversation().outbound().size());
    }

    private static void assertDelivered(InboundDelivery delivery) {
        assertTrue(delivery.delivered(), delivery.toString());
    }

    private Conversation awaitReplies(int count) {
        Predicate<Conversation> done = c -> c.replies().size() >= count
                && c.outbound().get(c.outbound().size() - 1).isSenderAction("mark_seen");
        Conversation c = page.awaitConversation(alex.psid(), done, WAIT);
        assertTrue(done.test(c), "conversation so far: " + c.entries());
        return c;
    }
}
