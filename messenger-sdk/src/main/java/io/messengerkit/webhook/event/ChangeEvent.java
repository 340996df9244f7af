package io.messengerkit.webhook.event;

/**
 * One item of an entry's {@code changes[]}: a field of a subscription that is not messaging (the
 * page feed, a test sent from the App Dashboard, ...). Changes reach only change handlers, never
 * the messaging handlers or the unknown-event handler.
 *
 * <p>Meta gives such entries a {@code time} in epoch seconds where messaging timestamps are in
 * milliseconds; {@link #timestamp()} is converted to milliseconds like every other event's.
 *
 * @param envelope the object, the entry's id as page id and the entry's time in epoch
 *     milliseconds; no sender or recipient
 * @param field the item's {@code field}, e.g. {@code feed}; null when absent
 * @param valueJson the item's {@code value} exactly as it appeared in the body, or null when absent
 */
public record ChangeEvent(Envelope envelope, String field, String valueJson) implements WebhookEvent {
}
