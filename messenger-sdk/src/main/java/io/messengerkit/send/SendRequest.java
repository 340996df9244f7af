package io.messengerkit.send;

import java.util.Objects;

/**
 * One Send API call: who, why ({@link MessagingType}, always sent), what, and optional reply
 * target, notification type and persona.
 *
 * @param recipient who receives the message
 * @param messagingType why it is sent
 * @param tag the message tag; required with {@link MessagingType#MESSAGE_TAG}, null otherwise
 * @param message the content
 * @param replyTo the {@code mid} of the message this one replies to, or null
 * @param notificationType how the phone announces it, or null for Meta's default
 * @param personaId a persona to send as, or null
 */
public record SendRequest(Recipient recipient, MessagingType messagingType, MessageTag tag, Message message,
        String replyTo, NotificationType notificationType, String personaId) {

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param recipient who receives the message
     * @param messagingType why it is sent
     * @param tag the message tag; required with {@link MessagingType#MESSAGE_TAG}, null otherwise
     * @param message the content
     * @param replyTo the {@code mid} of the message this one replies to, or null
     * @param notificationType how the phone announces it, or null for Meta's default
     * @param personaId a persona to send as, or null
     */
    public SendRequest {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(messagingType, "messagingType");
        Objects.requireNonNull(message, "message");
        if (messagingType == MessagingType.MESSAGE_TAG && tag == null) {
            throw new InvalidMessageException("messaging_type MESSAGE_TAG needs a tag");
        }
        if (messagingType != MessagingType.MESSAGE_TAG && tag != null) {
            throw new InvalidMessageException("a tag is sent only with messaging_type MESSAGE_TAG");
        }
        if (replyTo != null && replyTo.isBlank()) {
            throw new InvalidMessageException("reply_to mid must not be blank");
        }
    }

    /**
     * {@return a reply ({@link MessagingType#RESPONSE}) to the person with page-scoped id {@code psid}}
     *
     * @param psid the person's page-scoped id
     * @param message what to send
     */
    public static SendRequest to(String psid, Message message) {
        return to(Recipient.psid(psid), message);
    }

    /**
     * {@return a reply ({@link MessagingType#RESPONSE}) to the recipient}
     *
     * @param recipient who receives it
     * @param message what to send
     */
    public static SendRequest to(Recipient recipient, Message message) {
        return new SendRequest(recipient, MessagingType.RESPONSE, null, message, null, null, null);
    }

    /** {@return this request sent as a proactive {@link MessagingType#UPDATE}} */
    public SendRequest asUpdate() {
        return new SendRequest(recipient, MessagingType.UPDATE, null, message, replyTo, notificationType, personaId);
    }

    /**
     * {@return this request sent as {@link MessagingType#MESSAGE_TAG} with the given tag}
     *
     * @param tag a tag that allows sending outside the window
     */
    public SendRequest withTag(MessageTag tag) {
        return new SendRequest(recipient, MessagingType.MESSAGE_TAG, Objects.requireNonNull(tag, "tag"), message,
                replyTo, notificationType, personaId);
    }

    /**
     * {@return this request as a reply to the message {@code mid}}
     *
     * @param mid the id of the message replied to
     */
    public SendRequest replyingTo(String mid) {
        return new SendRequest(recipient, messagingType, tag, message, mid, notificationType, personaId);
    }

    /**
     * {@return this request with a notification type}
     *
     * @param type how the phone announces it
     */
    public SendRequest withNotificationType(NotificationType type) {
        return new SendRequest(recipient, messagingType, tag, message, replyTo, type, personaId);
    }

    /**
     * {@return this request sent as the given persona}
     *
     * @param personaId the persona's id
     */
    public SendRequest withPersona(String personaId) {
        return new SendRequest(recipient, messagingType, tag, message, replyTo, notificationType, personaId);
    }
}
