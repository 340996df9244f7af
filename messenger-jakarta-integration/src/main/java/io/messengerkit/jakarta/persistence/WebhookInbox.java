package io.messengerkit.jakarta.persistence;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The durable webhook inbox: every verified delivery is written here before Meta gets its 200,
 * then claimed, processed and marked by an inbox worker.
 *
 * <p>Claiming is a conditional update with a lease, so several instances on one database share
 * the rows without processing one twice, and a row whose worker died is taken over once its
 * lease ends. Rows are never deleted here: processed rows stay {@link State#DONE}, rows that
 * failed for good stay {@link State#FAILED} with their last error, for inspection.
 */
public final class WebhookInbox {
    /** Where a delivery is in its life. */
    public enum State {
        /** Waiting to be processed (again), no earlier than its next attempt time. */
        PENDING,
        /** Claimed by a worker until its lease ends. */
        PROCESSING,
        /** Processed. */
        DONE,
        /** Given up on (broken JSON, or attempts exhausted); kept for inspection. */
        FAILED
    }

    /**
     * A claimed delivery, handed to the worker that claimed it.
     *
     * @param id inbox row id
     * @param body the raw delivery bytes as Meta signed them
     * @param attempts attempts including this one
     */
    public record Claim(long id, byte[] body, int attempts) {
    }

    /**
     * One row as an operator sees it (without the body).
     *
     * @param id inbox row id
     * @param state current state
     * @param attempts processing attempts so far
     * @param receivedAt when the delivery arrived
     * @param nextAttemptAt earliest next attempt (pending rows)
     * @param lastError why the last attempt failed, or null
     * @param bodySha256 hex SHA-256 of the body, to match a delivery without showing it
     */
    public record Item(long id, State state, int attempts, Instant receivedAt, Instant nextAttemptAt,
            String lastError, String bodySha256) {
    }

    private static final int ERROR_LIMIT = 1000;

    private final JpaTransactions transactions;
    private final Clock clock;

    /**
     * The inbox over {@code transactions}.
     *
     * @param transactions runs units of work in database transactions
     * @param clock the time source
     */
    public WebhookInbox(JpaTransactions transactions, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Stores a verified delivery for processing and returns its row id (one committed transaction).
     *
     * @param body the verified raw body
     * @return the row id
     */
    public long accept(byte[] body) {
        return insert(body, State.PENDING, null);
    }

    /**
     * Stores a verified delivery that cannot be processed (e.g. not JSON) as {@link State#FAILED},
     * so it is kept for inspection but never retried.
     *
     * @param body the verified raw body
     * @param reason why it cannot be processed
     * @return the row id
     */
    public long acceptFailed(byte[] body, String reason) {
        return insert(body, State.FAILED, reason);
    }

    private long insert(byte[] body, State state, String error) {
        InboxEntity row = newRow(body, state, error, Utc.of(clock.instant()));
        return transactions.requiresNew(em -> {
            em.persist(row);
            em.flush();
            return row.id;
        });
    }

    /** A new row for {@code body}, every NOT NULL column set. */
    static InboxEntity newRow(byte[] body, State state, String error, LocalDateTime now) {
        InboxEntity row = new InboxEntity();
        row.body = body.clone();
        row.bodySha256 = sha256(body);
        row.receivedAt = now;
        row.state = state.name();
        row.attempts = 0;
        row.nextAttemptAt = now;
        row.lastError = truncate(error);
        row.completedAt = state == State.PENDING ? null : now;
        return row;
    }

    /**
     * Stores a verified delivery whose events were already queued (in the request that brought it): kept
     * for inspection until {@code MESSENGER_INBOX_RETENTION}, never processed again.
     *
     * @param body the raw bytes Meta signed
     * @return the row id
     */
    public long acceptProcessed(byte[] body) {
        return insert(body, State.DONE, null);
    }

    /**
     * Claims up to {@code limit} due rows for {@code worker} until {@code leaseUntil}: pending rows
     * whose next attempt time has come, and processing rows whose lease has ended.
     *
     * @param worker the claiming worker's id
     * @param limit the most rows to claim
     * @param leaseUntil when the claim lapses
     * @return the claimed rows
     */
    public List<Claim> claimDue(String worker, int limit, Instant leaseUntil) {
        LocalDateTime now = Utc.of(clock.instant());
        LocalDateTime until = Utc.of(leaseUntil);
        List<Long> candidates = transactions.requiresNew(em -> em.createQuery(
                        "select r.id from InboxEntity r where (r.state = 'PENDING' and r.nextAttemptAt <= :now)"
                                + " or (r.state = 'PROCESSING' and r.claimedUntil < :now) order by r.id", Long.class)
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList());
        List<Claim> claims = new ArrayList<>();
        for (Long id : candidates) {
            // The WHERE clause re-checks the row under the row lock, so of two racing workers exactly
            // one sees an update count of 1.
            Optional<Claim> claim = transactions.requiresNew(em -> {
                int updated = em.createQuery("update InboxEntity r set r.state = 'PROCESSING', r.claimedBy = :worker,"
                                + " r.claimedUntil = :until, r.attempts = r.attempts + 1 where r.id = :id and"
                                + " ((r.state = 'PENDING' and r.nextAttemptAt <= :now)"
                                + " or (r.state = 'PROCESSING' and r.claimedUntil < :now))")
                        .setParameter("worker", worker)
                        .setParameter("until", until)
                        .setParameter("id", id)
                        .setParameter("now", now)
                        .executeUpdate();
                if (updated != 1) {
                    return Optional.empty();
                }
                // A fresh persistence context with no shared cache: this reads the row as just updated.
                InboxEntity row = em.find(InboxEntity.class, id);
                return Optional.of(new Claim(id, row.body, row.attempts));
            });
            claim.ifPresent(claims::add);
        }
        return claims;
    }

    /**
     * Marks a claimed row processed. Returns false if the claim had been lost to another worker.
     *
     * @param id the row
     * @param worker the worker that claimed it
     * @return false if the claim was lost
     */
    public boolean markDone(long id, String worker) {
        LocalDateTime now = Utc.of(clock.instant());
        return transactions.requiresNew(em -> em.createQuery("update InboxEntity r set r.state = 'DONE',"
                        + " r.completedAt = :now, r.claimedUntil = null, r.lastError = null"
                        + " where r.id = :id and r.state = 'PROCESSING' and r.claimedBy = :worker")
                .setParameter("now", now)
                .setParameter("id", id)
                .setParameter("worker", worker)
                .executeUpdate() == 1);
    }

    /**
     * Records a failed attempt of a claimed row: back to {@link State#PENDING} until
     * {@code retryAt}, or {@link State#FAILED} for good when {@code retryAt} is null.
     *
     * @param id the row
     * @param worker the worker that claimed it
     * @param error what went wrong, without secrets
     * @param retryAt when to try again, or null to give up
     * @return false if the claim was lost
     */
    public boolean markFailed(long id, String worker, String error, Instant retryAt) {
        LocalDateTime now = Utc.of(clock.instant());
        boolean retry = retryAt != null;
        // Separate statements for the two outcomes: a null parameter has no SQL type on every database.
        String jpql = retry
                ? "update InboxEntity r set r.state = 'PENDING', r.nextAttemptAt = :next, r.lastError = :error,"
                        + " r.claimedUntil = null where r.id = :id and r.state = 'PROCESSING' and r.claimedBy = :worker"
                : "update InboxEntity r set r.state = 'FAILED', r.completedAt = :next, r.lastError = :error,"
                        + " r.claimedUntil = null where r.id = :id and r.state = 'PROCESSING' and r.claimedBy = :worker";
        return transactions.requiresNew(em -> em.createQuery(jpql)
                .setParameter("next", retry ? Utc.of(retryAt) : now)
                .setParameter("error", truncate(error) == null ? "" : truncate(error))
                .setParameter("id", id)
                .setParameter("worker", worker)
                .executeUpdate() == 1);
    }

    /**
     * Deletes processed and failed deliveries (raw bodies included) completed before {@code before}.
     *
     * @param before the cut-off
     * @return how many were deleted
     */
    public int purgeFinishedBefore(Instant before) {
        return transactions.requiresNew(em -> em.createQuery("delete from InboxEntity r where r.state in ('DONE',"
                        + " 'FAILED') and r.completedAt < :before")
                .setParameter("before", Utc.of(before))
                .executeUpdate());
    }

    /** {@return how many rows are in each state} */
    public Map<State, Long> counts() {
        return transactions.requiresNew(em -> {
            Map<State, Long> counts = new EnumMap<>(State.class);
            for (State s : State.values()) {
                counts.put(s, 0L);
            }
            for (Object[] row : em.createQuery("select r.state, count(r) from InboxEntity r group by r.state", Object[].class)
                    .getResultList()) {
                counts.put(State.valueOf((String) row[0]), ((Number) row[1]).longValue());
            }
            return counts;
        });
    }

    /**
     * {@return the most recent rows in {@code state} (newest first), at most {@code limit}}
     *
     * @param state the state to list
     * @param limit the most rows to return
     */
    public List<Item> list(State state, int limit) {
        return transactions.requiresNew(em -> em.createQuery(
                        "select r from InboxEntity r where r.state = :state order by r.id desc", InboxEntity.class)
                .setParameter("state", state.name())
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(WebhookInbox::item)
                .toList());
    }

    /**
     * One row, if it exists.
     *
     * @param id the row
     * @return the row without its body, or empty
     */
    public Optional<Item> find(long id) {
        return transactions.requiresNew(em -> Optional.ofNullable(em.find(InboxEntity.class, id))
                .map(WebhookInbox::item));
    }

    private static Item item(InboxEntity r) {
        return new Item(r.id, State.valueOf(r.state), r.attempts, Utc.of(r.receivedAt), Utc.of(r.nextAttemptAt),
                r.lastError, r.bodySha256);
    }

    private static String truncate(String error) {
        if (error == null) {
            return null;
        }
        return error.length() <= ERROR_LIMIT ? error : error.substring(0, ERROR_LIMIT);
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }
}
