package io.messengerkit.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.messengerkit.send.Attachment;
import io.messengerkit.send.Button;
import io.messengerkit.send.ButtonTemplate;
import io.messengerkit.send.GenericTemplate;
import io.messengerkit.send.InstagramMessenger;
import io.messengerkit.send.Message;
import io.messengerkit.send.MessageTag;
import io.messengerkit.send.QuickReply;
import io.messengerkit.send.Recipient;
import io.messengerkit.send.SendRequest;
import io.messengerkit.send.SenderAction;
import io.messengerkit.send.UnsupportedOnInstagramException;
import io.messengerkit.testing.GraphTestSupport;
import io.messengerkit.testing.TestSecrets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Instagram through the Page: the Send API with the Page token, its rules checked before the call. */
class InstagramMessagingTest {
    @RegisterExtension
    static WireMockExtension wm = GraphTestSupport.wireMock();

    private static final String IGSID = "5310000000000001";
    private GraphClient graph;
    private InstagramMessenger ig;

    @BeforeEach
    void setUp() {
        graph = GraphTestSupport.client(wm);
        ig = graph.instagramMessenger(TestSecrets.PAGE_TOKEN);
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/messages"))
                .willReturn(okJson("{\"recipient_id\":\"" + IGSID + "\",\"message_id\":\"ig_m_1\"}")));
    }

    @Test
    void sendsTextUpToAThousandBytesThroughThePageWithItsToken() {
        String text = "\u00e9".repeat(500); // 500 characters, 1,000 bytes
        assertEquals("ig_m_1", ig.sendText(IGSID, text).messageId().orElseThrow());
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/messages"))
                .withHeader("Authorization", equalTo("Bearer " + TestSecrets.PAGE_TOKEN_VALUE))
                .withQueryParam("appsecret_proof", equalTo(TestSecrets.APP_SECRET.appSecretProof(TestSecrets.PAGE_TOKEN)))
                .withRequestBody(equalToJson("{\"recipient\":{\"id\":\"" + IGSID + "\"},\"messaging_type\":\"RESPONSE\","
                        + "\"message\":{\"text\":\"" + text + "\"}}")));
    }

    @Test
    void refusesTextOverAThousandBytesBeforeTheCall() {
        String text = "\u00e9".repeat(501); // 501 characters: fine for Messenger, 1,002 bytes for Instagram
        UnsupportedOnInstagramException e = assertThrows(UnsupportedOnInstagramException.class,
                () -> ig.sendText(IGSID, text));
        assertTrue(e.getMessage().contains("1002"), e.getMessage());
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void sendsAttachmentsQuickRepliesAndGenericTemplates() {
        ig.send(SendRequest.to(IGSID, Message.of(Attachment.image("https://cdn.example/a.png"))));
        ig.send(SendRequest.to(IGSID, Message.text("Pick").withQuickReplies(QuickReply.text("Hours", "HOURS"))));
        ig.send(SendRequest.to(IGSID, Message.of(Attachment.template(GenericTemplate.of(new GenericTemplate.Element(
                "Hat", "Warm", "https://cdn.example/hat.png", null,
                List.of(Button.url("View", "https://shop.example/hat"), Button.postback("Buy", "BUY_HAT"))))))));
        ig.send(SendRequest.to(IGSID, Message.text("Agent here")).withTag(MessageTag.HUMAN_AGENT));
        wm.verify(4, postRequestedFor(urlPathEqualTo("/v26.0/me/messages")));
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/messages")).withRequestBody(equalToJson(
                "{\"message\":{\"quick_replies\":[{\"content_type\":\"text\",\"title\":\"Hours\",\"payload\":\"HOURS\"}]}}",
                true, true)));
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/messages")).withRequestBody(equalToJson(
                "{\"message\":{\"attachment\":{\"type\":\"template\",\"payload\":{\"template_type\":\"generic\"}}}}",
                true, true)));
    }

    @Test
    void refusesWhatInstagramDoesNotSupportByName() {
        assertEquals("phone_number button", assertThrows(UnsupportedOnInstagramException.class, () -> ig.send(
                SendRequest.to(IGSID, Message.of(Attachment.template(new ButtonTemplate("Call us",
                        List.of(Button.call("Call", "+15105551234")))))))).feature());
        assertEquals("recipient user_ref", assertThrows(UnsupportedOnInstagramException.class,
                () -> ig.send(SendRequest.to(Recipient.userRef("ref-1"), Message.text("hi")))).feature());
        assertEquals("recipient post_id", assertThrows(UnsupportedOnInstagramException.class,
                () -> ig.send(SendRequest.to(Recipient.post("123_456"), Message.text("hi")))).feature());
        assertEquals("persona_id", assertThrows(UnsupportedOnInstagramException.class,
                () -> ig.send(SendRequest.to(IGSID, Message.text("hi")).withPersona("99"))).feature());
        assertEquals("tag CUSTOMER_FEEDBACK", assertThrows(UnsupportedOnInstagramException.class,
                () -> ig.send(SendRequest.to(IGSID, Message.text("hi")).withTag(MessageTag.of("CUSTOMER_FEEDBACK"))))
                .feature());
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void sendsTheSenderActionsInstagramSupports() {
        for (SenderAction a : List.of(SenderAction.TYPING_ON, SenderAction.TYPING_OFF, SenderAction.MARK_SEEN)) {
            ig.senderAction(IGSID, a);
            wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/messages")).withRequestBody(equalToJson(
                    "{\"recipient\":{\"id\":\"" + IGSID + "\"},\"sender_action\":\"" + a.wireName() + "\"}")));
        }
    }

    @Test
    void sendsSeveralImagesTheHeartStickerAndAnOwnPost() {
        ig.sendImages(IGSID, List.of("https://cdn.example/1.jpg", "https://cdn.example/2.jpg"));
        ig.sendLikeHeart(IGSID);
        ig.sharePost(IGSID, "17900000000000123");
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/messages")).withRequestBody(equalToJson(
                "{\"recipient\":{\"id\":\"" + IGSID + "\"},\"messaging_type\":\"RESPONSE\",\"message\":{\"attachments\":["
                        + "{\"type\":\"image\",\"payload\":{\"url\":\"https://cdn.example/1.jpg\"}},"
                        + "{\"type\":\"image\",\"payload\":{\"url\":\"https://cdn.example/2.jpg\"}}]}}")));
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/messages")).withRequestBody(equalToJson(
                "{\"message\":{\"attachment\":{\"type\":\"like_heart\"}}}", true, true)));
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/messages")).withRequestBody(equalToJson(
                "{\"message\":{\"attachment\":{\"type\":\"MEDIA_SHARE\",\"payload\":{\"id\":\"17900000000000123\"}}}}",
                true, true)));
        java.util.List<String> eleven = java.util.Collections.nCopies(11, "https://cdn.example/x.jpg");
        assertThrows(io.messengerkit.send.InvalidMessageException.class, () -> ig.sendImages(IGSID, eleven));
        wm.verify(3, postRequestedFor(urlPathEqualTo("/v26.0/me/messages")));
    }

    @Test
    void reactsAndUnreactsToAMessage() {
        ig.react(IGSID, "ig_m_in_1", "love");
        ig.unreact(IGSID, "ig_m_in_1");
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/messages")).withRequestBody(equalToJson(
                "{\"recipient\":{\"id\":\"" + IGSID + "\"},\"sender_action\":\"react\","
                        + "\"payload\":{\"message_id\":\"ig_m_in_1\",\"reaction\":\"love\"}}")));
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/messages")).withRequestBody(equalToJson(
                "{\"recipient\":{\"id\":\"" + IGSID + "\"},\"sender_action\":\"unreact\","
                        + "\"payload\":{\"message_id\":\"ig_m_in_1\"}}")));
    }

    @Test
    void sendsAPrivateReplyToAComment() {
        ig.privateReply("17850000000000001", Message.text("Thanks for your comment!"));
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/messages")).withRequestBody(equalToJson(
                "{\"recipient\":{\"comment_id\":\"17850000000000001\"},\"messaging_type\":\"RESPONSE\","
                        + "\"message\":{\"text\":\"Thanks for your comment!\"}}")));
    }

    @Test
    void readsTheInstagramAccountConnectedToAPage() {
        wm.stubFor(get(urlPathEqualTo("/v26.0/104857600000001")).willReturn(okJson("{\"instagram_business_account\":"
                + "{\"id\":\"17841400000000001\",\"username\":\"coast.shop\",\"name\":\"Coast Shop\","
                + "\"profile_picture_url\":\"https://cdn.example/p.jpg\"},\"id\":\"104857600000001\"}")));
        wm.stubFor(get(urlPathEqualTo("/v26.0/104857600000002")).willReturn(okJson("{\"id\":\"104857600000002\"}")));
        assertEquals(Optional.of(new InstagramAccount("17841400000000001", "coast.shop", "Coast Shop",
                "https://cdn.example/p.jpg")), graph.instagramAccounts().connectedTo(TestSecrets.USER_TOKEN,
                "104857600000001"));
        assertEquals(Optional.empty(), graph.instagramAccounts().connectedTo(TestSecrets.USER_TOKEN,
                "104857600000002"));
        wm.verify(getRequestedFor(urlPathEqualTo("/v26.0/104857600000001"))
                .withQueryParam("fields", equalTo(InstagramAccounts.FIELDS)));
    }

    @Test
    void setsIceBreakersAndMenuWithTheInstagramPlatformFlag() {
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/messenger_profile")).willReturn(okJson("{\"result\":\"success\"}")));
        wm.stubFor(delete(urlPathEqualTo("/v26.0/me/messenger_profile")).willReturn(okJson("{\"result\":\"success\"}")));
        wm.stubFor(get(urlPathEqualTo("/v26.0/me/messenger_profile")).willReturn(okJson("{\"data\":[{\"ice_breakers\":"
                + "[{\"call_to_actions\":[{\"question\":\"Where are you?\",\"payload\":\"WHERE\"}],\"locale\":\"default\"}]}]}")));
        MessengerProfile profile = MessengerProfile.empty()
                .withIceBreakers(new MessengerProfile.IceBreakers("default",
                        List.of(new MessengerProfile.IceBreaker("Where are you?", "WHERE"))))
                .withPersistentMenus(new MessengerProfile.PersistentMenu("default", false,
                        List.of(Button.postback("Talk to us", "HUMAN"))));
        graph.instagramProfile().set(TestSecrets.PAGE_TOKEN, profile);
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/messenger_profile"))
                .withQueryParam("platform", equalTo("instagram"))
                .withRequestBody(equalToJson("{\"platform\":\"instagram\",\"ice_breakers\":[{\"call_to_actions\":"
                        + "[{\"question\":\"Where are you?\",\"payload\":\"WHERE\"}],\"locale\":\"default\"}]}", true, true)));
        assertEquals(1, graph.instagramProfile().get(TestSecrets.PAGE_TOKEN).iceBreakers().size());
        wm.verify(getRequestedFor(urlPathEqualTo("/v26.0/me/messenger_profile")).withQueryParam("platform",
                equalTo("instagram")));
        graph.instagramProfile().delete(TestSecrets.PAGE_TOKEN, List.of(MessengerProfile.Field.ICE_BREAKERS));
        wm.verify(deleteRequestedFor(urlPathEqualTo("/v26.0/me/messenger_profile"))
                .withQueryParam("platform", equalTo("instagram")));
    }

    @Test
    void refusesProfileFieldsInstagramDoesNotHave() {
        List<MessengerProfile.IceBreaker> one = List.of(new MessengerProfile.IceBreaker("a", "A"));
        assertEquals("ice_breakers without default locale", assertThrows(UnsupportedOnInstagramException.class,
                () -> graph.instagramProfile().set(TestSecrets.PAGE_TOKEN, MessengerProfile.empty().withIceBreakers(
                        new MessengerProfile.IceBreakers("en_GB", one)))).feature());
        assertEquals("greeting", assertThrows(UnsupportedOnInstagramException.class, () -> graph.instagramProfile()
                .set(TestSecrets.PAGE_TOKEN, MessengerProfile.empty().withGreetings(
                        new MessengerProfile.Greeting("default", "Hello")))).feature());
        wm.verify(0, anyRequestedFor(anyUrl()));
    }
}
