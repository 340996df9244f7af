package io.messengerkit.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.webhook.event.ChangeEvent;
import io.messengerkit.webhook.event.EchoEvent;
import io.messengerkit.webhook.event.InstagramComment;
import io.messengerkit.webhook.event.MessageEditEvent;
import io.messengerkit.webhook.event.MessageEvent;
import io.messengerkit.webhook.event.PostbackEvent;
import io.messengerkit.webhook.event.ReactionEvent;
import io.messengerkit.webhook.event.ReadEvent;
import io.messengerkit.webhook.event.ReferralEvent;
import io.messengerkit.webhook.event.Story;
import io.messengerkit.webhook.event.WebhookEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Instagram deliveries ({@code "object":"instagram"}) read into the same typed events as Messenger's. */
class InstagramWebhookTest {
    private static final String ACCOUNT = "17841400000000001";
    private static final String PERSON = "5310000000000001";
    private static final String APP = "1517776481860111";

    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
    }

    private static List<WebhookEvent> events() {
        return WebhookParser.create().parse(Corpus.bytes("instagram-shapes.json")).events();
    }

    @Test
    void typesEveryInstagramMessagingShape() {
        List<WebhookEvent> e = events();
        assertEquals(14, e.size());
        e.forEach(x -> assertTrue(x.envelope().instagram(), x.toString()));
        e.forEach(x -> assertEquals(ACCOUNT, x.pageId(), "the entry id is the Instagram account id"));

        MessageEvent text = assertInstanceOf(MessageEvent.class, e.get(0));
        assertEquals("Hi \u00e9t\u00e9 \uD83D\uDE00", text.text());
        assertEquals(PERSON, text.envelope().senderId());

        MessageEvent media = assertInstanceOf(MessageEvent.class, e.get(1));
        assertEquals(List.of("image", "video"), media.attachments().stream().map(a -> a.type()).toList());
        assertEquals("https://lookaside.example/1.jpg", media.attachments().get(0).url());

        MessageEvent storyReply = assertInstanceOf(MessageEvent.class, e.get(2));
        assertTrue(storyReply.isStoryReply());
        assertEquals(new Story("17900000000000001", "https://lookaside.example/story/1"), storyReply.replyToStory());

        MessageEvent mention = assertInstanceOf(MessageEvent.class, e.get(3));
        assertTrue(mention.isStoryMention());
        assertFalse(mention.isStoryReply());
        assertEquals("https://lookaside.example/story/2", mention.attachments().get(0).url());

        MessageEvent share = assertInstanceOf(MessageEvent.class, e.get(4));
        assertTrue(share.isShare());
        assertEquals("A post", share.attachments().get(0).title());
        assertTrue(share.attachments().get(0).payloadJson().contains("ig_post_media_id"));

        MessageEvent quick = assertInstanceOf(MessageEvent.class, e.get(5));
        assertEquals("HOURS", quick.quickReplyPayload());

        ReactionEvent react = assertInstanceOf(ReactionEvent.class, e.get(6));
        assertTrue(react.isReact());
        assertEquals("love", react.reaction());
        ReactionEvent unreact = assertInstanceOf(ReactionEvent.class, e.get(7));
        assertFalse(unreact.isReact());
        assertNull(unreact.reaction(), "Instagram sends no reaction on unreact");

        assertEquals("ig_m_out_1", assertInstanceOf(ReadEvent.class, e.get(8)).mid());
        PostbackEvent postback = assertInstanceOf(PostbackEvent.class, e.get(9));
        assertEquals("ICE_WHERE", postback.payload());
        ReferralEvent referral = assertInstanceOf(ReferralEvent.class, e.get(10));
        assertEquals("summer", referral.referral().ref());
        assertEquals("SHORTLINKS", referral.referral().source());

        EchoEvent echo = assertInstanceOf(EchoEvent.class, e.get(11));
        assertEquals(PERSON, echo.counterpartId(), "an echo's person is its recipient");
        assertEquals(EchoEvent.Origin.THIS_APP, echo.origin(APP));

        MessageEvent deleted = assertInstanceOf(MessageEvent.class, e.get(12));
        assertTrue(deleted.deleted());
        assertEquals("ig_m_text", deleted.mid());
        assertEquals(1, assertInstanceOf(MessageEditEvent.class, e.get(13)).numEdit());
    }

    @Test
    void echoesAreFilteredAndADeletionIsNotMistakenForADuplicate() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        List<String> echoes = Collections.synchronizedList(new ArrayList<>());
        WebhookDispatcher dispatcher = WebhookDispatcher.builder().appId(APP).executor(executor)
                .onMessage((m, ctx) -> seen.add((m.deleted() ? "deleted " : "message ") + m.mid() + " @" + ctx.pageId()))
                .onEcho((m, ctx) -> echoes.add(m.mid()))
                .build();
        DispatchReport report = dispatcher.dispatch(Corpus.bytes("instagram-shapes.json")).get(10, TimeUnit.SECONDS);
        assertEquals(14, report.events());
        assertEquals(List.of("message ig_m_text @" + ACCOUNT, "message ig_m_images @" + ACCOUNT,
                "message ig_m_story_reply @" + ACCOUNT, "message ig_m_mention @" + ACCOUNT,
                "message ig_m_share @" + ACCOUNT, "message ig_m_quick @" + ACCOUNT,
                "deleted ig_m_text @" + ACCOUNT), seen, "one conversation, in order; echoes never reach messages");
        assertEquals(List.of("ig_m_echo"), echoes);

        seen.clear();
        assertEquals(0, dispatcher.dispatch(Corpus.bytes("instagram-shapes.json")).get(10, TimeUnit.SECONDS)
                .dispatched(), "a redelivery is dropped as a whole");
        assertTrue(seen.isEmpty());
    }

    @Test
    void readsACommentToAnswerWithAPrivateReply() {
        String json = "{\"object\":\"instagram\",\"entry\":[{\"id\":\"" + ACCOUNT + "\",\"time\":1764057600,"
                + "\"changes\":[{\"field\":\"comments\",\"value\":{\"from\":{\"id\":\"" + PERSON + "\","
                + "\"username\":\"robin\"},\"media\":{\"id\":\"17900000000000009\",\"media_product_type\":\"FEED\"},"
                + "\"id\":\"17850000000000001\",\"text\":\"How much is it?\"}},"
                + "{\"field\":\"mentions\",\"value\":{\"media_id\":\"1\"}}]}]}";
        List<WebhookEvent> events = WebhookParser.create().parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .events();
        ChangeEvent change = assertInstanceOf(ChangeEvent.class, events.get(0));
        assertEquals(java.util.Optional.of(new InstagramComment(ACCOUNT, "17850000000000001", "How much is it?", PERSON,
                "robin", "17900000000000009", null, false)), InstagramComment.of(change));
        assertEquals(java.util.Optional.empty(), InstagramComment.of((ChangeEvent) events.get(1)));
    }
}
