package io.messengerkit.send;

import io.messengerkit.MessengerException;
import java.time.Instant;
import java.util.Optional;

/**
 * A send was refused by the messaging window policy before any Graph call: the person's last
 * interaction is too old for this message. {@link #reason()} says which rule refused it.
 */
public class MessagingWindowClosedException extends MessengerException {
    private static final long serialVersionUID = 1L;

    /** Why the send was refused. */
    public enum Reason {
        /** No inbound interaction is recorded for this conversation. */
        NO_INBOUND_RECORDED,
        /** The 24-hour window has closed and the message carries no tag that allows it. */
        WINDOW_CLOSED,
        /** HUMAN_AGENT was used but the application has not enabled it (it needs App Review). */
        HUMAN_AGENT_NOT_ENABLED,
        /** The 7 days a HUMAN_AGENT or CUSTOMER_FEEDBACK tag allows have passed. */
        TAG_WINDOW_CLOSED,
        /** CUSTOMER_FEEDBACK was used on a message other than the customer feedback template. */
        TAG_NOT_ALLOWED_FOR_MESSAGE
    }

    private final Reason reason;
    private final transient Instant lastInbound;

    /**
     * A refusal.
     *
     * @param reason the rule
     * @param lastInbound the last inbound interaction, or null
     * @param message the explanation, free of secrets
     */
    public MessagingWindowClosedException(Reason reason, Instant lastInbound, String message) {
        super(message);
        this.reason = reason;
        this.lastInbound = lastInbound;
    }

    /** {@return which rule refused the send} */
    public Reason reason() {
        return reason;
    }

    /** {@return the person's last recorded interaction} */
    public Optional<Instant> lastInbound() {
        return Optional.ofNullable(lastInbound);
    }
}
