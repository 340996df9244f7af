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

    /** A reply ({@link MessagingType#RESPONSE}) to the person with page-scoped id {@code psid}. */
    public static SendRequest to(String psid, Message message) {
        return to(Recipient.psid(psid), message);
    }

    /** A reply ({@link MessagingType#RESPONSE}) to the recipient. */
    public static SendRequest to(Recipient recipient, Message message) {
        return new SendRequest(recipient, MessagingType.RESPONSE, null, message, null, null, null);
    }

    /** This request sent as a proactive {@link MessagingType#UPDATE}. */
    public SendRequest asUpdate() {
        return new SendRequest(recipient, MessagingType.UPDATE, null, message, replyTo, notificationType, personaId);
    }

    /** This request sent as {@link MessagingType#MESSAGE_TAG} with the given tag. */
    public SendRequest withTag(MessageTag tag) {
        return new SendRequest(recipient, MessagingType.MESSAGE_TAG, Objects.requireNonNull(tag, "tag"), message,
                replyTo, notificationType, personaId);
    }

    /** This request as a reply to the message {@code mid}. */
    public SendRequest replyingTo(String mid) {
        return new SendRequest(recipient, messagingType, tag, message, mid, notificationType, personaId);
    }

    /** This request with a notification type. */
    public SendRequest withNotificationType(NotificationType type) {
        return new SendRequest(recipient, messagingType, tag, message, replyTo, type, personaId);
    }

    /** This request sent as the given persona. */
    public SendRequest withPersona(String personaId) {
        return new SendRequest(recipient, messagingType, tag, message, replyTo, notificationType, personaId);
    }
}
