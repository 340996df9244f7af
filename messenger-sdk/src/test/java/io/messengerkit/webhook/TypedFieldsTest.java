package io.messengerkit.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.messengerkit.webhook.event.Attachment;
import io.messengerkit.webhook.event.MessageEvent;
import io.messengerkit.webhook.event.MessagingFeedbackEvent;
import io.messengerkit.webhook.event.Story;
import io.messengerkit.webhook.event.UnparseableEvent;
import io.messengerkit.webhook.event.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fields that used to be reachable only through raw JSON, now typed. */
class TypedFieldsTest {
    private static final String ENVELOPE = "\"sender\":{\"id\":\"17840000000000001\"},"
            + "\"recipient\":{\"id\":\"17841400000000001\"},\"timestamp\":1764057600000,";

    private static WebhookEvent instagram(String body) {
        String json = "{\"object\":\"instagram\",\"entry\":[{\"id\":\"17841400000000001\",\"time\":1764057600000,"
                + "\"messaging\":[{" + ENVELOPE + body + "}]}]}";
        return WebhookParser.create().parse(json.getBytes(StandardCharsets.UTF_8)).events().get(0);
    }

    @Test
    void readsTheStoryAnInstagramMessageRepliesTo() {
        MessageEvent reply = assertInstanceOf(MessageEvent.class, instagram("\"message\":{\"mid\":\"m1\",\"text\":\"nice\","
                + "\"reply_to\":{\"story\":{\"url\":\"https://lookaside.example/story\",\"id\":\"1790000000001\"}}}"));
        assertEquals(new Story("1790000000001", "https://lookaside.example/story"), reply.replyToStory());
        assertNull(reply.replyToMid());

        MessageEvent inline = assertInstanceOf(MessageEvent.class,
                instagram("\"message\":{\"mid\":\"m2\",\"reply_to\":{\"mid\":\"m1\",\"is_self_reply\":false}}"));
        assertEquals("m1", inline.replyToMid());
        assertNull(inline.replyToStory());
        assertInstanceOf(UnparseableEvent.class, instagram("\"message\":{\"mid\":\"m3\",\"reply_to\":{\"story\":7}}"));
    }

    @Test
    void readsTheProductOfAProductReferral() {
        MessageEvent message = assertInstanceOf(MessageEvent.class, instagram("\"message\":{\"mid\":\"m1\","
                + "\"text\":\"is this in stock?\",\"referral\":{\"product\":{\"id\":\"5550000000001\"}}}"));
        assertEquals("5550000000001", message.referral().productId());
        assertNull(message.referral().ref());
    }

    @Test
    void readsTheVideoIdOfReelAttachments() {
        MessageEvent message = assertInstanceOf(MessageEvent.class, instagram("\"message\":{\"mid\":\"m1\",\"attachments\":["
                + "{\"type\":\"ig_reel\",\"payload\":{\"reel_video_id\":\"18000000000000001\",\"title\":\"t\","
                + "\"url\":\"https://lookaside.example/reel\"}},"
                + "{\"type\":\"reel\",\"payload\":{\"reel_video_id\":18000000000000002}},"
                + "{\"type\":\"image\",\"payload\":{\"url\":\"https://cdn.example/a.png\"}}]}"));
        List<Attachment> attachments = message.attachments();
        assertEquals("18000000000000001", attachments.get(0).videoId());
        assertEquals("https://lookaside.example/reel", attachments.get(0).url());
        assertEquals("18000000000000002", attachments.get(1).videoId());
        assertNull(attachments.get(2).videoId());
    }

    @Test
    void readsFeedbackScreensQuestionsScoresAndFollowUps() {
        String json = "{\"object\":\"page\",\"entry\":[{\"id\":\"p1\",\"time\":1,\"messaging\":[{\"sender\":{\"id\":\"u1\"},"
                + "\"recipient\":{\"id\":\"p1\"},\"timestamp\":1764057600000,\"messaging_feedback\":{\"feedback_screens\":["
                + "{\"screen_id\":0,\"questions\":{\"hauydmns8\":{\"type\":\"csat\",\"payload\":\"4\","
                + "\"follow_up\":{\"type\":\"free_form\",\"payload\":\"Quick and helpful\"}},"
                + "\"q2\":{\"type\":\"nps\",\"payload\":\"9\"}}}]}}]}]}";
        WebhookEvent event = WebhookParser.create().parse(json.getBytes(StandardCharsets.UTF_8)).events().get(0);
        MessagingFeedbackEvent feedback = assertInstanceOf(MessagingFeedbackEvent.class, event);
        assertEquals(List.of(new MessagingFeedbackEvent.Screen(0, List.of(
                new MessagingFeedbackEvent.Answer("hauydmns8", "csat", "4", "free_form", "Quick and helpful"),
                new MessagingFeedbackEvent.Answer("q2", "nps", "9", null, null)))), feedback.screens());
        assertEquals("u1", feedback.senderId());
        assertEquals(EventKind.MESSAGING_FEEDBACK, EventKind.of(feedback));
    }
}
