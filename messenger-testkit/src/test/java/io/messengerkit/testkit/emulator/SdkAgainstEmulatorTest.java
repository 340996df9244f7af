package io.messengerkit.testkit.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.AccessToken;
import io.messengerkit.config.MessengerConfig;
import io.messengerkit.config.RetryPolicy;
import io.messengerkit.graph.GraphClient;
import io.messengerkit.graph.LongLivedToken;
import io.messengerkit.graph.OutsideMessagingWindowException;
import io.messengerkit.graph.RateLimitedException;
import io.messengerkit.graph.TokenDebugInfo;
import io.messengerkit.graph.TokenInvalidException;
import io.messengerkit.send.Message;
import io.messengerkit.send.PageMessenger;
import io.messengerkit.send.QuickReply;
import io.messengerkit.send.SendRequest;
import io.messengerkit.send.SendResult;
import io.messengerkit.send.SenderAction;
import io.messengerkit.testkit.trigger.TestEvent;
import io.messengerkit.testkit.trigger.WebhookPayload;
import io.messengerkit.webhook.WebhookParser;
import io.messengerkit.webhook.WebhookSignature;
import io.messengerkit.webhook.event.MessageEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SDK's own clients, unchanged, against the emulator: proof that both speak the same Graph API. */
class SdkAgainstEmulatorTest {
    private final MutableClock clock = MutableClock.at(Instant.now());
    private PlatformEmulator emulator;
    private GraphClient graph;
    private TestUser user;
    private TestPage page;
    private TestCustomer customer;

