package io.messengerkit.webhook.event;

/**
 * Where an event came from: the webhook object, the entry (page) it was delivered under, the
 * sender and recipient, its timestamp, and whether it arrived as a standby event.
 *
 * @param object the body's {@code object}: {@code page} for Messenger, {@code instagram} for Instagram
 * @param pageId the entry id: the Facebook Page id, or the Instagram professional account id
 * @param senderId {@code sender.id} (a PSID or IGSID, or the page id for echoes); null when absent
 * @param senderUserRef {@code sender.user_ref}, set for plugin opt-ins from people without a PSID yet
 * @param recipientId {@code recipient.id}; null when absent
 * @param timestamp {@code timestamp} in epoch milliseconds; 0 when absent
 * @param standby true when the event came in {@code entry[].standby[]} (this app does not own the thread)
 */
public record Envelope(
        String object,
        String pageId,
        String senderId,
        String senderUserRef,
        String recipientId,
        long timestamp,
        boolean standby) {

    /** {@return true for Instagram messaging ({@code "object":"instagram"})} */
    public boolean instagram() {
        return "instagram".equals(object);
    }
}
