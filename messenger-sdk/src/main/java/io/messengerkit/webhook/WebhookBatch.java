package io.messengerkit.webhook;

import io.messengerkit.webhook.event.WebhookEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed webhook body: every entry and every event, in body order.
 *
 * @param object {@code page} for Messenger, {@code instagram} for Instagram, or whatever Meta sent
 * @param entries the entries in body order
 */
public record WebhookBatch(String object, List<WebhookEntry> entries) {
    /**
     * Creates the record; the components are as described for the record.
     *
     * @param object {@code page} for Messenger, {@code instagram} for Instagram, or whatever Meta sent
     * @param entries the entries in body order
     */
    public WebhookBatch {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /** {@return all events of all entries, in body order} */
    public List<WebhookEvent> events() {
        if (entries.size() == 1) {
            return entries.get(0).events();
        }
        List<WebhookEvent> all = new ArrayList<>(eventCount());
        for (WebhookEntry entry : entries) {
            all.addAll(entry.events());
        }
        return List.copyOf(all);
    }

    /**
     * Number of events over all entries.
     *
     * @return the number of events in all entries
     */
    public int eventCount() {
        int n = 0;
        for (WebhookEntry entry : entries) {
            n += entry.events().size();
        }
        return n;
    }
}
