package io.messengerkit.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.messengerkit.AccessToken;
import io.messengerkit.graph.GraphClient;
import io.messengerkit.graph.GraphException;
import io.messengerkit.send.Message;
import io.messengerkit.send.QuickReply;
import io.messengerkit.testing.GraphTestSupport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Handlers answering through the real PageMessenger, over HTTP to WireMock on loopback. */
class WebhookReplyTest {
    @RegisterExtension
    static WireMockExtension wm = GraphTestSupport.wireMock();

    private static final String MESSAGES = "/v26.0/me/messages";
    private static final AccessToken PAGE1_TOKEN = AccessToken.of("made-up-page-token-one");
    private static final AccessToken PAGE2_TOKEN = AccessToken.of("made-up-page-token-two");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<MessageExchange> exchanges = Collections.synchronizedList(new ArrayList<>());
    private final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    private GraphClient graph;

    @BeforeEach
    void setUp() {
        graph = GraphTestSupport.client(wm);
        wm.stubFor(post(urlPathEqualTo(MESSAGES)).withRequestBody(containing("sender_action"))
                .willReturn(okJson("{\"recipient_id\":\"7310000000000001\"}")));
        wm.stubFor(post(urlPathEqualTo(MESSAGES)).withRequestBody(containing("\"message\""))
                .willReturn(okJson("{\"recipient_id\":\"7310000000000001\",\"message_id\":\"m_out_42\"}")));
    }

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
    }

    private WebhookDispatcher.Builder dispatcher() {
        Map<String, AccessToken> tokens = Map.of("104857600000001", PAGE1_TOKEN, "104857600000002", PAGE2_TOKEN);
        return WebhookDispatcher.builder()
                .appId("1517776481860111")
                .executor(executor)
                .messengers(pageId -> graph.messenger(tokens.get(pageId)))
                .onError((event, error) -> errors.add(error));
    }

    /** Requests WireMock received, oldest first, as JSON bodies. */
    private static List<JsonNode> sent() throws Exception {
        // WireMock lists the newest request first; timestamps have millisecond ties, so reverse instead of sorting.
        List<ServeEvent> events = new ArrayList<>(wm.getAllServeEvents());
        Collections.reverse(events);
        List<JsonNode> bodies = new ArrayList<>();
        for (ServeEvent e : events) {
            bodies.add(JSON.readTree(e.getRequest().getBodyAsString()));
        }
        return bodies;
    }

    private static String step(JsonNode body) {
        return body.has("sender_action") ? body.get("sender_action").asText()
                : "message:" + body.path("message").path("text").asText();
    }

    @Test
    void replyPipelineShowsTypingAnswersMarksSeenAndReportsTheExchange() throws Exception {
        ReplyPipeline pipeline = ReplyPipeline.builder()
                .responder((message, ctx) -> "You said: " + message.text())
                .onExchange(exchanges::add)
                .build();
        WebhookDispatcher dispatcher = dispatcher().onMessage(pipeline).build();

        DispatchReport report = dispatcher.dispatch(Corpus.bytes("text-message.json")).get(10, TimeUnit.SECONDS);

        assertEquals(1, report.dispatched());
        String inbound = "Grüße, äöå \uD83D\uDE00 & \"quoted\"";
        List<JsonNode> sent = sent();
        assertEquals(List.of("typing_on", "typing_off", "message:You said: " + inbound, "mark_seen"),
                sent.stream().map(WebhookReplyTest::step).toList());
        for (JsonNode body : sent) {
            assertEquals("7310000000000001", body.path("recipient").path("id").asText());
        }
        assertEquals("RESPONSE", sent.get(2).path("messaging_type").asText());
        wm.verify(4, postRequestedFor(urlPathEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo("Bearer " + PAGE1_TOKEN.reveal())));

        MessageExchange exchange = exchanges.get(0);
        assertEquals("104857600000001", exchange.pageId());
        assertEquals("7310000000000001", exchange.userId());
        assertEquals("m_AbCdEf0001", exchange.inboundMid());
        assertEquals(inbound, exchange.inboundText());
        assertEquals("You said: " + inbound, exchange.outboundText());
        assertEquals("m_out_42", exchange.outboundMessageId());
        assertEquals(MessageExchange.Status.SENT, exchange.status());
        assertNull(exchange.error());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aMessagesResponderSendsSeveralMessagesInOrderWithTypingBeforeEach() throws Exception {
        ReplyPipeline pipeline = ReplyPipeline.builder()
                .messagesResponder((message, ctx) -> List.of(
                        io.messengerkit.send.Message.text("Here is our menu"),
                        io.messengerkit.send.Message.of(io.messengerkit.send.Attachment.image("https://img.test/menu.png")),
                        io.messengerkit.send.Message.text("Anything else?").withQuickReplies(
                                io.messengerkit.send.QuickReply.text("No thanks", "NO"))))
                .onExchange(exchanges::add)
                .build();
        WebhookDispatcher dispatcher = dispatcher().onMessage(pipeline).build();

        assertEquals(1, dispatcher.dispatch(Corpus.bytes("text-message.json")).get(10, TimeUnit.SECONDS).dispatched());

        List<JsonNode> sent = sent();
        assertEquals(List.of("typing_on", "typing_off", "message:Here is our menu", "typing_on", "message:",
                "typing_on", "message:Anything else?", "mark_seen"), sent.stream().map(WebhookReplyTest::step).toList());
        assertEquals("image", sent.get(4).path("message").path("attachment").path("type").asText());
        assertEquals("NO", sent.get(6).path("message").path("quick_replies").path(0).path("payload").asText());
        MessageExchange exchange = exchanges.get(0);
        assertEquals("Here is our menu\n[image]\nAnything else?", exchange.outboundText());
        assertEquals(MessageExchange.Status.SENT, exchange.status());
    }

    @Test
    void aFailedSendIsReportedToTheLogAndTheErrorHookAndReleasedForRetry() throws Exception {
        wm.stubFor(post(urlPathEqualTo(MESSAGES)).withRequestBody(containing("\"message\""))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"(#551) This person isn't available right now.\","
                                + "\"type\":\"OAuthException\",\"code\":551,\"error_subcode\":1545041,"
                                + "\"fbtrace_id\":\"AbCdEfTrace\"}}")));
        ReplyPipeline pipeline = ReplyPipeline.builder()
                .responder((message, ctx) -> "hello")
                .onExchange(exchanges::add)
                .build();
        WebhookDispatcher dispatcher = dispatcher().onMessage(pipeline).build();

        DispatchReport report = dispatcher.dispatch(Corpus.bytes("text-message.json")).get(10, TimeUnit.SECONDS);

        assertEquals(new DispatchReport(1, 0, 0, 1, 0, 0), report);
        assertTrue(report.needsRetry());
        assertEquals(MessageExchange.Status.FAILED, exchanges.get(0).status());
        assertEquals("hello", exchanges.get(0).outboundText());
        assertNull(exchanges.get(0).outboundMessageId());
        assertEquals(551, exchanges.get(0).graphErrorCode());
        assertTrue(exchanges.get(0).error().contains("551") || exchanges.get(0).error().contains("available"),
                exchanges.get(0).error());
        assertInstanceOf(GraphException.class, errors.get(0));
        assertEquals(List.of("typing_on", "typing_off", "message:hello"), sent().stream().map(WebhookReplyTest::step).toList());
    }

    @Test
    void aResponderWithoutAnswerOnlyMarksSeen() throws Exception {
        ReplyPipeline pipeline = ReplyPipeline.builder()
                .responder((message, ctx) -> null)
                .typingIndicator(false)
                .onExchange(exchanges::add)
                .build();
        WebhookDispatcher dispatcher = dispatcher().onMessage(pipeline).build();
        assertEquals(1, dispatcher.dispatch(Corpus.bytes("text-message.json")).get(10, TimeUnit.SECONDS).dispatched());
        assertEquals(List.of("mark_seen"), sent().stream().map(WebhookReplyTest::step).toList());
        assertEquals(MessageExchange.Status.NO_REPLY, exchanges.get(0).status());
    }

    @Test
    void handlersAnswerWithTheTokenOfTheEventsPage() throws Exception {
        WebhookDispatcher dispatcher = dispatcher()
                .onMessage((message, ctx) -> ctx.send(Message.text("re: " + message.text())
                        .withQuickReplies(QuickReply.text("More", "MORE"))))
                .onRead((read, ctx) -> ctx.typingOn())
                .build();

        DispatchReport report = dispatcher.dispatch(Corpus.bytes("multi-page-batch.json")).get(10, TimeUnit.SECONDS);

        assertEquals(4, report.dispatched());
        assertEquals(1, report.ignored(), "no delivery handler");
        wm.verify(2, postRequestedFor(urlPathEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo("Bearer " + PAGE1_TOKEN.reveal())));
        wm.verify(2, postRequestedFor(urlPathEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo("Bearer " + PAGE2_TOKEN.reveal())));
        wm.verify(postRequestedFor(urlPathEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo("Bearer " + PAGE2_TOKEN.reveal()))
                .withRequestBody(matchingJsonPath("$.sender_action", equalTo("typing_on")))
                .withRequestBody(matchingJsonPath("$.recipient.id", equalTo("7320000000000009"))));
        wm.verify(postRequestedFor(urlPathEqualTo(MESSAGES))
                .withRequestBody(matchingJsonPath("$.message.quick_replies[0].payload", equalTo("MORE")))
                .withRequestBody(matchingJsonPath("$.message.text", equalTo("re: second"))));
        List<String> page1Texts = new ArrayList<>();
        for (JsonNode body : sent()) {
            if (body.path("recipient").path("id").asText().equals("7310000000000001")) {
                page1Texts.add(body.path("message").path("text").asText());
            }
        }
        assertEquals(List.of("re: first", "re: second"), page1Texts, "one conversation answers in order");
    }

    @Test
    void anEchoHandlerCanTellItsOwnSendsFromAHumanAgent() throws Exception {
        WebhookDispatcher dispatcher = dispatcher()
                .onEcho((echo, ctx) -> {
                    if (echo.origin(ctx.appId()) == io.messengerkit.webhook.event.EchoEvent.Origin.PAGE_INBOX) {
                        ctx.reply("A person from our team has joined.");
                    }
                })
                .build();
        assertEquals(4, dispatcher.dispatch(Corpus.bytes("echoes.json")).get(10, TimeUnit.SECONDS).dispatched());
        List<JsonNode> sent = sent();
        assertEquals(1, sent.size());
        assertEquals("7310000000000001", sent.get(0).path("recipient").path("id").asText(),
                "an echo's reply goes to the person, not to the page");
    }

    @Test
    void aPageWithoutATokenFailsOnlyItsOwnEvents() throws Exception {
        WebhookDispatcher dispatcher = WebhookDispatcher.builder()
                .executor(executor)
                .messengers(pageId -> {
                    if (pageId.equals("104857600000002")) {
                        throw new IllegalStateException("no token stored for this page");
                    }
                    return graph.messenger(PAGE1_TOKEN);
                })
                .onError((event, error) -> errors.add(error))
                .onMessage((message, ctx) -> ctx.reply("ok"))
                .build();
        DispatchReport report = dispatcher.dispatch(Corpus.bytes("multi-page-batch.json")).get(10, TimeUnit.SECONDS);
        assertEquals(new DispatchReport(5, 2, 0, 1, 0, 2), report);
        assertEquals("no token stored for this page", errors.get(0).getMessage());
        wm.verify(2, postRequestedFor(urlPathEqualTo(MESSAGES)));
    }
}
