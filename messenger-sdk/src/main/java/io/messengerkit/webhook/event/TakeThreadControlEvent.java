package io.messengerkit.webhook.event;

/**
 * Another app took thread control from this app ({@code take_thread_control}).
 *
 * @param previousOwnerAppId the app that lost control
 * @param newOwnerAppId the app that took it, or null when not given
 * @param metadata the metadata string, or null
 */
public record TakeThreadControlEvent(Envelope envelope, String previousOwnerAppId, String newOwnerAppId,
        String metadata) implements WebhookEvent {
}
