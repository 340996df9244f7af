package io.messengerkit.webhook.event;

/**
 * The person edited a message they sent ({@code message_edit}).
 *
 * @param envelope where and when: object, page id, sender, recipient, timestamp
 * @param mid the edited message's id
 * @param text the new text
 * @param numEdit how many times it has been edited (at most 5)
 */
public record MessageEditEvent(Envelope envelope, String mid, String text, int numEdit) implements WebhookEvent {
}
