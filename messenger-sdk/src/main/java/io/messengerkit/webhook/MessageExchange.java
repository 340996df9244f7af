package io.messengerkit.webhook;

import io.messengerkit.graph.GraphException;
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
 * @param graphErrorCode Meta's error code when the failure was a Graph API error (e.g. 190, 551), else null
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
        Integer graphErrorCode,
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

    /**
     * {@return Meta's error code carried by {@code failure} or any of its causes, or null when the failure
     * is not a Graph API error}
     *
     * @param failure what went wrong, may be null
     */
    public static Integer graphErrorCodeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof GraphException graph) {
                return graph.code();
            }
        }
        return null;
    }
}
