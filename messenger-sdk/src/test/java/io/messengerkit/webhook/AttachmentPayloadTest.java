package io.messengerkit.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.messengerkit.webhook.event.Attachment;
import io.messengerkit.webhook.event.MessageEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A parsed attachment keeps its raw {@code payload} as a slice of the body and decodes it on first
 * use: the text is exactly the body's, non-ASCII and escapes included, and the attachment equals,
 * hashes and prints like one built with the same payload string.
 */
class AttachmentPayloadTest {

    private static List<Attachment> attachmentsOf(String attachmentsJson) {
        String body = "{\"object\":\"page\",\"entry\":[{\"id\":\"p1\",\"time\":1,\"messaging\":[{\"sender\":{\"id\":\"u1\"},"
                + "\"recipient\":{\"id\":\"p1\"},\"timestamp\":2,\"message\":{\"mid\":\"m_1\",\"attachments\":"
                + attachmentsJson + "}}]}]}";
        MessageEvent message = (MessageEvent) WebhookParser.create()
                .parse(body.getBytes(StandardCharsets.UTF_8)).entries().get(0).events().get(0);
        return message.attachments();
    }

    @Test
    void thePayloadIsTheBodysTextDecodedOnFirstUse() {
        String payload = "{\"url\":\"https:\\/\\/cdn.example\\/caf\\u00e9.png\",\"title\":\"Caf\u00e9 \uD83D\uDC4D\","
                + "\"nested\":{\"a\":[1,2,{\"b\":null}]}}";
        Attachment parsed = attachmentsOf("[{\"type\":\"image\",\"payload\":" + payload + "}]").get(0);
        assertEquals("https://cdn.example/caf\u00e9.png", parsed.url());
        assertEquals(payload, parsed.payloadJson());
        assertSame(parsed.payloadJson(), parsed.payloadJson());
        Attachment built = new Attachment("image", "https://cdn.example/caf\u00e9.png", null, "Caf\u00e9 \uD83D\uDC4D",
                null, null, payload, null);
        assertEquals(built, parsed);
        assertEquals(parsed, built);
        assertEquals(built.hashCode(), parsed.hashCode());
        assertEquals(built.toString(), parsed.toString());
    }

    @Test
    void absentAndNullPayloadsAreNull() {
        List<Attachment> attachments = attachmentsOf("[{\"type\":\"fallback\",\"url\":\"https://x\"},"
                + "{\"type\":\"image\",\"payload\":null},{\"type\":\"file\",\"payload\":{}}]");
        assertNull(attachments.get(0).payloadJson());
        assertNull(attachments.get(1).payloadJson());
        assertEquals("{}", attachments.get(2).payloadJson());
        assertEquals(new Attachment("fallback", "https://x", null, null, null, null, null), attachments.get(0));
    }

    @Test
    void printsLikeTheRecordItWas() {
        assertEquals("Attachment[type=image, url=u, stickerId=null, title=null, latitude=1.5, longitude=null, "
                + "payloadJson={}, videoId=v]", new Attachment("image", "u", null, null, 1.5, null, "{}", "v").toString());
    }
}
