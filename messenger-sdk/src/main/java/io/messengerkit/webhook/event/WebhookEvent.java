package io.messengerkit.webhook.event;

/**
 * One event of a webhook delivery. Every implementation is an immutable record; switch over them
 * with pattern matching or register typed handlers on the dispatcher.
 *
 * <p>Events the SDK does not know yet arrive as {@link UnknownEvent} with their raw JSON; an event
 * whose shape is broken arrives as {@link UnparseableEvent}, so its neighbours are never lost.
 */
public sealed interface WebhookEvent
        permits MessageEvent, EchoEvent, DeliveryEvent, ReadEvent, PostbackEvent, ReferralEvent,
        OptinEvent, AccountLinkingEvent, ReactionEvent, MessageEditEvent, PassThreadControlEvent,
        TakeThreadControlEvent, RequestThreadControlEvent, AppRolesEvent, PolicyEnforcementEvent,
        MessagingFeedbackEvent, ChangeEvent, UnknownEvent, UnparseableEvent {

    /**
     * Origin of the event: page, sender, recipient, timestamp, standby flag.
     *
     * @return the common fields
     */
    Envelope envelope();

    /** {@return the page (or Instagram account) the event was delivered for} */
    default String pageId() {
        return envelope().pageId();
    }

    /**
     * {@code sender.id}, or null (policy enforcement events and user_ref opt-ins have none).
     *
     * @return the sender's id, or null
     */
    default String senderId() {
        return envelope().senderId();
    }

    /**
     * {@code recipient.id}, or null.
     *
     * @return the recipient's id, or null
     */
    default String recipientId() {
        return envelope().recipientId();
    }

    /**
     * Event time in epoch milliseconds.
     *
     * @return epoch milliseconds
     */
    default long timestamp() {
        return envelope().timestamp();
    }

    /**
     * The person on the other side of the conversation: the sender for inbound events, the
     * recipient for echoes, the {@code user_ref} for opt-ins without a PSID. Null for page-level
     * events such as policy enforcement.
     *
     * @return the person's id
     */
    default String counterpartId() {
        Envelope e = envelope();
        return e.senderId() != null ? e.senderId() : e.senderUserRef();
    }
}
