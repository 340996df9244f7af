package io.messengerkit.webhook.event;

/**
 * A person who already has a thread came in again through a link, ad or plugin ({@code referral}).
 *
 * @param envelope where and when: object, page id, sender, recipient, timestamp
 * @param referral the link, ad or plugin
 */
public record ReferralEvent(Envelope envelope, Referral referral) implements WebhookEvent {
}
