package io.messengerkit.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.webhook.event.AccountLinkingEvent;
import io.messengerkit.webhook.event.AppRolesEvent;
import io.messengerkit.webhook.event.Attachment;
import io.messengerkit.webhook.event.ChangeEvent;
import io.messengerkit.webhook.event.DeliveryEvent;
import io.messengerkit.webhook.event.EchoEvent;
import io.messengerkit.webhook.event.Envelope;
import io.messengerkit.webhook.event.MessageEditEvent;
import io.messengerkit.webhook.event.MessageEvent;
import io.messengerkit.webhook.event.MessagingFeedbackEvent;
import io.messengerkit.webhook.event.OptinEvent;
import io.messengerkit.webhook.event.PassThreadControlEvent;
import io.messengerkit.webhook.event.PolicyEnforcementEvent;
import io.messengerkit.webhook.event.PostbackEvent;
import io.messengerkit.webhook.event.ReactionEvent;
import io.messengerkit.webhook.event.ReadEvent;
import io.messengerkit.webhook.event.Referral;
import io.messengerkit.webhook.event.ReferralEvent;
import io.messengerkit.webhook.event.RequestThreadControlEvent;
import io.messengerkit.webhook.event.TakeThreadControlEvent;
import io.messengerkit.webhook.event.UnknownEvent;
import io.messengerkit.webhook.event.WebhookEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real-shaped deliveries (see src/test/resources/webhook) and the events each must yield. */
class WebhookParserCorpusTest {
    private static final String PAGE = "104857600000001";
    private static final String PSID = "7310000000000001";

    private final WebhookParser parser = WebhookParser.create();

    private static Envelope inbound(long timestamp) {
        return new Envelope("page", PAGE, PSID, null, PAGE, timestamp, false);
    }

    private static Envelope outbound(long timestamp) {
        return new Envelope("page", PAGE, PAGE, null, PSID, timestamp, false);
    }

    private List<WebhookEvent> events(String name) {
        return parser.parse(Corpus.bytes(name)).events();
    }

    @Test
    void decodesUnicodeEscapesInText() {
        WebhookBatch batch = parser.parse(Corpus.bytes("text-message.json"));
        assertEquals("page", batch.object());
        assertEquals(1, batch.entries().size());
        assertEquals(1764057600123L, batch.entries().get(0).time());
        assertEquals(List.of(new MessageEvent(inbound(1764057600000L), "m_AbCdEf0001",
                "Grüße, äöå \uD83D\uDE00 & \"quoted\"", null, null, List.of(), false, false)), batch.events());
    }

    @Test
    void keepsEveryEntryAndEventOfAMultiPageBatchInOrder() {
        WebhookBatch batch = parser.parse(Corpus.bytes("multi-page-batch.json"));
        String page2 = "104857600000002";
        assertEquals(List.of(PAGE, page2), batch.entries().stream().map(WebhookEntry::id).toList());
        assertEquals(List.of(
                new MessageEvent(inbound(1764057600100L), "m_page1_first", "first", null, null, List.of(), false, false),
                new DeliveryEvent(new Envelope("page", PAGE, "7310000000000002", null, PAGE, 1764057600200L, false),
                        List.of("m_out_1", "m_out_2"), 1764057600150L),
                new MessageEvent(inbound(1764057600300L), "m_page1_second", "second", null, null, List.of(), false, false),
                new ReadEvent(new Envelope("page", page2, "7320000000000009", null, page2, 1764057600400L, false),
                        1764057600350L, null),
                new MessageEvent(new Envelope("page", page2, "7320000000000009", null, page2, 1764057600500L, false),
                        "m_page2_first", "fields in another order", null, null, List.of(), false, false)),
                batch.events());
    }

    @Test
    void readsEveryAttachmentKindAndTheQuickReply() {
        List<WebhookEvent> events = events("attachments.json");
        MessageEvent media = assertInstanceOf(MessageEvent.class, events.get(0));
        assertEquals("PICK_RED", media.quickReplyPayload());
        assertTrue(media.isQuickReply());
        assertNull(media.text());
        assertEquals(List.of("image", "video", "audio", "file"),
                media.attachments().stream().map(Attachment::type).toList());
        assertEquals("https://cdn.example/invoice.pdf", media.attachments().get(3).url());

        MessageEvent stickers = assertInstanceOf(MessageEvent.class, events.get(1));
        Attachment sticker = stickers.attachments().get(0);
        Attachment legacySticker = stickers.attachments().get(1);
        assertEquals("369239263222822", sticker.stickerId());
        assertTrue(sticker.isSticker());
        assertTrue(legacySticker.isSticker(), "an image with a sticker_id is a sticker (before 2026-08-30)");
        assertFalse(media.attachments().get(0).isSticker());

        MessageEvent other = assertInstanceOf(MessageEvent.class, events.get(2));
        Attachment location = other.attachments().get(0);
        assertEquals(52.52, location.latitude());
        assertEquals(13.405, location.longitude());
        assertEquals("Pinned Location", location.title());
        Attachment fallback = other.attachments().get(1);
        assertEquals(new Attachment("fallback", "https://example.org/article", null, "A shared link", null, null, null),
                fallback);
        assertEquals(new Attachment("fallback", null, null, null, null, null, null), other.attachments().get(2));
        Attachment unknownKind = other.attachments().get(3);
        assertEquals("appointment_booking", unknownKind.type());
        assertEquals("{\"appointment_id\":\"123\",\"nested\":{\"deep\":[1,2,{\"x\":true}]}}", unknownKind.payloadJson());
    }

