package io.messengerkit.webhook.event;

/**
 * The person tapped a postback button, Get Started, a persistent menu item or an ice breaker.
 *
 * @param envelope where and when: object, page id, sender, recipient, timestamp
 * @param mid the postback's message id (since Graph v11), or null
 * @param title the button title, or null
 * @param payload the developer-defined payload, or null
 * @param referral the referral when the tap opened a new thread from a link or ad, else null
 */
public record PostbackEvent(Envelope envelope, String mid, String title, String payload, Referral referral)
        implements WebhookEvent {
}
