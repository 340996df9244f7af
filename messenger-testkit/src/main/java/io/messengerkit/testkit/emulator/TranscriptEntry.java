package io.messengerkit.testkit.emulator;

import java.time.Instant;
import java.util.List;

/**
 * One step of a conversation between a page and a person, in the order the emulator saw it.
 *
 * @param sequence position within the whole emulator, increasing, starting at 1
 * @param at emulator clock time
 * @param direction {@link Direction#INBOUND} (the person wrote) or {@link Direction#OUTBOUND}
 *     (the page sent, through the Send API)
 * @param kind a message or a sender action
 * @param mid message id, or null for sender actions
 * @param text message text, or null
 * @param senderAction {@code typing_on}, {@code typing_off}, {@code mark_seen}, {@code react}...,
 *     or null for messages
 * @param quickReplies titles of the quick replies offered with an outbound message (empty if none)
 * @param attachmentType {@code image}, {@code template}..., or null
 * @param payload quick-reply or postback payload of an inbound event, or null
 * @param messagingType {@code RESPONSE}, {@code UPDATE} or {@code MESSAGE_TAG} for outbound
 *     messages, else null
 * @param tag message tag, or null
 * @param json the {@code message} object as the page sent it (outbound messages), else null
 */
public record TranscriptEntry(
        long sequence,
        Instant at,
        Direction direction,
        Kind kind,
        String mid,
        String text,
        String senderAction,
        List<String> quickReplies,
        String attachmentType,
        String payload,
        String messagingType,
        String tag,
        String json) {

    public TranscriptEntry {
        quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
    }

    /** Who acted. */
    public enum Direction {
        /** The person wrote to the page (delivered as a webhook). */
        INBOUND,
        /** The page sent through the Send API. */
        OUTBOUND
    }

    /** What the step was. */
    public enum Kind {
        /** A message with text, attachment or quick replies. */
        MESSAGE,
        /** A sender action such as {@code typing_on}. */
        SENDER_ACTION,
        /** A postback button tap (inbound only). */
        POSTBACK
    }

    /** True for an outbound message (not a sender action). */
    public boolean isReply() {
        return direction == Direction.OUTBOUND && kind == Kind.MESSAGE;
    }

    /** True for an outbound sender action with the given name, e.g. {@code typing_on}. */
    public boolean isSenderAction(String action) {
        return direction == Direction.OUTBOUND && kind == Kind.SENDER_ACTION && action.equals(senderAction);
    }

    @Override
    public String toString() {
        String what = switch (kind) {
            case SENDER_ACTION -> senderAction;
            case POSTBACK -> "postback " + payload;
            case MESSAGE -> text != null ? "'" + text + "'" : attachmentType != null ? attachmentType : "message";
        };
        return (direction == Direction.INBOUND ? "user> " : "page> ") + what;
    }
}