    @Test
    void readsReplyToAndSkipsUnknownFields() {
        MessageEvent m = assertInstanceOf(MessageEvent.class, events("reply-to.json").get(0));
        assertEquals(new MessageEvent(inbound(1764057600010L), "m_reply_1", "yes, that one", null, "m_earlier_0",
                List.of(), false, false), m);
    }

    @Test
    void tellsEchoOriginsApartByAppId() {
        List<WebhookEvent> events = events("echoes.json");
        String ownApp = "1517776481860111";
        EchoEvent ours = assertInstanceOf(EchoEvent.class, events.get(0));
        assertEquals(new EchoEvent(outbound(1764057600020L), "m_echo_ours", "Thanks!", ownApp, "sent-by-bot",
                List.of()), ours);
        assertEquals(EchoEvent.Origin.THIS_APP, ours.origin(ownApp));
        assertEquals(PSID, ours.counterpartId(), "an echo's conversation is the recipient's");
        assertEquals(EchoEvent.Origin.OTHER_APP, ((EchoEvent) events.get(1)).origin(ownApp));
        assertEquals(EchoEvent.Origin.PAGE_INBOX, ((EchoEvent) events.get(2)).origin(ownApp));
        EchoEvent template = assertInstanceOf(EchoEvent.class, events.get(3));
        assertEquals(EchoEvent.Origin.THIS_APP, template.origin(ownApp), "app_id as a string counts too");
        assertEquals("template", template.attachments().get(0).type());
        assertTrue(template.attachments().get(0).payloadJson().contains("\"attachment_id\":\"1854626884821032\""));
    }

    @Test
    void readsPostbacksAndReferrals() {
        List<WebhookEvent> events = events("postbacks-and-referrals.json");
        assertEquals(List.of(
                new PostbackEvent(inbound(1764057600030L), "m_pb_1", "Get Started", "GET_STARTED",
                        new Referral("summer-campaign", "SHORTLINK", "OPEN_THREAD", null, null, null)),
                new PostbackEvent(inbound(1764057600031L), null, "Menu", "MENU", null),
                new ReferralEvent(inbound(1764057600032L), new Referral("ad-ref", "ADS", "OPEN_THREAD", "6045246247433",
                        null, "{\"ad_title\":\"Sale\",\"photo_url\":\"https://ads.example/p.jpg\",\"post_id\":\"104857600000001_555\"}")),
                new ReferralEvent(inbound(1764057600033L), new Referral("chat-plugin", "CUSTOMER_CHAT_PLUGIN",
                        "OPEN_THREAD", null, "https://shop.example/page", null))),
                events);
    }

    @Test
    void attachesAnAdReferralToTheMessageItCameWith() {
        List<WebhookEvent> events = events("ad-referral-messages.json");
        assertEquals(3, events.size());
        MessageEvent beside = assertInstanceOf(MessageEvent.class, events.get(0),
                "a referral before the message in the same item must not hide the message");
        assertEquals("Is this still available?", beside.text());
        assertEquals(new Referral("spring-ad", "ADS", "OPEN_THREAD", "6045246247433", null,
                "{\"ad_title\":\"Spring sale\"}"), beside.referral());
        MessageEvent inside = assertInstanceOf(MessageEvent.class, events.get(1));
        assertEquals("summer-ad", inside.referral().ref());
        ReferralEvent alone = assertInstanceOf(ReferralEvent.class, events.get(2));
        assertEquals("returning", alone.referral().ref());
        assertNull(((MessageEvent) events("text-message.json").get(0)).referral());
    }

    @Test
    void readsOptinsWithStringNumbersAndUserRefSendersAndAccountLinking() {
        List<WebhookEvent> events = events("optins-and-linking.json");
        OptinEvent marketing = assertInstanceOf(OptinEvent.class, events.get(0));
        assertEquals(new OptinEvent(inbound(1764057600040L), "notification_messages", null, null, "weekly-deals",
                "Weekly deals", "made-up-notification-token", "Europe/Berlin", null, 1795593600000L, "NOT_REFRESHED",
                null), marketing);
        assertFalse(marketing.toString().contains("made-up-notification-token"));

        OptinEvent plugin = assertInstanceOf(OptinEvent.class, events.get(1));
        assertNull(plugin.senderId());
        assertEquals("made-up-user-ref-123", plugin.envelope().senderUserRef());
        assertEquals("made-up-user-ref-123", plugin.counterpartId());
        assertEquals("checkout-page", plugin.ref());

        AccountLinkingEvent linked = assertInstanceOf(AccountLinkingEvent.class, events.get(2));
        assertTrue(linked.linked());
        assertEquals("made-up-auth-code", linked.authorizationCode());
        assertFalse(linked.toString().contains("made-up-auth-code"));
        assertEquals(new AccountLinkingEvent(inbound(1764057600043L), "unlinked", null), events.get(3));
    }

