package io.messengerkit.webhook.event;

/**
 * Another app took thread control from this app ({@code take_thread_control}).
 *
 * @param envelope where and when: object, page id, sender, recipient, timestamp
 * @param previousOwnerAppId the app that lost control
 * @param newOwnerAppId the app that took it, or null when not given
 * @param metadata the metadata string, or null
 */
public record TakeThreadControlEvent(Envelope envelope, String previousOwnerAppId, String newOwnerAppId,
        String metadata) implements WebhookEvent {
}
