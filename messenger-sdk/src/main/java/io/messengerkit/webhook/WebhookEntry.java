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

    /** An {@code entry[].time} below this is in epoch seconds: 10^11 seconds is the year 5138, 10^11 ms is 1973. */
    private static final long SECONDS_BELOW = 100_000_000_000L;

    /**
     * An {@code entry[].time} as Meta sent it, in epoch milliseconds: entries of {@code changes[]} (page
     * feed, App Dashboard tests) carry epoch seconds, every other entry milliseconds.
     *
     * @param entryTime the raw value; 0 or less when absent
     * @return the same instant in epoch milliseconds (the value itself when it is 0 or less)
     */
    public static long epochMillis(long entryTime) {
        return entryTime > 0 && entryTime < SECONDS_BELOW ? entryTime * 1000 : entryTime;
    }
}
