package io.messengerkit.webhook.event;

/**
 * Another app asks this app (the thread owner) for thread control ({@code request_thread_control}).
 *
 * @param envelope where and when: object, page id, sender, recipient, timestamp
 * @param requestedOwnerAppId the app asking
 * @param metadata the metadata string, or null
 */
public record RequestThreadControlEvent(Envelope envelope, String requestedOwnerAppId, String metadata)
        implements WebhookEvent {
}
