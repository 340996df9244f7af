package io.messengerkit.webhook.event;

import java.util.List;

/**
 * Messages the page sent were delivered ({@code delivery}).
 *
 * @param envelope where and when: object, page id, sender, recipient, timestamp
 * @param mids the delivered message ids, when Meta includes them (empty otherwise)
 * @param watermark every message sent before or at this time (epoch ms) was delivered
 */
public record DeliveryEvent(Envelope envelope, List<String> mids, long watermark) implements WebhookEvent {
    /**
     * Creates the record; the components are as described for the record.
     *
     * @param envelope where and when: object, page id, sender, recipient, timestamp
     * @param mids the delivered message ids, when Meta includes them (empty otherwise)
     * @param watermark every message sent before or at this time (epoch ms) was delivered
     */
    public DeliveryEvent {
        mids = mids == null ? List.of() : List.copyOf(mids);
    }
}
