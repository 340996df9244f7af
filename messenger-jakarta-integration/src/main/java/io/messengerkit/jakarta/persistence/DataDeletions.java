package io.messengerkit.jakarta.persistence;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Data-deletion requests (table {@code messenger_data_deletion}), answerable by confirmation code. */
public final class DataDeletions {
    /**
     * A recorded request.
     *
     * @param confirmationCode the code given to Meta
     * @param status {@code completed}
     * @param accountsDeleted linked accounts deleted
     * @param pagesDeleted page links deleted
     * @param tokensDeleted tokens deleted
     * @param requestedAt when Meta asked
     * @param completedAt when the deletion finished
     */
    public record Request(String confirmationCode, String status, int accountsDeleted, int pagesDeleted,
            int tokensDeleted, Instant requestedAt, Optional<Instant> completedAt) {
    }

    private final JpaTransactions transactions;
    private final Clock clock;

    /**
     * The requests table, reached through {@code transactions}.
     *
     * @param transactions runs units of work in database transactions
     * @param clock the time source
     */
    public DataDeletions(JpaTransactions transactions, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records a completed deletion request.
     *
     * @param confirmationCode the code given to Meta
     * @param userHash the hash of the user id
     * @param accounts accounts deleted
     * @param pages page links removed
     * @param tokens tokens deleted
     * @param requestedAt when Meta asked
     * @return the recorded request
     */
    public Request record(String confirmationCode, String userHash, int accounts, int pages, int tokens, Instant requestedAt) {
        DataDeletionEntity row = new DataDeletionEntity();
        row.confirmationCode = confirmationCode;
        row.userHash = userHash;
        row.status = "completed";
        row.accountsDeleted = accounts;
        row.pagesDeleted = pages;
        row.tokensDeleted = tokens;
        row.requestedAt = Utc.of(requestedAt);
        row.completedAt = Utc.of(clock.instant());
        transactions.run(em -> em.persist(row));
        return toRequest(row);
    }

    /**
     * Deletes what the message log and the event queue hold of one person: their events (raw bodies
     * included) and the log rows of their conversations. Stored deliveries are not searched; they are
     * deleted with every other delivery after {@code MESSENGER_INBOX_RETENTION}.
     *
     * @param personId the person's id (as Meta sent it: app-scoped, page-scoped or Instagram-scoped)
     * @param sessionIds the session ids of the person's conversations in the message log
     * @return rows deleted
     */
    public int erasePerson(String personId, java.util.Collection<String> sessionIds) {
        return transactions.required(em -> EventQueue.deletePerson(em, personId)
                + (sessionIds.isEmpty() ? 0 : em.createQuery("delete from MessageLogEntity m where m.sessionId in :s")
                        .setParameter("s", List.copyOf(sessionIds)).executeUpdate()));
    }

    /**
     * Looks a request up by its confirmation code.
     *
     * @param confirmationCode the code given to Meta
     * @return the request, or empty
     */
    public Optional<Request> find(String confirmationCode) {
        return transactions.required(em -> Optional.ofNullable(em.find(DataDeletionEntity.class, confirmationCode))
                .map(DataDeletions::toRequest));
    }

    private static Request toRequest(DataDeletionEntity row) {
        return new Request(row.confirmationCode, row.status, row.accountsDeleted, row.pagesDeleted, row.tokensDeleted,
                Utc.of(row.requestedAt), Optional.ofNullable(Utc.of(row.completedAt)));
    }
}
