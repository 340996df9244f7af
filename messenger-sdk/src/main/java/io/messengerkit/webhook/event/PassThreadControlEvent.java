package io.messengerkit.webhook.event;

/**
 * Thread control was passed to this app ({@code pass_thread_control}; Handover Protocol, kept by
 * Conversation Routing).
 *
 * @param envelope where and when: object, page id, sender, recipient, timestamp
 * @param newOwnerAppId the app that now owns the thread
 * @param previousOwnerAppId the previous owner, or null in idle mode
 * @param metadata the metadata string the passing app sent, or null
 */
public record PassThreadControlEvent(Envelope envelope, String newOwnerAppId, String previousOwnerAppId,
        String metadata) implements WebhookEvent {
}
