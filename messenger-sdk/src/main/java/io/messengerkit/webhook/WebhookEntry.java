package io.messengerkit.webhook;

import io.messengerkit.webhook.event.WebhookEvent;
import java.util.List;

/**
 * One {@code entry[]} item: the events of one page (or Instagram account), {@code messaging[]},
 * {@code standby[]} and {@code changes[]} items in the order they appeared.
 *
 * @param id the page or Instagram account id; null when the entry had none
 * @param time the entry's {@code time} in epoch milliseconds; 0 when absent
 * @param events the entry's events in body order
 */
public record WebhookEntry(String id, long time, List<WebhookEvent> events) {
    /**
     * Creates the record; the components are as described for the record.
     *
     * @param id the page or Instagram account id; null when the entry had none
     * @param time the entry's {@code time} in epoch milliseconds; 0 when absent
     * @param events the entry's events in body order
     */
    public WebhookEntry {
        events = events == null ? List.of() : List.copyOf(events);
    }
}
