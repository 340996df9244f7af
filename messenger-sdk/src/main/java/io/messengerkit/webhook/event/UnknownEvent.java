package io.messengerkit.webhook.event;

/**
 * An event this SDK version does not model (a new webhook field, a {@code changes} item of a
 * feed subscription...), kept whole so nothing is lost.
 *
 * @param envelope where and when: object, page id, sender, recipient, timestamp
 * @param type the unrecognised event key (e.g. {@code game_play}), {@code changes} for an entry's
 *     {@code changes[]} item, or null when the item had no key besides the envelope
 * @param rawJson the event item exactly as it appeared in the body
 */
public record UnknownEvent(Envelope envelope, String type, String rawJson) implements WebhookEvent {
}
