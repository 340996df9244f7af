package io.messengerkit.webhook;

import java.time.Duration;

/**
 * Remembers which webhook events were already handled, so a redelivered event (Meta delivers at
 * least once, sometimes twice at the same moment) reaches the handlers only once.
 *
 * <p>The dispatcher calls {@link #tryClaim(String)} right before it runs the handlers of an event,
 * then exactly one of {@link #markDone(String)} (every handler succeeded) or
 * {@link #release(String)} (a handler failed, so a redelivery should be handled again).
 *
 * <p>Keys are short ASCII strings (at most 100 characters): {@code m:<mid>} for messages,
 * {@code e:<mid>} for echoes, {@code p:<mid>} for postbacks, {@code x:<mid>:<n>} for edits,
 * {@code r:<page>:<sender>:<watermark>:<timestamp>} for reads, {@code v:...} likewise for deliveries,
 * and {@code d:<digest>} (a SHA-256 over the event's identifying fields) for everything else.
 *
 * <p>Implementing it on a database: {@code tryClaim} is one atomic
 * {@code INSERT (key, state='CLAIMED', claimed_at=now)} on a unique key, returning false on a
 * unique-constraint violation; that makes concurrent deliveries to several instances safe. To
 * survive an instance dying mid-handling, let a claim older than a lease (a few minutes) be taken
 * over with a conditional {@code UPDATE ... WHERE key=? AND state='CLAIMED' AND claimed_at < ?}.
 * {@code markDone} sets {@code state='DONE'}; {@code release} deletes the row only while it is still
 * {@code CLAIMED}. Delete rows older than the retention period in a scheduled job.
 *
 * <p>Implementations must be thread-safe. Exceptions thrown by any method count the event as failed
 * and are passed to the dispatcher's error hook.
 */
public interface DeduplicationLedger {

    /**
     * Atomically claims the key.
     *
     * @param key the event's key, at most 100 characters
     * @return true when this caller should handle the event (never seen, or released earlier);
     *     false when it was handled already or is being handled right now
     */
    boolean tryClaim(String key);

    /**
     * The handlers of a claimed event succeeded: remember the key for the retention period.
     *
     * @param key the event's key
     */
    void markDone(String key);

    /**
     * The handlers of a claimed event failed: forget the claim so a redelivery is handled again.
     *
     * @param key the event's key
     */
    void release(String key);

    /**
     * An in-memory ledger for a single instance: remembers up to {@code maxEntries} keys for
     * {@code retention}, evicting the oldest first when full.
     *
     * @param retention how long a handled key is remembered
     * @param maxEntries the most keys held
     * @return the ledger
     */
    static DeduplicationLedger inMemory(Duration retention, int maxEntries) {
        return new InMemoryDeduplicationLedger(retention, maxEntries, System::nanoTime);
    }

    /**
     * No de-duplication: every event is handled, every time. For deployments that de-duplicate
     * elsewhere (a delivery inbox with its own unique keys) and for measuring the dispatcher itself.
     *
     * @return the ledger
     */
    static DeduplicationLedger disabled() {
        return DisabledLedger.INSTANCE;
    }

    /** {@return an in-memory ledger remembering up to 100,000 keys for 2 hours (Meta stops retrying after 1 hour)} */
    static DeduplicationLedger inMemory() {
        return inMemory(Duration.ofHours(2), 100_000);
    }
}
