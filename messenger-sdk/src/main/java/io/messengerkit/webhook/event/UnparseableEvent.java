package io.messengerkit.webhook.event;

/**
 * An event item (or a whole entry) whose shape was broken, e.g. a {@code sender} that is not an
 * object or a {@code timestamp} that is not a number. Its neighbours in the same body are parsed
 * as usual; this placeholder keeps its position, what could be read of its envelope, the raw JSON
 * and what was wrong.
 *
 * @param envelope where and when: object, page id, sender, recipient, timestamp
 * @param problem what was wrong, without echoing values
 * @param rawJson the broken item exactly as it appeared in the body (capped in length)
 */
public record UnparseableEvent(Envelope envelope, String problem, String rawJson) implements WebhookEvent {
}
