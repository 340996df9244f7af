package io.messengerkit.jakarta.persistence;

import io.messengerkit.webhook.DeduplicationLedger;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * {@link DeduplicationLedger} on the database (table {@code messenger_processed_event}), so
 * several instances sharing it handle a redelivered event once: the event key is the primary
 * key, and the first instance to insert it wins. A claim whose instance died is taken over once
 * older than the lease, with a conditional update only one instance can win.
 */
public final class JpaDeduplicationLedger implements DeduplicationLedger {
    private final JpaTransactions transactions;
    private final Clock clock;
    private final Duration lease;

    /**
     * @param transactions runs units of work in database transactions
     * @param clock the time source
     * @param lease how long a claim blocks other instances before it may be taken over
     */
    public JpaDeduplicationLedger(JpaTransactions transactions, Clock clock, Duration lease) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lease = Objects.requireNonNull(lease, "lease");
    }

    @Override
    public boolean tryClaim(String key) {
        Instant now = clock.instant();
        // Look first: redeliveries of handled events are common, and a failed insert is noisy.
        Boolean known = transactions.requiresNew(em -> {
            ProcessedEventEntity row = em.find(ProcessedEventEntity.class, key);
            return row == null ? null : Boolean.TRUE;
        });
        if (known == null) {
            try {
                transactions.requiresNew(em -> {
                    ProcessedEventEntity row = new ProcessedEventEntity(key, now);
                    row.state = "CLAIMED";
                    em.persist(row);
                    em.flush();
                    return null;
                });
                return true;
            } catch (PersistenceException raced) {
                // Another instance inserted the key first: fall through to the takeover rule.
            }
        }
        return transactions.requiresNew(em -> em.createQuery("update ProcessedEventEntity e set e.processedAt = :now"
                        + " where e.eventKey = :key and e.state = 'CLAIMED' and e.processedAt < :expired")
                .setParameter("now", Utc.of(now))
                .setParameter("key", key)
                .setParameter("expired", Utc.of(now.minus(lease)))
                .executeUpdate() == 1);
    }

    @Override
    public void markDone(String key) {
        transactions.requiresNew(em -> em.createQuery(
                        "update ProcessedEventEntity e set e.state = 'DONE', e.processedAt = :now where e.eventKey = :key")
                .setParameter("now", Utc.of(clock.instant()))
                .setParameter("key", key)
                .executeUpdate());
    }

    @Override
    public void release(String key) {
        transactions.requiresNew(em -> em.createQuery(
                        "delete from ProcessedEventEntity e where e.eventKey = :key and e.state = 'CLAIMED'")
                .setParameter("key", key)
                .executeUpdate());
    }

    /**
     * Forgets handled events older than {@code before} (Meta stops redelivering after about an hour).
     *
     * @param before the cut-off
     * @return how many keys were forgotten
     */
    public int purgeDoneBefore(Instant before) {
        return transactions.requiresNew(em -> em.createQuery(
                        "delete from ProcessedEventEntity e where e.state = 'DONE' and e.processedAt < :before")
                .setParameter("before", Utc.of(before))
                .executeUpdate());
    }
}