    @Test
    void readsReactionsAndEdits() {
        assertEquals(List.of(
                new ReactionEvent(inbound(1764057600050L), "love", "\u2764\uFE0F", "react", "m_out_1"),
                new ReactionEvent(inbound(1764057600051L), null, null, "unreact", "m_out_1"),
                new MessageEditEvent(inbound(1764057600052L), "m_page1_first", "first (edited)", 2)),
                events("reactions-and-edits.json"));
        assertFalse(((ReactionEvent) events("reactions-and-edits.json").get(1)).isReact());
    }

    @Test
    void readsHandoverAndPolicyEnforcement() {
        Envelope pageLevel63 = new Envelope("page", PAGE, null, null, PAGE, 1764057600063L, false);
        Envelope pageLevel64 = new Envelope("page", PAGE, null, null, PAGE, 1764057600064L, false);
        assertEquals(List.of(
                new PassThreadControlEvent(inbound(1764057600060L), "1517776481860111", null, "handing back"),
                new TakeThreadControlEvent(inbound(1764057600061L), "1517776481860111", "263902037430900",
                        "agent took over"),
                new RequestThreadControlEvent(inbound(1764057600062L), "123456789", "please"),
                new AppRolesEvent(pageLevel63, Map.of("1517776481860111", List.of("primary_receiver"),
                        "263902037430900", List.of("secondary_receiver"))),
                new PolicyEnforcementEvent(pageLevel64, "block", "The bot violated our Platform Policies.")),
                events("handover-and-policy.json"));
        assertNull(events("handover-and-policy.json").get(4).counterpartId());
    }

    @Test
    void marksStandbyEvents() {
        List<WebhookEvent> events = events("standby.json");
        assertEquals(2, events.size());
        assertTrue(events.get(0).envelope().standby());
        assertInstanceOf(MessageEvent.class, events.get(0));
        EchoEvent echo = assertInstanceOf(EchoEvent.class, events.get(1));
        assertTrue(echo.envelope().standby());
    }

    @Test
    void readsInstagramDeliveries() {
        List<WebhookEvent> events = events("instagram.json");
        String account = "17841400000000001";
        Envelope first = new Envelope("instagram", account, "5310000000000001", null, account, 1764057600080L, false);
        assertTrue(first.instagram());
        assertEquals(new MessageEvent(first, "aWdfZAG1faXRlbTox", null, null, null,
                List.of(new Attachment("story_mention", "https://lookaside.example/story", null, null, null, null,
                        "{\"url\":\"https://lookaside.example/story\"}")), false, false), events.get(0));
        MessageEvent reel = (MessageEvent) events.get(1);
        assertEquals("ig_reel", reel.attachments().get(0).type());
        assertEquals("A reel", reel.attachments().get(0).title());
        assertTrue(((MessageEvent) events.get(2)).deleted());
        assertTrue(((MessageEvent) events.get(3)).unsupported());
        assertEquals("aWdfZAG1faXRlbTo5", ((ReadEvent) events.get(4)).mid());
        assertEquals(account, events.get(4).pageId());
    }

    @Test
    void keepsUnknownEventsWithTheirRawJsonAndTypesFeedbackAndChanges() {
        List<WebhookEvent> events = events("unknown-events.json");
        assertEquals(4, events.size());
        UnknownEvent gamePlay = assertInstanceOf(UnknownEvent.class, events.get(0));
        assertEquals("game_play", gamePlay.type());
        assertEquals("{\"sender\":{\"id\":\"7310000000000001\"},\"recipient\":{\"id\":\"104857600000001\"},"
                + "\"timestamp\":1764057600090,\"game_play\":{\"game_id\":\"111\",\"player_id\":\"222\","
                + "\"payload\":\"{\\\"score\\\":10}\"}}", gamePlay.rawJson());
        assertEquals(PSID, gamePlay.senderId());
        assertEquals("between unknowns", ((MessageEvent) events.get(1)).text());
        MessagingFeedbackEvent feedback = assertInstanceOf(MessagingFeedbackEvent.class, events.get(2));
        assertEquals(List.of(new MessagingFeedbackEvent.Screen(0, List.of(
                new MessagingFeedbackEvent.Answer("q1", "csat", "5", null, null)))), feedback.screens());
        ChangeEvent change = assertInstanceOf(ChangeEvent.class, events.get(3));
        assertEquals("feed", change.field());
        assertEquals("{\"item\":\"status\",\"verb\":\"add\"}", change.valueJson());
        assertEquals(PAGE, change.pageId());
        assertEquals(1764057600000L, change.timestamp());
    }
}
