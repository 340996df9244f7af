package io.messengerkit.webhook.event;

/**
 * The person linked or unlinked their account ({@code account_linking}).
 *
 * @param envelope where and when: object, page id, sender, recipient, timestamp
 * @param status {@code linked} or {@code unlinked}
 * @param authorizationCode the code passed through the linking flow; only when linked
 */
public record AccountLinkingEvent(Envelope envelope, String status, String authorizationCode)
        implements WebhookEvent {

    /** {@return true when {@code status} is {@code linked}} */
    public boolean linked() {
        return "linked".equals(status);
    }

    @Override
    public String toString() {
        return "AccountLinkingEvent[envelope=" + envelope + ", status=" + status + ", authorizationCode="
                + (authorizationCode == null ? null : "[redacted]") + "]";
    }
}
