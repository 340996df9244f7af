package io.messengerkit.webhook.event;

/**
 * An event this SDK version does not model (a new webhook field...), kept whole so nothing is
 * lost. Items of an entry's {@code changes[]} are {@link ChangeEvent}s instead.
 *
 * @param envelope where and when: object, page id, sender, recipient, timestamp
 * @param type the unrecognised event key (e.g. {@code game_play}), or null when the item had no key
 *     besides the envelope
 * @param rawJson the event item exactly as it appeared in the body
 */
public record UnknownEvent(Envelope envelope, String type, String rawJson) implements WebhookEvent {
}
