package io.messengerkit.webhook;

import java.time.Instant;

/**
 * One turn of the reply pipeline, for a message log: what the person wrote, what the page answered,
 * and how that went.
 *
 * @param pageId the page
 * @param userId the person's PSID (IGSID on Instagram)
 * @param inboundMid the person's message id
 * @param inboundText the person's text, or null for attachment-only messages
 * @param outboundText the answer, or null when the responder gave none
 * @param outboundMessageId the {@code message_id} the Send API returned, or null when nothing was sent
 * @param status how the turn ended
 * @param error what failed (exception class and redacted message) when {@code status} is FAILED, else null
 * @param at when the turn ended
 */
public record MessageExchange(
        String pageId,
        String userId,
        String inboundMid,
        String inboundText,
        String outboundText,
        String outboundMessageId,
        Status status,
        String error,
        Instant at) {

    /** How a turn ended. */
    public enum Status {
        /** The answer was sent. */
        SENT,
        /** The responder chose not to answer. */
        NO_REPLY,
        /** The responder or the send failed; see {@link MessageExchange#error()}. */
        FAILED
    }
}
