package io.messengerkit.jakarta.reply;

import io.messengerkit.send.Attachment;
import io.messengerkit.send.Message;
import io.messengerkit.send.QuickReply;
import io.messengerkit.send.Template;
import io.messengerkit.webhook.ReplyPipeline;
import java.util.ArrayList;
import java.util.List;

/**
 * What a chatbot answers: none, one or several messages (text, text with quick replies,
 * attachments, templates), sent in order with a typing indicator before each.
 *
 * <pre>{@code
 * ChatbotAnswer.text("Here is the menu")
 *         .then(Message.of(Attachment.image("https://shop.example/menu.png")))
 *         .thenText("Anything else?", QuickReply.text("No thanks", "DONE"));
 * }</pre>
 *
 * @param messages the messages, in sending order; empty for no answer
 */
public record ChatbotAnswer(List<Message> messages) {
    /**
     * Creates the record; the components are as described for the record.
     *
     * @param messages the messages, in sending order
     */
    public ChatbotAnswer {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    /** {@return no answer} */
    public static ChatbotAnswer none() {
        return new ChatbotAnswer(List.of());
    }

    /**
     * {@return one text message, or no answer for null or blank text}
     *
     * @param text at most 2,000 characters
     */
    public static ChatbotAnswer text(String text) {
        return text == null || text.isBlank() ? none() : new ChatbotAnswer(List.of(Message.text(text)));
    }

    /**
     * {@return the given messages in order}
     *
     * @param messages the messages
     */
    public static ChatbotAnswer of(Message... messages) {
        return new ChatbotAnswer(List.of(messages));
    }

    /**
     * {@return this answer followed by another message}
     *
     * @param message the next message
     */
    public ChatbotAnswer then(Message message) {
        List<Message> all = new ArrayList<>(messages);
        all.add(message);
        return new ChatbotAnswer(all);
    }

    /**
     * {@return this answer followed by a text with quick replies}
     *
     * @param text the text
     * @param quickReplies at most 13
     */
    public ChatbotAnswer thenText(String text, QuickReply... quickReplies) {
        return then(Message.text(text).withQuickReplies(quickReplies));
    }

    /**
     * {@return this answer followed by an attachment}
     *
     * @param attachment an image, file, audio, video (by URL or saved id)
     */
    public ChatbotAnswer thenAttachment(Attachment attachment) {
        return then(Message.of(attachment));
    }

    /**
     * {@return this answer followed by a template}
     *
     * @param template any template, {@code RawTemplate} included
     */
    public ChatbotAnswer thenTemplate(Template template) {
        return then(Message.of(Attachment.template(template)));
    }

    /** {@return true when nothing is to be sent} */
    public boolean isEmpty() {
        return messages.isEmpty();
    }

    /** {@return the messages as the message log shows them: texts, and {@code [image]}, {@code [template:…]} for the rest} */
    public String summary() {
        return ReplyPipeline.summary(messages);
    }
}
