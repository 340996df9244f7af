package io.messengerkit.jakarta.persistence;

import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The webhook events waiting for, being given to, and finished by the handlers (table
 * {@code messenger_event}), one row per event, keyed by conversation.
 *
 * <p>A conversation is (account, person): the Page or Instagram account the event was addressed to
 * and the person's id. {@link #claim} hands out only the oldest unfinished event of each
 * conversation (by Meta's timestamp, then arrival), and none while another event of the
 * conversation is held under a live lease, so one conversation's events reach the handlers one after
 * another whichever instance claims them, while different conversations run in parallel. On
 * PostgreSQL and MariaDB the claim locks the rows it picks with {@code FOR UPDATE SKIP LOCKED}, so
 * instances sharing the database skip each other's picks instead of waiting.
 *
 * <p>A claim holds a lease: an owner, a version that grows with every claim, and an end renewed by
 * {@link #renew} while the work runs, until the claim's processing deadline. The last renewal
 * still runs a full lease past it, so the owner's own deadline outcome is recorded before any takeover
 * (a takeover racing it would count one attempt more than allowed). Every change
 * that finishes or reschedules an event is conditional on the owner and version of the claim, so
 * nothing is recorded for work whose lease was lost to another instance. The id of a reply Meta
 * accepted is recorded at once ({@link #recordSent}) and survives a lost lease, so a later attempt
 * knows not to send it again.
 */
public final class EventQueue {
    /** Where an event is. */
    public enum Status {
        /** Waiting for its next attempt (and for the older events of its conversation). */
        PENDING,
        /** Held by an instance under a lease. */
        IN_PROGRESS,
        /** Handled. */
        DONE,
        /** Not retried automatically: see its reason; an operator may queue it again. */
        SET_ASIDE
    }

    /**
     * An event to store.
     *
     * @param eventKey identifies the event across redeliveries (at most 255 characters)
     * @param accountId the Page or Instagram account id the event was addressed to
     * @param personId the person's id in that account
     * @param metaTime Meta's timestamp of the event, in epoch milliseconds
     * @param body the event as a one-event webhook delivery
     */
    public record NewEvent(String eventKey, String accountId, String personId, long metaTime, byte[] body) {
        /** Checks the values. */
        public NewEvent {
            Objects.requireNonNull(eventKey, "eventKey");
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(personId, "personId");
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * A claimed event.
     *
     * @param id the row
     * @param eventKey the event's key
     * @param accountId the account
     * @param personId the person
     * @param metaTime Meta's timestamp
     * @param body the one-event delivery
     * @param attempts attempts including this one
     * @param leaseVersion the version every later change of this claim is conditional on
     * @param sentMessageId the id of a reply an earlier attempt already sent, or null
     * @param deadline when this attempt counts as stuck
     * @param sendInterrupted true when an earlier attempt started to send the reply and never learned the outcome
     */
    public record Claim(long id, String eventKey, String accountId, String personId, long metaTime, byte[] body,
            int attempts, long leaseVersion, String sentMessageId, Instant deadline, boolean sendInterrupted) {
    }

    /**
     * An event set aside, as an operator sees it.
     *
     * @param id the row
     * @param accountId the account
     * @param personId the person
     * @param metaTime Meta's timestamp
     * @param attempts attempts made
     * @param reason why it was set aside
     * @param graphErrorCode Graph's error code of the last failure, if any
     * @param firstError the first failure
     * @param lastError the last failure
     * @param receivedAt when it arrived
     * @param setAsideAt when it was set aside
     */
    public record SetAsideEvent(long id, String accountId, String personId, long metaTime, int attempts, String reason,
            Integer graphErrorCode, String firstError, String lastError, Instant receivedAt, Instant setAsideAt) {
    }

    /**
     * A failed attempt.
     *
     * @param reason short reason code (e.g. {@code TRANSIENT}, {@code OUTSIDE_WINDOW})
     * @param error what went wrong, without secrets
     * @param graphErrorCode Graph's error code, or null
     */
    public record Failure(String reason, String error, Integer graphErrorCode) {
        /** Checks the values. */
        public Failure {
            Objects.requireNonNull(reason, "reason");
            error = error == null ? reason : error;
        }
    }

    private static final int ERROR_LIMIT = 1000;
    private static final int KEYS_PER_QUERY = 500;
    private static final String CLAIMABLE = "((e.status = 'PENDING' AND e.next_attempt_at <= ?1)"
            + " OR (e.status = 'IN_PROGRESS' AND e.lease_until < ?2))";

    private final JpaTransactions transactions;
    private final Clock clock;

    /**
     * The queue over {@code transactions}.
     *
     * @param transactions runs units of work in database transactions
     * @param clock the time source
     */
    public EventQueue(JpaTransactions transactions, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Stores the events not stored yet (by key), each in a transaction of its own.
     *
     * @param events the events, in arrival order
     * @return how many were new
     */
    public int enqueue(List<NewEvent> events) {
        return enqueue(events, duplicate -> { });
    }

    /**
     * Stores the events not stored yet (by key), each in a transaction of its own, and tells of each
     * event that was stored already.
     *
     * @param events the events, in arrival order
     * @param onDuplicate told of every event whose key was stored already
     * @return how many were new
     */
    public int enqueue(List<NewEvent> events, java.util.function.Consumer<NewEvent> onDuplicate) {
        int added = 0;
        for (NewEvent event : events) {
            if (exists(event.eventKey())) {
                onDuplicate.accept(event);
                continue;
            }
            EventEntity row = newRow(event, Utc.of(clock.instant()));
            try {
                transactions.requiresNew(em -> {
                    em.persist(row);
                    em.flush();
                    return row.id;
                });
                added++;
            } catch (RuntimeException e) {
                // Another instance stored the same event at the same moment: the unique key kept one. (A server's
                // transaction interceptor may wrap the PersistenceException, hence the wider catch.)
                if (!exists(event.eventKey())) {
                    throw e;
                }
                onDuplicate.accept(event);
            }
        }
        return added;
    }

    /** A new row for {@code event}, every NOT NULL column set. */
    static EventEntity newRow(NewEvent event, LocalDateTime now) {
        EventEntity row = new EventEntity();
        row.eventKey = event.eventKey();
        row.accountId = event.accountId();
        row.personId = event.personId();
        row.metaTime = event.metaTime();
        row.receivedAt = now;
        row.body = event.body().clone();
        row.status = Status.PENDING.name();
        row.attempts = 0;
        row.nextAttemptAt = now;
        row.leaseVersion = 0;
        return row;
    }

    /**
     * {@return the keys among {@code keys} that are stored (in any state)}
     *
     * @param keys event keys
     */
    public Set<String> storedKeys(Collection<String> keys) {
        return keys.isEmpty() ? Set.of() : transactions.requiresNew(em -> storedKeys(em, keys));
    }

    /** The keys among {@code keys} that are stored already, in {@code em}'s transaction. */
    static Set<String> storedKeys(EntityManager em, Collection<String> keys) {
        Set<String> stored = new HashSet<>();
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += KEYS_PER_QUERY) {
            stored.addAll(em.createQuery("select e.eventKey from EventEntity e where e.eventKey in :keys", String.class)
                    .setParameter("keys", all.subList(from, Math.min(all.size(), from + KEYS_PER_QUERY)))
                    .getResultList());
        }
        return stored;
    }

    JpaTransactions transactions() {
        return transactions;
    }

    Clock clock() {
        return clock;
    }

    /**
     * {@return true when an event with this key is stored (in any state)}
     *
     * @param eventKey the key
     */
    public boolean exists(String eventKey) {
        return transactions.requiresNew(em -> em.createQuery(
                        "select count(e) from EventEntity e where e.eventKey = :k", Long.class)
                .setParameter("k", eventKey).getSingleResult() > 0);
    }

    /**
     * Claims up to {@code limit} events, each the oldest unfinished one of its conversation, with no
     * other event of the conversation under a live lease.
     *
     * @param owner the claiming instance
     * @param limit the most events to claim
     * @param lease how long the claim holds unless renewed
     * @param deadline how long the attempt may run in all
     * @return the claims, oldest first
     */
    public List<Claim> claim(String owner, int limit, Duration lease, Duration deadline) {
        Instant start = clock.instant();
        return transactions.requiresNew(em -> claimIn(em, owner, limit, lease, deadline, start, null, null));
    }

    /**
     * The claim of {@link #claim} in {@code em}'s transaction, of one conversation's events only when
     * {@code accountId} and {@code personId} are given.
     */
    private static List<Claim> claimIn(EntityManager em, String owner, int limit, Duration lease, Duration deadline,
            Instant start, String accountId, String personId) {
        LocalDateTime now = Utc.of(start);
        Instant deadlineAt = start.plus(deadline);
        LocalDateTime until = Utc.of(start.plus(lease));
        boolean one = accountId != null && personId != null;
        // The status list repeats what CLAIMABLE says so the due index is used: finished events (kept for the
        // retention period) are never read.
        var query = em.createNativeQuery("SELECT e.id FROM messenger_event e WHERE"
                        + (one ? " e.account_id = ?4 AND e.person_id = ?5 AND" : "")
                        + " e.status IN ('PENDING', 'IN_PROGRESS') AND " + CLAIMABLE
                        + " AND NOT EXISTS (SELECT 1 FROM messenger_event o WHERE o.account_id = e.account_id"
                        + " AND o.person_id = e.person_id AND o.id <> e.id AND ("
                        + "(o.status = 'IN_PROGRESS' AND o.lease_until >= ?3)"
                        + " OR (o.status IN ('PENDING', 'IN_PROGRESS') AND (o.meta_time < e.meta_time"
                        + " OR (o.meta_time = e.meta_time AND (o.received_at < e.received_at"
                        + " OR (o.received_at = e.received_at AND o.id < e.id)))))))"
                        + " ORDER BY e.meta_time, e.received_at, e.id"
                        + " LIMIT " + Math.max(1, limit) + " FOR UPDATE SKIP LOCKED")
                .setParameter(1, now)
                .setParameter(2, now)
                .setParameter(3, now);
        if (one) {
            query.setParameter(4, accountId).setParameter(5, personId);
        }
        @SuppressWarnings("unchecked")
        List<Object> ids = query.getResultList();
        List<Long> claimed = new ArrayList<>();
        for (Object id : ids) {
            long rowId = ((Number) id).longValue();
            // Plain SQL with positional parameters: the same statement text for every row, so a pooled connection's
            // prepared statement is reused.
            int updated = em.createNativeQuery("UPDATE messenger_event SET status = 'IN_PROGRESS', lease_owner = ?1,"
                            + " lease_version = lease_version + 1, lease_until = ?2, deadline_at = ?3,"
                            + " attempts = attempts + 1 WHERE id = ?4 AND ((status = 'PENDING'"
                            + " AND next_attempt_at <= ?5) OR (status = 'IN_PROGRESS' AND lease_until < ?6))")
                    .setParameter(1, owner)
                    .setParameter(2, until)
                    .setParameter(3, Utc.of(deadlineAt))
                    .setParameter(4, rowId)
                    .setParameter(5, now)
                    .setParameter(6, now)
                    .executeUpdate();
            if (updated == 1) {
                claimed.add(rowId);
            }
        }
        if (claimed.isEmpty()) {
            return List.of();
        }
        // One read of every row claimed, as the updates left them: a projection, so no persistence context or
        // cache can answer it.
        Map<Long, Claim> byId = new java.util.HashMap<>();
        for (Object[] r : em.createQuery("select e.id, e.eventKey, e.accountId, e.personId, e.metaTime, e.body,"
                        + " e.attempts, e.leaseVersion, e.sentMessageId, e.sendStartedAt from EventEntity e"
                        + " where e.id in :ids", Object[].class)
                .setParameter("ids", claimed)
                .getResultList()) {
            String sentMessageId = (String) r[8];
            byId.put(((Number) r[0]).longValue(), new Claim(((Number) r[0]).longValue(), (String) r[1],
                    (String) r[2], (String) r[3], ((Number) r[4]).longValue(), (byte[]) r[5],
                    ((Number) r[6]).intValue(), ((Number) r[7]).longValue(), sentMessageId, deadlineAt,
                    r[9] != null && sentMessageId == null));
        }
        List<Claim> claims = new ArrayList<>();
        for (Long id : claimed) {
            claims.add(Objects.requireNonNull(byId.get(id), "claimed row"));
        }
        return claims;
    }

    /**
     * Extends a claim's lease by {@code lease} from now, as long as its deadline has not passed.
     *
     * @param claim the claim
     * @param owner its owner
     * @param lease the new lease length from now
     * @return false when the lease was lost to another claim (or the deadline has passed)
     */
    public boolean renew(Claim claim, String owner, Duration lease) {
        Instant now = clock.instant();
        if (!now.isBefore(claim.deadline())) {
            return false;
        }
        LocalDateTime until = Utc.of(now.plus(lease));
        // The version says whether anyone claimed the event since: a heartbeat that comes late, after the lease
        // ended but before another claim, still holds it.
        return transactions.requiresNew(em -> em.createQuery("update EventEntity e set e.leaseUntil = :until"
                        + " where e.id = :id and e.status = 'IN_PROGRESS' and e.leaseOwner = :owner"
                        + " and e.leaseVersion = :v")
                .setParameter("until", until)
                .setParameter("id", claim.id())
                .setParameter("owner", owner)
                .setParameter("v", claim.leaseVersion())
                .executeUpdate() == 1);
    }

    /**
     * Records the id of a reply Meta accepted for the event, whoever holds the lease now: the reply
     * went out, and no later attempt may send it again.
     *
     * @param id the row
     * @param messageId Meta's id of the reply
     */
    public void recordSent(long id, String messageId) {
        transactions.requiresNew(em -> em.createQuery("update EventEntity e set e.sentMessageId = :m"
                        + " where e.id = :id and e.sentMessageId is null")
                .setParameter("m", messageId == null ? "(no id)" : messageId)
                .setParameter("id", id)
                .executeUpdate());
    }

    /**
     * Notes that the reply is about to be sent; an attempt that ends with a known outcome clears it.
     *
     * @param id the row
     */
    public void recordSendStarted(long id) {
        LocalDateTime now = Utc.of(clock.instant());
        transactions.requiresNew(em -> em.createQuery("update EventEntity e set e.sendStartedAt = :now"
                        + " where e.id = :id and e.sentMessageId is null")
                .setParameter("now", now)
                .setParameter("id", id)
                .executeUpdate());
    }

    /**
     * {@return the id of the reply already sent for the event, if any}
     *
     * @param id the row
     */
    public Optional<String> sentMessageId(long id) {
        return transactions.requiresNew(em -> em.createQuery(
                        "select e.sentMessageId from EventEntity e where e.id = :id", String.class)
                .setParameter("id", id).getResultList().stream().filter(Objects::nonNull).findFirst());
    }

    /**
     * Marks a claimed event done and runs {@code alsoInTransaction} in the same transaction; both
     * happen only if the claim still holds its lease.
     *
     * @param claim the claim
     * @param owner its owner
     * @param alsoInTransaction e.g. the message-log row of the event
     * @return false when the lease was lost: nothing was recorded
     */
    public boolean complete(Claim claim, String owner, Runnable alsoInTransaction) {
        LocalDateTime now = Utc.of(clock.instant());
        return transactions.requiresNew(em -> completeIn(em, claim, owner, now, alsoInTransaction));
    }

    /**
     * What {@link #complete} does, and in the same transaction, once the event is done, the claim of
     * the next event of its conversation for {@code owner}, exactly as {@link #claim} would hand it out
     * (the oldest unfinished event of the conversation, if it is due and no other event of the
     * conversation is under a live lease). The conversation goes on without a poll of the whole queue.
     * Should that transaction fail, the completion alone is tried once more, in a transaction of its own.
     *
     * @param claim the claim
     * @param owner its owner
     * @param alsoInTransaction e.g. the message-log row of the event
     * @param lease the lease of the next claim
     * @param deadline how long the next attempt may run in all
     * @return whether the event was recorded done (false: the lease was lost, nothing was recorded), and the
     *     claim of the conversation's next event, if one was made
     */
    public Completion completeAndClaimNext(Claim claim, String owner, Runnable alsoInTransaction, Duration lease,
            Duration deadline) {
        Instant start = clock.instant();
        LocalDateTime now = Utc.of(start);
        try {
            return transactions.requiresNew(em -> {
                if (!completeIn(em, claim, owner, now, alsoInTransaction)) {
                    return new Completion(false, null);
                }
                List<Claim> next = claimIn(em, owner, 1, lease, deadline, start, claim.accountId(), claim.personId());
                return new Completion(true, next.isEmpty() ? null : next.get(0));
            });
        } catch (RuntimeException e) {
            // Rolled back as a whole: nothing of it was recorded.
            return new Completion(complete(claim, owner, alsoInTransaction), null);
        }
    }

    /**
     * The outcome of {@link #completeAndClaimNext}.
     *
     * @param recorded true when the event was recorded done; false when its lease was lost
     * @param next the claim of the conversation's next event, or null
     */
    public record Completion(boolean recorded, Claim next) {
    }

    private static boolean completeIn(EntityManager em, Claim claim, String owner, LocalDateTime now,
            Runnable alsoInTransaction) {
        int updated = em.createQuery("update EventEntity e set e.status = 'DONE', e.completedAt = :now,"
                        + " e.leaseUntil = null, e.reason = null where e.id = :id and e.status = 'IN_PROGRESS'"
                        + " and e.leaseOwner = :owner and e.leaseVersion = :v")
                .setParameter("now", now)
                .setParameter("id", claim.id())
                .setParameter("owner", owner)
                .setParameter("v", claim.leaseVersion())
                .executeUpdate();
        if (updated == 1 && alsoInTransaction != null) {
            alsoInTransaction.run();
        }
        return updated == 1;
    }

    /**
     * Records a failed attempt and makes the event due again at {@code retryAt}; its conversation
     * waits for it.
     *
     * @param claim the claim
     * @param owner its owner
     * @param failure what went wrong
     * @param retryAt when to try again
     * @return false when the lease was lost: nothing was recorded
     */
    public boolean retryLater(Claim claim, String owner, Failure failure, Instant retryAt) {
        return finish(claim, owner, failure, Status.PENDING, Utc.of(retryAt), null);
    }

    /**
     * Sets a claimed event aside (its conversation moves on) and runs {@code alsoInTransaction} in the
     * same transaction; both happen only if the claim still holds its lease.
     *
     * @param claim the claim
     * @param owner its owner
     * @param failure why
     * @param alsoInTransaction e.g. the message-log row of the event
     * @return false when the lease was lost: nothing was recorded
     */
    public boolean setAside(Claim claim, String owner, Failure failure, Runnable alsoInTransaction) {
        return finish(claim, owner, failure, Status.SET_ASIDE, Utc.of(clock.instant()), alsoInTransaction);
    }

    private boolean finish(Claim claim, String owner, Failure failure, Status status, LocalDateTime at,
            Runnable alsoInTransaction) {
        String error = truncate(failure.error());
        // No null parameters (they have no SQL type on every database): the error code is written only when known.
        String jpql = "update EventEntity e set e.status = :status, e.leaseUntil = null, e.lastError = :error,"
                + " e.firstError = coalesce(e.firstError, :error), e.reason = :reason,"
                + (failure.graphErrorCode() != null ? " e.graphErrorCode = :code," : "")
                + (status == Status.PENDING ? " e.sendStartedAt = null, e.nextAttemptAt = :at" : " e.completedAt = :at")
                + " where e.id = :id and e.status = 'IN_PROGRESS' and e.leaseOwner = :owner and e.leaseVersion = :v";
        return transactions.requiresNew(em -> {
            var update = em.createQuery(jpql)
                    .setParameter("status", status.name())
                    .setParameter("error", error)
                    .setParameter("reason", failure.reason())
                    .setParameter("at", at)
                    .setParameter("id", claim.id())
                    .setParameter("owner", owner)
                    .setParameter("v", claim.leaseVersion());
            if (failure.graphErrorCode() != null) {
                update.setParameter("code", failure.graphErrorCode());
            }
            int updated = update.executeUpdate();
            if (updated == 1 && alsoInTransaction != null) {
                alsoInTransaction.run();
            }
            return updated == 1;
        });
    }

    /**
     * The events set aside for the given accounts, newest first.
     *
     * @param accountIds the accounts (a chatbot's pages)
     * @param limit the most to return
     * @return the events
     */
    public List<SetAsideEvent> setAside(Collection<String> accountIds, int limit) {
        if (accountIds.isEmpty()) {
            return List.of();
        }
        return transactions.requiresNew(em -> em.createQuery("select e from EventEntity e where e.status = 'SET_ASIDE'"
                        + " and e.accountId in :accounts order by e.completedAt desc, e.id desc", EventEntity.class)
                .setParameter("accounts", List.copyOf(accountIds))
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(e -> new SetAsideEvent(e.id, e.accountId, e.personId, e.metaTime, e.attempts, e.reason,
                        e.graphErrorCode, e.firstError, e.lastError, Utc.of(e.receivedAt), Utc.of(e.completedAt)))
                .toList());
    }

    /**
     * Queues events set aside again, for the given accounts only: one ({@code id} given) or all.
     * They are due at once, with their attempts counted from zero; an event whose reply was already
     * sent is not sent again.
     *
     * @param accountIds the accounts (a chatbot's pages)
     * @param id one event, or empty for all of them
     * @return how many were queued again
     */
    public int requeue(Collection<String> accountIds, Optional<Long> id) {
        if (accountIds.isEmpty()) {
            return 0;
        }
        LocalDateTime now = Utc.of(clock.instant());
        return transactions.requiresNew(em -> {
            // The operator decides: an outcome that was unknown is tried again (a reply known to have gone out never is).
            var update = em.createQuery("update EventEntity e set e.status = 'PENDING', e.attempts = 0,"
                            + " e.nextAttemptAt = :now, e.completedAt = null, e.sendStartedAt = null"
                            + " where e.status = 'SET_ASIDE'"
                            + " and e.accountId in :accounts" + (id.isPresent() ? " and e.id = :id" : ""))
                    .setParameter("now", now)
                    .setParameter("accounts", List.copyOf(accountIds));
            id.ifPresent(value -> update.setParameter("id", value));
            return update.executeUpdate();
        });
    }

    /** {@return how many events are in each state} */
    public Map<Status, Long> counts() {
        return transactions.requiresNew(em -> {
            Map<Status, Long> counts = new EnumMap<>(Status.class);
            for (Status s : Status.values()) {
                counts.put(s, 0L);
            }
            for (Object[] row : em.createQuery("select e.status, count(e) from EventEntity e group by e.status",
                    Object[].class).getResultList()) {
                counts.put(Status.valueOf((String) row[0]), ((Number) row[1]).longValue());
            }
            return counts;
        });
    }

    /** {@return when the oldest unfinished event arrived, if any} */
    public Optional<Instant> oldestUnfinished() {
        return transactions.requiresNew(em -> Optional.ofNullable(Utc.of(em.createQuery(
                "select min(e.receivedAt) from EventEntity e where e.status in ('PENDING', 'IN_PROGRESS')",
                LocalDateTime.class).getSingleResult())));
    }

    /**
     * Deletes finished events (done or set aside) that finished before {@code before}; their keys
     * go with them, so this is also the end of replay protection for them.
     *
     * @param before the cut-off
     * @return how many were deleted
     */
    public int purgeFinishedBefore(Instant before) {
        return transactions.requiresNew(em -> em.createQuery("delete from EventEntity e where e.status in ('DONE',"
                        + " 'SET_ASIDE') and e.completedAt < :before")
                .setParameter("before", Utc.of(before))
                .executeUpdate());
    }

    /**
     * Deletes every event of a person (data deletion), in any state.
     *
     * @param personId the person's id
     * @return how many were deleted
     */
    public int deletePerson(String personId) {
        return transactions.required(em -> deletePerson(em, personId));
    }

    /** {@link #deletePerson(String)} in {@code em}'s transaction. */
    static int deletePerson(EntityManager em, String personId) {
        return em.createQuery("delete from EventEntity e where e.personId = :p")
                .setParameter("p", personId)
                .executeUpdate();
    }

    /**
     * {@return the current row of an event, for tests and inspection}
     *
     * @param id the row
     */
    public Optional<Map<String, Object>> inspect(long id) {
        return transactions.requiresNew(em -> Optional.ofNullable(em.find(EventEntity.class, id)).map(e -> {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("status", e.status);
            m.put("attempts", e.attempts);
            m.put("reason", e.reason);
            m.put("sent_message_id", e.sentMessageId);
            m.put("graph_error_code", e.graphErrorCode);
            m.put("first_error", e.firstError);
            m.put("last_error", e.lastError);
            m.put("lease_version", e.leaseVersion);
            return m;
        }));
    }


    private static String truncate(String error) {
        return error.length() <= ERROR_LIMIT ? error : error.substring(0, ERROR_LIMIT);
    }
}
