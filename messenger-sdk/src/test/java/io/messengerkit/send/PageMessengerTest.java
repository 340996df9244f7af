package io.messengerkit.send;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.messengerkit.graph.GraphClient;
import io.messengerkit.testing.GraphTestSupport;
import io.messengerkit.testing.TestSecrets;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PageMessengerTest {
    @RegisterExtension
    static WireMockExtension wm = GraphTestSupport.wireMock();

    private PageMessenger messenger;

    @BeforeEach
    void setUp() {
        GraphClient graph = GraphTestSupport.client(wm);
        messenger = graph.messenger(TestSecrets.PAGE_TOKEN);
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/messages"))
                .willReturn(okJson("{\"recipient_id\":\"psid-1\",\"message_id\":\"m_abc\"}")));
    }

    private static String proof() {
        return TestSecrets.APP_SECRET.appSecretProof(TestSecrets.PAGE_TOKEN);
    }

    @Test
    void sendsTextAsResponseWithTokenInHeaderAndProofBeside() {
        SendResult result = messenger.sendText("psid-1", "Hello there");

        assertEquals("psid-1", result.recipientId().orElseThrow());
        assertEquals("m_abc", result.messageId().orElseThrow());
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/messages"))
                .withHeader("Authorization", equalTo("Bearer " + TestSecrets.PAGE_TOKEN_VALUE))
                .withHeader("Content-Type", equalTo("application/json"))
                .withQueryParam("appsecret_proof", equalTo(proof()))
                .withQueryParam("access_token", absent())
                .withRequestBody(equalToJson("{\"recipient\":{\"id\":\"psid-1\"},\"messaging_type\":\"RESPONSE\","
                        + "\"message\":{\"text\":\"Hello there\"}}", false, false)));
    }

    @Test
    void sendsQuickRepliesReplyToAndMessageTag() {
        Message message = Message.text("Pick one").withQuickReplies(
                QuickReply.text("Red", "COLOR_RED"), QuickReply.text("Green", "COLOR_GREEN").withImage("https://x.test/g.png"),
                QuickReply.userEmail()).withMetadata("trace-7");
        messenger.send(SendRequest.to("psid-1", message).withTag(MessageTag.HUMAN_AGENT).replyingTo("m_prev"));

        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/messages")).withRequestBody(equalToJson("""
                {"recipient":{"id":"psid-1"},"messaging_type":"MESSAGE_TAG","tag":"HUMAN_AGENT",
                 "message":{"text":"Pick one","metadata":"trace-7","quick_replies":[
                   {"content_type":"text","title":"Red","payload":"COLOR_RED"},
                   {"content_type":"text","title":"Green","payload":"COLOR_GREEN","image_url":"https://x.test/g.png"},
                   {"content_type":"user_email"}]},
                 "reply_to":{"mid":"m_prev"}}""", false, false)));
    }

    @Test
    void sendsUpdateWithAttachmentById() {
        messenger.send(SendRequest.to("psid-1", Message.of(Attachment.saved(MediaAttachment.MediaType.IMAGE, "att-9")))
                .asUpdate());
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/messages")).withRequestBody(equalToJson("""
                {"recipient":{"id":"psid-1"},"messaging_type":"UPDATE",
                 "message":{"attachment":{"type":"image","payload":{"attachment_id":"att-9"}}}}""", false, false)));
    }

    @Test
    void sendsReusableAttachmentByUrlAndReturnsItsId() {
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/messages")).willReturn(okJson(
                "{\"recipient_id\":\"psid-1\",\"message_id\":\"m_1\",\"attachment_id\":\"att-77\"}")));
        SendResult result = messenger.send(SendRequest.to("psid-1",
                Message.of(Attachment.file("https://files.test/menu.pdf").asReusable())));
        assertEquals("att-77", result.attachmentId().orElseThrow());
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/messages")).withRequestBody(equalToJson("""
                {"message":{"attachment":{"type":"file","payload":{"url":"https://files.test/menu.pdf","is_reusable":true}}}}""",
                false, true)));
    }

    @Test
    void sendsGenericAndButtonTemplates() {
        GenericTemplate carousel = GenericTemplate.of(new GenericTemplate.Element("Shoes", "Size 42",
                "https://img.test/s.png", "https://shop.test/s", List.of(Button.url("View", "https://shop.test/s"),
                        Button.postback("Buy", "BUY_S"), Button.call("Call us", "+15105551234"))));
        messenger.send(SendRequest.to("psid-1", Message.of(Attachment.template(carousel))));
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/messages")).withRequestBody(equalToJson("""
                {"message":{"attachment":{"type":"template","payload":{"template_type":"generic","elements":[
                  {"title":"Shoes","subtitle":"Size 42","image_url":"https://img.test/s.png",
                   "default_action":{"type":"web_url","url":"https://shop.test/s"},
                   "buttons":[{"type":"web_url","title":"View","url":"https://shop.test/s"},
                              {"type":"postback","title":"Buy","payload":"BUY_S"},
                              {"type":"phone_number","title":"Call us","payload":"+15105551234"}]}]}}}}""",
                false, true)));

        messenger.send(SendRequest.to("psid-1", Message.of(Attachment.template(
                ButtonTemplate.of("What next?", Button.postback("Help", "HELP"))))));
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/messages")).withRequestBody(equalToJson("""
                {"message":{"attachment":{"type":"template","payload":{"template_type":"button","text":"What next?",
                  "buttons":[{"type":"postback","title":"Help","payload":"HELP"}]}}}}""", false, true)));
    }

    @Test
    void rejectedMessageTagIsNamedInTheError() {
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/messages")).willReturn(aResponse().withStatus(400).withBody(
                "{\"error\":{\"message\":\"(#100) Param tag is invalid\",\"type\":\"OAuthException\",\"code\":100,"
                        + "\"fbtrace_id\":\"TrTag\"}}")));
        var e = assertThrows(io.messengerkit.graph.InvalidRequestException.class, () -> messenger.send(
                SendRequest.to("psid-1", Message.text("Your order shipped")).withTag(MessageTag.POST_PURCHASE_UPDATE)));
        assertTrue(e.getMessage().contains("POST_PURCHASE_UPDATE"), e.getMessage());
        assertEquals(100, e.code());
        assertEquals("TrTag", e.fbtraceId().orElseThrow());
    }

    @Test
    void senderActionCarriesOnlyRecipientAndAction() {
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/messages")).willReturn(okJson("{\"recipient_id\":\"psid-1\"}")));
        SendResult result = messenger.senderAction("psid-1", SenderAction.TYPING_ON);
        assertTrue(result.messageId().isEmpty());
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/messages")).withRequestBody(equalToJson(
                "{\"recipient\":{\"id\":\"psid-1\"},\"sender_action\":\"typing_on\"}", false, false)));
        messenger.senderActionAsync("psid-1", SenderAction.MARK_SEEN).join();
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/messages")).withRequestBody(equalToJson(
                "{\"recipient\":{\"id\":\"psid-1\"},\"sender_action\":\"mark_seen\"}", false, false)));
    }

    @Test
    void asyncSendCompletesWithTheResult() {
        SendResult result = messenger.sendTextAsync("psid-1", "async hello").join();
        assertEquals("m_abc", result.messageId().orElseThrow());
    }

    @Test
    void overLongTextFailsBeforeAnyRequest() {
        String text = "x".repeat(2001);
        InvalidMessageException e = assertThrows(InvalidMessageException.class, () -> messenger.sendText("psid-1", text));
        assertTrue(e.getMessage().contains("2000"), e.getMessage());
        CompletionException async = assertThrows(CompletionException.class,
                () -> messenger.sendTextAsync("psid-1", text).join());
        assertTrue(async.getCause() instanceof InvalidMessageException);
        assertEquals(0, wm.getAllServeEvents().size());
    }

    @Test
    void acceptsTwoThousandCharactersCountingEmojiOnce() {
        messenger.sendText("psid-1", "\uD83D\uDE00".repeat(2000));
        assertEquals(1, wm.getAllServeEvents().size());
    }

    @Test
    void rejectsEmptyResponseBodyAsUnexpected() {
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/messages")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html>hi</html>")));
        assertThrows(io.messengerkit.graph.UnexpectedResponseException.class, () -> messenger.sendText("psid-1", "x"));
    }
}
