package io.messengerkit.webhook.event;

/** A person who already has a thread came in again through a link, ad or plugin ({@code referral}). */
public record ReferralEvent(Envelope envelope, Referral referral) implements WebhookEvent {
}
