package io.messengerkit.jakarta.persistence;

import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Conversations a human handles now ({@code messenger_conversation_handoff}, schema version 50),
 * shared by every instance. While a conversation is here and its quiet period has not ended, the
 * reply pipeline does not answer in it.
 *
 * <ul>
 *   <li>{@link #humanTookOver} starts (or prolongs) the quiet state: a Page-inbox echo, another app's
 *       echo, thread control passed to or taken by another app. Every new signal moves the end of the
 *       quiet period forward; the first one's time is kept as {@code since}.</li>
 *   <li>{@link #controlReturned} ends it: control passed back to (or taken by) this app, an operator's
 *       hand-back.</li>
 *   <li>The quiet period ends it by itself; {@link #purgeEnded} deletes such rows.</li>
 * </ul>
 */
public final class HumanHandoffs {
    /** Why a conversation is with a human (or another app). */
    public enum Reason {
        /** Someone answered by hand in the Page inbox. */
        HUMAN_REPLIED,
        /** Another app answered in the conversation. */
        OTHER_APP_REPLIED,
        /** Thread control went to another app (passed or taken). */
        CONTROL_LEFT
    }

    /**
     * A conversation with a human.
     *
     * @param chatbotId the chatbot that linked the page
     * @param pageId the page (or Instagram account) id
     * @param psid the person
     * @param reason what started (or last prolonged) the quiet state
     * @param appId the app in control or that answered, or null (the Page inbox, or not disclosed)
     * @param since when the quiet state began
     * @param lastSignal the last signal that a human handles it
     * @param quietUntil when the bot answers again unless a new signal comes
     */
    public record Handoff(String chatbotId, String pageId, String psid, Reason reason, String appId, Instant since,
            Instant lastSignal, Instant quietUntil) {
    }

    private final JpaTransactions transactions;
    private final Clock clock;

    /**
     * A store on the given transactions.
     *
     * @param transactions how to run work in a transaction
     * @param clock the time source
     */
    public HumanHandoffs(JpaTransactions transactions, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Starts or prolongs the quiet state of a conversation.
     *
     * @param chatbotId the chatbot that linked the page
     * @param pageId the page (or Instagram account) id
     * @param psid the person
     * @param reason what happened
     * @param appId the other app, or null
     * @param quietPeriod how long the bot stays quiet after this signal
     */
    public void humanTookOver(String chatbotId, String pageId, String psid, Reason reason, String appId,
            Duration quietPeriod) {
        Objects.requireNonNull(chatbotId, "chatbotId");
        Objects.requireNonNull(reason, "reason");
        Instant now = clock.instant();
        Instant until = now.plus(Objects.requireNonNull(quietPeriod, "quietPeriod"));
        String key = JpaConversationWindowStore.key(pageId, psid);
        if (prolong(key, chatbotId, reason, appId, now, until)) {
            return;
        }
        try {
            transactions.requiresNew(em -> {
                HandoffEntity row = new HandoffEntity();
                row.conversationKey = key;
                row.chatbotId = chatbotId;
                row.pageId = pageId;
                row.psid = psid;
                row.reason = reason.name();
                row.appId = appId;
                row.sinceAt = Utc.of(now);
                row.lastSignalAt = Utc.of(now);
                row.quietUntil = Utc.of(until);
                em.persist(row);
                em.flush();
                return null;
            });
        } catch (PersistenceException raced) {
            // Another instance inserted the row first: prolong it instead.
            prolong(key, chatbotId, reason, appId, now, until);
        }
    }

    private boolean prolong(String key, String chatbotId, Reason reason, String appId, Instant now, Instant until) {
        return transactions.requiresNew(em -> {
            HandoffEntity row = em.find(HandoffEntity.class, key);
            if (row == null) {
                return false;
            }
            if (!Utc.of(row.quietUntil).isAfter(now)) {
                // The earlier quiet state had ended: this one begins now.
                row.sinceAt = Utc.of(now);
            }
            row.chatbotId = chatbotId;
            row.reason = reason.name();
            row.appId = appId;
            row.lastSignalAt = Utc.of(now);
            if (Utc.of(row.quietUntil).isBefore(until)) {
                row.quietUntil = Utc.of(until);
            }
            return true;
        });
    }

    /**
     * Ends the quiet state of a conversation (control came back to this app).
     *
     * @param pageId the page (or Instagram account) id
     * @param psid the person
     * @return true when the conversation was with a human
     */
    public boolean controlReturned(String pageId, String psid) {
        String key = JpaConversationWindowStore.key(pageId, psid);
        Instant now = clock.instant();
        return transactions.requiresNew(em -> {
            HandoffEntity row = em.find(HandoffEntity.class, key);
            if (row == null) {
                return false;
            }
            boolean active = Utc.of(row.quietUntil).isAfter(now);
            em.remove(row);
            return active;
        });
    }

    /**
     * {@return the quiet state of a conversation, empty when the bot may answer}
     *
     * @param pageId the page (or Instagram account) id
     * @param psid the person
     */
    public Optional<Handoff> active(String pageId, String psid) {
        Instant now = clock.instant();
        return transactions.requiresNew(em -> Optional.ofNullable(em.find(HandoffEntity.class,
                        JpaConversationWindowStore.key(pageId, psid)))
                .filter(row -> Utc.of(row.quietUntil).isAfter(now))
                .map(HumanHandoffs::toHandoff));
    }

    /**
     * {@return the conversations of a chatbot that are with a human now, the most recent signal first}
     *
     * @param chatbotId the chatbot
     * @param limit most rows returned
     */
    public List<Handoff> activeFor(String chatbotId, int limit) {
        Instant now = clock.instant();
        return transactions.requiresNew(em -> em.createQuery("select h from HandoffEntity h where h.chatbotId = :bot"
                        + " and h.quietUntil > :now order by h.lastSignalAt desc, h.conversationKey", HandoffEntity.class)
                .setParameter("bot", Objects.requireNonNull(chatbotId, "chatbotId"))
                .setParameter("now", Utc.of(now))
                .setMaxResults(limit)
                .getResultList().stream().map(HumanHandoffs::toHandoff).toList());
    }

    /**
     * Deletes rows whose quiet period has ended.
     *
     * @return the number of rows deleted
     */
    public int purgeEnded() {
        Instant now = clock.instant();
        return transactions.requiresNew(em -> em.createQuery("delete from HandoffEntity h where h.quietUntil <= :now")
                .setParameter("now", Utc.of(now))
                .executeUpdate());
    }

    private static Handoff toHandoff(HandoffEntity row) {
        return new Handoff(row.chatbotId, row.pageId, row.psid, Reason.valueOf(row.reason), row.appId,
                Utc.of(row.sinceAt), Utc.of(row.lastSignalAt), Utc.of(row.quietUntil));
    }
}
