package io.messengerkit.testkit.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.messengerkit.webhook.EventKind;
import io.messengerkit.webhook.WebhookParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The testkit's builders write each event the way the SDK's parser reads that kind. */
class WebhookEventKindsTest {

    @Test
    void everyBuilderWritesTheKindTheParserReadsBack() {
        List<WebhookEvent> built = List.of(
                WebhookEvent.text("p1", "u1", "hi"),
                WebhookEvent.quickReply("p1", "u1", "Yes", "YES"),
                WebhookEvent.attachment("p1", "u1", "image", "https://cdn.example/a.png"),
                WebhookEvent.postback("p1", "u1", "Start", "GET_STARTED"),
                WebhookEvent.reaction("p1", "u1", "m_1", "love", "\u2764", true),
                WebhookEvent.read("p1", "u1", 5),
                WebhookEvent.delivery("p1", "u1", List.of("m_1"), 5),
                WebhookEvent.echo("p1", "u1", "hello", "123").withMetadata("meta"));

        List<io.messengerkit.webhook.event.WebhookEvent> parsed = WebhookParser.create()
                .parse(WebhookPayload.of(built).toBytes()).entries().get(0).events();

        assertEquals(built.size(), parsed.size());
        for (int i = 0; i < built.size(); i++) {
            WebhookEvent event = built.get(i);
            assertSame(event.eventKind(), EventKind.of(parsed.get(i)), event.toString());
            assertEquals(event.kind(), event.eventKind().field());
            assertEquals("u1", parsed.get(i).counterpartId(), "the person is the counterpart of " + event);
        }
    }
}
