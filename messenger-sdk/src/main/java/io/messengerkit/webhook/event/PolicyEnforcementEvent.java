package io.messengerkit.webhook.event;

/**
 * Meta blocked or unblocked the page's messaging for a policy violation
 * ({@code policy-enforcement}). There is no sender: the event concerns the page itself.
 *
 * @param envelope where and when: object, page id, sender, recipient, timestamp
 * @param action {@code block} or {@code unblock} (Instagram has also shown {@code warning})
 * @param reason Meta's explanation, or null
 */
public record PolicyEnforcementEvent(Envelope envelope, String action, String reason) implements WebhookEvent {
}
