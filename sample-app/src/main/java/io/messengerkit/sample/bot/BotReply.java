package io.messengerkit.sample.bot;

import io.messengerkit.send.Button;
import io.messengerkit.send.ButtonTemplate;
import io.messengerkit.send.Message;
import io.messengerkit.send.QuickReply;
import io.messengerkit.send.TemplateAttachment;

import java.util.List;
import java.util.Objects;

/**
 * What the bot answers: a text, and either quick replies (chips under the text that disappear once tapped)
 * or postback buttons (a button template that stays in the conversation). Never both: Messenger shows a
 * button template's text itself.
 *
 * @param text         the message text, at most 2,000 characters (640 with buttons)
 * @param quickReplies chips under the message, at most 13
 * @param buttons      postback buttons, at most 3
 */
public record BotReply(String text, List<Choice> quickReplies, List<Choice> buttons) {

    public BotReply {
        Objects.requireNonNull(text, "text");
        quickReplies = List.copyOf(quickReplies);
        buttons = List.copyOf(buttons);
        if (!quickReplies.isEmpty() && !buttons.isEmpty()) {
            throw new IllegalArgumentException("quick replies or buttons, not both");
        }
        if (quickReplies.size() > 13 || buttons.size() > 3) {
            throw new IllegalArgumentException("too many choices");
        }
        if (text.length() > (buttons.isEmpty() ? 2000 : 640)) {
            throw new IllegalArgumentException("text too long");
        }
    }

    /** A plain text answer. */
    public static BotReply text(String text) {
        return new BotReply(text, List.of(), List.of());
    }

    /** A text with quick replies under it. */
    public static BotReply withQuickReplies(String text, List<Choice> choices) {
        return new BotReply(text, choices, List.of());
    }

    /** A button template: text with postback buttons. */
    public static BotReply withButtons(String text, List<Choice> buttons) {
        return new BotReply(text, List.of(), buttons);
    }

    /** The Send API message: a button template when there are buttons, else text with its quick replies. */
    public Message toMessage() {
        if (!buttons.isEmpty()) {
            return Message.of(new TemplateAttachment(ButtonTemplate.of(text,
                    buttons.stream().map(b -> (Button) Button.postback(b.title(), b.payload())).toArray(Button[]::new))));
        }
        Message message = Message.text(text);
        return quickReplies.isEmpty() ? message
                : message.withQuickReplies(quickReplies.stream().map(q -> QuickReply.text(q.title(), q.payload())).toList());
    }
}
