package io.messengerkit.send;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.messengerkit.testing.FakeTime;
import io.messengerkit.testing.GraphTestSupport;
import io.messengerkit.testing.TestSecrets;
import io.messengerkit.webhook.HandoffSignal;
import io.messengerkit.webhook.WebhookParser;
import io.messengerkit.webhook.event.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MessagingWindowPolicyTest {
    @RegisterExtension
    static WireMockExtension wm = GraphTestSupport.wireMock();
    private static final String PAGE = "page-1";

    private FakeTime time;
    private InMemoryConversationWindowStore store;
    private PageMessenger graphMessenger;

    @BeforeEach
    void setUp() {
        time = FakeTime.scheduled(GraphTestSupport.START);
        store = new InMemoryConversationWindowStore();
        graphMessenger = GraphTestSupport.client(wm).messenger(TestSecrets.PAGE_TOKEN);
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/messages"))
                .willReturn(okJson("{\"recipient_id\":\"psid-1\",\"message_id\":\"m_1\"}")));
    }

    private PageMessenger guarded(MessagingWindowPolicy.Mode mode, boolean humanAgent) {
        return MessagingWindowPolicy.builder().store(store).clock(time).mode(mode).humanAgentEnabled(humanAgent).build()
                .guard(PAGE, graphMessenger);
    }

    private static List<WebhookEvent> parse(String json) {
        return WebhookParser.create().parse(json.getBytes(StandardCharsets.UTF_8)).events();
    }

    private String messageFrom(String psid, long at) {
        return "{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE + "\",\"time\":" + at + ",\"messaging\":[{"
                + "\"sender\":{\"id\":\"" + psid + "\"},\"recipient\":{\"id\":\"" + PAGE + "\"},\"timestamp\":" + at
                + ",\"message\":{\"mid\":\"m_in\",\"text\":\"hi\"}}]}]}";
    }

    private int sends() {
        return wm.findAll(postRequestedFor(urlPathEqualTo("/v26.0/me/messages"))).size();
    }

    @Test
    void inboundMessageOpensTheWindowForAnyMessagingType() {
        MessagingWindowPolicy policy = MessagingWindowPolicy.builder().store(store).clock(time).build();
        parse(messageFrom("psid-1", time.millis())).forEach(policy::record);
        PageMessenger m = policy.guard(PAGE, graphMessenger);

        time.advance(Duration.ofHours(23));
        m.send(SendRequest.to("psid-1", Message.text("reply")));
        m.send(SendRequest.to("psid-1", Message.text("update")).asUpdate());
        assertEquals(2, sends());
    }

    @Test
    void afterTwentyFourHoursASendFailsBeforeAnyGraphCall() {
        store.recordInbound(PAGE, "psid-1", time.instant());
        time.advance(Duration.ofHours(25));
        MessagingWindowClosedException e = assertThrows(MessagingWindowClosedException.class,
                () -> guarded(MessagingWindowPolicy.Mode.ENFORCE, false).send(SendRequest.to("psid-1", Message.text("x"))));
        assertEquals(MessagingWindowClosedException.Reason.WINDOW_CLOSED, e.reason());
        assertEquals(0, sends());
    }

    @Test
    void unknownConversationIsRefusedAndAsyncFailsTheFuture() {
        var future = guarded(MessagingWindowPolicy.Mode.ENFORCE, false)
                .sendAsync(SendRequest.to("psid-9", Message.text("x")));
        var e = assertThrows(java.util.concurrent.CompletionException.class, future::join);
        assertEquals(MessagingWindowClosedException.Reason.NO_INBOUND_RECORDED,
                ((MessagingWindowClosedException) e.getCause()).reason());
        assertEquals(0, sends());
    }

    @Test
    void humanAgentTagWorksWithinSevenDaysOnlyWhenEnabled() {
        store.recordInbound(PAGE, "psid-1", time.instant());
        time.advance(Duration.ofDays(3));
        SendRequest human = SendRequest.to("psid-1", Message.text("Agent here")).withTag(MessageTag.HUMAN_AGENT);

        MessagingWindowClosedException off = assertThrows(MessagingWindowClosedException.class,
                () -> guarded(MessagingWindowPolicy.Mode.ENFORCE, false).send(human));
        assertEquals(MessagingWindowClosedException.Reason.HUMAN_AGENT_NOT_ENABLED, off.reason());
        assertEquals(0, sends());

        guarded(MessagingWindowPolicy.Mode.ENFORCE, true).send(human);
        assertEquals(1, sends());

        time.advance(Duration.ofDays(5));
        MessagingWindowClosedException late = assertThrows(MessagingWindowClosedException.class,
                () -> guarded(MessagingWindowPolicy.Mode.ENFORCE, true).send(human));
        assertEquals(MessagingWindowClosedException.Reason.TAG_WINDOW_CLOSED, late.reason());
        assertEquals(1, sends());
    }

    @Test
    void customerFeedbackTagAllowsOnlyTheFeedbackTemplate() {
        store.recordInbound(PAGE, "psid-1", time.instant());
        time.advance(Duration.ofDays(2));
        CustomerFeedbackTemplate survey = CustomerFeedbackTemplate.of("Rate us", "Rate",
                CustomerFeedbackTemplate.Question.of("q1", CustomerFeedbackTemplate.ScoreType.CSAT), "https://p.test/");
        PageMessenger m = guarded(MessagingWindowPolicy.Mode.ENFORCE, false);
        m.send(SendRequest.to("psid-1", Message.of(Attachment.template(survey))).withTag(MessageTag.CUSTOMER_FEEDBACK));
        MessagingWindowClosedException e = assertThrows(MessagingWindowClosedException.class, () -> m.send(
                SendRequest.to("psid-1", Message.text("How was it?")).withTag(MessageTag.CUSTOMER_FEEDBACK)));
        assertEquals(MessagingWindowClosedException.Reason.TAG_NOT_ALLOWED_FOR_MESSAGE, e.reason());
        assertEquals(1, sends());
    }

    @Test
    void warnModeSendsAnywayAndOffModeDoesNotLook() {
        guarded(MessagingWindowPolicy.Mode.WARN, false).send(SendRequest.to("psid-1", Message.text("x")));
        guarded(MessagingWindowPolicy.Mode.OFF, false).send(SendRequest.to("psid-1", Message.text("x")));
        assertEquals(2, sends());
    }

    @Test
    void echoesAndReadsDoNotOpenTheWindow() {
        MessagingWindowPolicy policy = MessagingWindowPolicy.builder().store(store).clock(time).build();
        String echo = "{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE + "\",\"time\":1,\"messaging\":[{"
                + "\"sender\":{\"id\":\"" + PAGE + "\"},\"recipient\":{\"id\":\"psid-1\"},\"timestamp\":1,"
                + "\"message\":{\"mid\":\"m_e\",\"is_echo\":true,\"text\":\"by hand\"}}]}]}";
        List<WebhookEvent> events = parse(echo);
        assertFalse(policy.record(events.get(0)));
        assertTrue(store.lastInbound(PAGE, "psid-1").isEmpty());

        HandoffSignal signal = HandoffSignal.of(events.get(0), TestSecrets.APP_ID).orElseThrow();
        assertEquals(HandoffSignal.Kind.HUMAN_REPLIED, signal.kind());
        assertEquals("psid-1", signal.psid());
        assertTrue(signal.humanOrOtherAppInControl());
    }

    @Test
    void threadControlComingBackEndsTheHandoff() {
        String pass = "{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE + "\",\"time\":1,\"messaging\":[{"
                + "\"sender\":{\"id\":\"psid-1\"},\"recipient\":{\"id\":\"" + PAGE + "\"},\"timestamp\":1,"
                + "\"pass_thread_control\":{\"new_owner_app_id\":\"" + TestSecrets.APP_ID + "\","
                + "\"previous_owner_app_id\":\"263902037430900\",\"metadata\":\"done\"}}]}]}";
        HandoffSignal signal = HandoffSignal.of(parse(pass).get(0), TestSecrets.APP_ID).orElseThrow();
        assertEquals(HandoffSignal.Kind.CONTROL_RETURNED, signal.kind());
        assertFalse(signal.humanOrOtherAppInControl());
    }
}
