package io.messengerkit.jakarta.persistence;

import io.messengerkit.jakarta.persistence.EventQueue.NewEvent;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Stores verified deliveries whose events were split in the request: each delivery's new events
 * (by key) in the event queue and the delivery itself in the inbox as processed.
 *
 * <p>{@link #storeTogether} stores many deliveries in one transaction, so that deliveries arriving
 * at the same moment share one commit (one WAL flush on PostgreSQL) instead of paying three each.
 * Rows are created in the order of the list, so a delivery earlier in the list has the smaller
 * event ids. {@link #storeAlone} is the same for one delivery, one transaction per event, which
 * recognises an event another instance stored at the same moment as a duplicate rather than
 * failing.
 */
public final class QueuedDeliveries {

    /**
     * A verified delivery and its events, split from it.
     *
     * @param body the raw body as Meta signed it
     * @param events its events, in the order they appear
     */
    public record Delivery(byte[] body, List<NewEvent> events) {
        /** Checks the values. */
        public Delivery {
            Objects.requireNonNull(body, "body");
            events = List.copyOf(events);
        }
    }

    /**
     * What became of a delivery.
     *
     * @param inboxId its inbox row
     * @param added how many of its events were new
     * @param duplicates its events that were stored already (or earlier in the same batch)
     */
    public record Stored(long inboxId, int added, List<NewEvent> duplicates) {
        /** Checks the values. */
        public Stored {
            duplicates = List.copyOf(duplicates);
        }
    }

    private final EventQueue queue;
    private final WebhookInbox inbox;

    /**
     * Deliveries stored into {@code queue} and {@code inbox}, which share one database.
     *
     * @param queue the event queue
     * @param inbox the webhook inbox
     */
    public QueuedDeliveries(EventQueue queue, WebhookInbox inbox) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
    }

    /**
     * Stores the deliveries in one transaction: nothing is stored unless all are.
     *
     * @param deliveries the deliveries, in arrival order
     * @return what became of each, in the same order
     * @throws RuntimeException when the transaction failed (for instance another instance stored one
     *     of the events at the same moment); then nothing of the batch is stored
     */
    public List<Stored> storeTogether(List<Delivery> deliveries) {
        Set<String> keys = new LinkedHashSet<>();
        deliveries.forEach(d -> d.events().forEach(e -> keys.add(e.eventKey())));
        LocalDateTime now = Utc.of(queue.clock().instant());
        return queue.transactions().requiresNew(em -> {
            Set<String> taken = keys.isEmpty() ? new HashSet<>() : EventQueue.storedKeys(em, keys);
            List<InboxEntity> inboxRows = new ArrayList<>(deliveries.size());
            List<Stored> stored = new ArrayList<>(deliveries.size());
            for (Delivery delivery : deliveries) {
                int added = 0;
                List<NewEvent> duplicates = new ArrayList<>(0);
                for (NewEvent event : delivery.events()) {
                    if (!taken.add(event.eventKey())) {
                        duplicates.add(event);
                        continue;
                    }
                    em.persist(EventQueue.newRow(event, now));
                    added++;
                }
                InboxEntity row = WebhookInbox.newRow(delivery.body(), WebhookInbox.State.DONE, null, now);
                em.persist(row);
                inboxRows.add(row);
                stored.add(new Stored(0, added, duplicates));
            }
            em.flush();
            List<Stored> withIds = new ArrayList<>(stored.size());
            for (int i = 0; i < stored.size(); i++) {
                Stored s = stored.get(i);
                withIds.add(new Stored(inboxRows.get(i).id, s.added(), s.duplicates()));
            }
            return withIds;
        });
    }

    /**
     * Stores one delivery, each new event in a transaction of its own, then the delivery.
     *
     * @param delivery the delivery
     * @return what became of it
     */
    public Stored storeAlone(Delivery delivery) {
        List<NewEvent> duplicates = new ArrayList<>(0);
        int added = queue.enqueue(delivery.events(), duplicates::add);
        return new Stored(inbox.acceptProcessed(delivery.body()), added, duplicates);
    }
}
