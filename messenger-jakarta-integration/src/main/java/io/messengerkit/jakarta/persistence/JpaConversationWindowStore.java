package io.messengerkit.jakarta.persistence;

import io.messengerkit.send.ConversationWindowStore;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The messaging window store in the database ({@code messenger_conversation_window}, schema
 * version 30), shared by every instance: what one instance records from a webhook, another sees
 * before it sends. A recording only moves the instant forward, so out-of-order and concurrent
 * deliveries keep the latest one.
 *
 * <pre>{@code
 * MessagingWindowPolicy policy = MessagingWindowPolicy.builder()
 *         .store(new JpaConversationWindowStore(transactions))
 *         .build();
 * }</pre>
 */
public final class JpaConversationWindowStore implements ConversationWindowStore {
    private final JpaTransactions transactions;

    /**
     * A store on the given transactions.
     *
     * @param transactions how to run work in a transaction
     */
    public JpaConversationWindowStore(JpaTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    static String key(String pageId, String psid) {
        return Objects.requireNonNull(pageId, "pageId") + ":" + Objects.requireNonNull(psid, "psid");
    }

    @Override
    public void recordInbound(String pageId, String psid, Instant at) {
        Objects.requireNonNull(at, "at");
        String key = key(pageId, psid);
        if (moveForward(key, at) || exists(key)) {
            return;
        }
        try {
            transactions.requiresNew(em -> {
                em.persist(new ConversationWindowEntity(pageId, psid, at));
                em.flush();
                return null;
            });
        } catch (PersistenceException raced) {
            // Another instance inserted the row first: keep whichever instant is later.
            moveForward(key, at);
        }
    }

    private boolean moveForward(String key, Instant at) {
        return transactions.requiresNew(em -> em.createQuery("update ConversationWindowEntity w"
                        + " set w.lastInboundAt = :at where w.conversationKey = :key and w.lastInboundAt < :at")
                .setParameter("at", Utc.of(at))
                .setParameter("key", key)
                .executeUpdate() == 1);
    }

    private boolean exists(String key) {
        return transactions.requiresNew(em -> em.find(ConversationWindowEntity.class, key) != null);
    }

    @Override
    public Optional<Instant> lastInbound(String pageId, String psid) {
        return transactions.requiresNew(em -> Optional.ofNullable(em.find(ConversationWindowEntity.class,
                key(pageId, psid))).map(row -> Utc.of(row.lastInboundAt)));
    }

    /**
     * Deletes the rows no window rule can use any more (last interaction older than {@code keep}).
     *
     * @param now the current time
     * @param keep how far back to keep, at least 7 days
     * @return the number of rows deleted
     */
    public int purgeOlderThan(Instant now, Duration keep) {
        if (keep.compareTo(Duration.ofDays(7)) < 0) {
            throw new IllegalArgumentException("keep at least 7 days: HUMAN_AGENT looks that far back");
        }
        return transactions.requiresNew(em -> em.createQuery(
                        "delete from ConversationWindowEntity w where w.lastInboundAt < :before")
                .setParameter("before", Utc.of(now.minus(keep)))
                .executeUpdate());
    }
}
