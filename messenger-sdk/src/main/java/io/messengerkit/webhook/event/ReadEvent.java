package io.messengerkit.webhook.event;

/**
 * The person read the page's messages ({@code read}; Instagram's {@code messaging_seen} arrives as
 * {@code read} too).
 *
 * @param envelope where and when: object, page id, sender, recipient, timestamp
 * @param watermark every message sent before or at this time (epoch ms) was read; 0 when absent
 * @param mid the message read, when the platform names one (Instagram), else null
 */
public record ReadEvent(Envelope envelope, long watermark, String mid) implements WebhookEvent {
}