    @BeforeEach
    void start() {
        emulator = PlatformEmulator.builder().clock(clock).requireAppSecretProof(true).start();
        graph = GraphClient.create(MessengerConfig.builder().appId(emulator.appId()).appSecret(emulator.appSecret())
                .baseUrl(emulator.baseUrl()).retryPolicy(RetryPolicy.defaults()).build());
        user = emulator.createUser("Ada Lovelace");
        page = emulator.createPage(user, "Shop");
        customer = page.createCustomer("Grace", "Hopper");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void exchangesAndInspectsTokensWithAppSecretProofRequired() {
        LongLivedToken longLived = graph.oauth().exchangeForLongLivedToken(user.shortLivedToken());
        assertTrue(longLived.expiresAt().orElseThrow().isAfter(clock.instant().plus(Duration.ofDays(59))));
        TokenDebugInfo info = graph.oauth().debugToken(longLived.accessToken());
        assertTrue(info.valid());
        assertEquals(user.id(), info.userId());
        assertEquals(emulator.appId(), info.appId());
        assertTrue(info.scopes().contains("pages_messaging"));

        user.invalidateTokens(460);
        TokenDebugInfo dead = graph.oauth().debugToken(longLived.accessToken());
        assertFalse(dead.valid());
        assertEquals(460, dead.errorSubcode());
        List<RecordedRequest> exchanges = emulator.requests().stream()
                .filter(r -> r.path().equals("/oauth/access_token")).toList();
        assertEquals(1, exchanges.size());
        assertTrue(exchanges.get(0).graphVersion().startsWith("v"));
    }

    @Test
    void sendsRepliesQuickRepliesAndSenderActionsThroughPageMessenger() {
        customer.sends("hello");
        PageMessenger messenger = graph.messenger(page.token());
        messenger.senderAction(customer.psid(), SenderAction.TYPING_ON);
        SendResult result = messenger.send(SendRequest.to(customer.psid(),
                Message.text("Pick one").withQuickReplies(QuickReply.text("Yes", "Y"), QuickReply.text("No", "N"))));
        messenger.senderAction(customer.psid(), SenderAction.TYPING_OFF);

        assertEquals(customer.psid(), result.recipientId().orElseThrow());
        Conversation conversation = customer.conversation();
        assertEquals(List.of("user> 'hello'", "page> typing_on", "page> 'Pick one'", "page> typing_off"),
                conversation.entries().stream().map(Object::toString).toList());
        assertEquals(result.messageId().orElseThrow(), conversation.lastReply().orElseThrow().mid());
        assertEquals(List.of("Yes", "No"), conversation.lastReply().orElseThrow().quickReplies());
        assertEquals("RESPONSE", conversation.lastReply().orElseThrow().messagingType());
        RecordedRequest send = emulator.requests("POST", "/me/messages|/\\d+/messages").get(1);
        assertTrue(send.param("appsecret_proof").isPresent(), "the SDK sends appsecret_proof by default");
    }

    @Test
    void surfacesWindowTokenAndRateLimitErrorsAsTypedExceptions() {
        PageMessenger messenger = graph.messenger(page.token());
        OutsideMessagingWindowException outside = assertThrows(OutsideMessagingWindowException.class,
                () -> messenger.sendText(customer.psid(), "nobody asked"));
        assertEquals(2018278, outside.subcode());
        assertTrue(outside.fbtraceId().isPresent());

        customer.sends("hi");
        emulator.injectFault("/me/messages|/\\d+/messages", 1, Fault.serverError(503));
        messenger.sendText(customer.psid(), "after one transient failure");
        assertEquals(List.of("after one transient failure"), customer.conversation().replies());

        emulator.injectFault("/me/messages|/\\d+/messages", 10, Fault.rateLimited());
        GraphClient noRetry = GraphClient.create(graph.config().toBuilder().retryPolicy(RetryPolicy.none()).build());
        RateLimitedException limited = assertThrows(RateLimitedException.class,
                () -> noRetry.messenger(page.token()).sendText(customer.psid(), "too fast"));
        assertEquals(613, limited.code());
        emulator.clearFaults();

        AccessToken token = page.token();
        page.invalidateTokens(460);
        TokenInvalidException invalid = assertThrows(TokenInvalidException.class,
                () -> graph.messenger(token).sendText(customer.psid(), "dead token"));
        assertEquals(190, invalid.code());
        assertEquals(460, invalid.subcode());
    }

    @Test
    void sdkVerifierAcceptsTriggerSignaturesAndRejectsTamperedBodies() throws Exception {
        WebhookSignature verifier = WebhookSignature.of(emulator.appSecret());
        byte[] body = WebhookPayload.of(TestEvent.text(page.id(), customer.psid(), "Gr\u00fc\u00dfe \ud83d\udc4b"))
                .toBytes();
        String signature = new io.messengerkit.testkit.trigger.WebhookSigner(emulator.appSecret()).signature256(body);
        verifier.verify(body, signature);
        assertEquals(verifier.sign(body), signature);

        MessageEvent event = (MessageEvent) WebhookParser.create().parse(body).events().get(0);
        assertEquals("Gr\u00fc\u00dfe \ud83d\udc4b", event.text());
        WebhookPayload standby = WebhookPayload.of(TestEvent.text(page.id(), customer.psid(), "not ours"));
        assertTrue(WebhookParser.create().parse(standby.asStandby().toBytes()).events().get(0).envelope().standby());
        assertTrue(WebhookParser.create().parse(standby.asInstagram().toBytes()).events().get(0).envelope().instagram());

        byte[] tampered = Arrays.copyOf(body, body.length);
        tampered[tampered.length - 10] ^= 1;
        assertFalse(verifier.isValid(tampered, signature));
        char last = signature.charAt(signature.length() - 1);
        String wrongDigit = signature.substring(0, signature.length() - 1) + (last == '0' ? '1' : '0');
        assertFalse(verifier.isValid(body, wrongDigit));
        assertTrue(verifier.isValid(body, "sha256=" + signature.substring(7).toUpperCase(java.util.Locale.ROOT)),
                "hex case does not matter");
        assertFalse(verifier.isValid(body, null));
        byte[] reserialised = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(body));
        assertFalse(verifier.isValid(reserialised, signature),
                "parsed and re-written JSON (UTF-8 instead of escapes) no longer matches Meta's signature");
        assertFalse(WebhookSignature.of(io.messengerkit.AppSecret.of("another-secret")).isValid(body, signature));
    }
}
