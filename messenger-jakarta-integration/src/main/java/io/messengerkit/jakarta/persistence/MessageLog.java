package io.messengerkit.jakarta.persistence;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The message log (table {@code messenger_message_log}): one row per conversation turn, written
 * by the reply flow, read by the summary endpoint. Every read is scoped by chatbot id.
 */
public final class MessageLog {
    /** How a turn ended. */
    public enum Status {
        /** The chatbot answered and Meta accepted the reply. */
        REPLIED,
        /** The chatbot had nothing to say. */
        NO_REPLY,
        /** The chatbot or the Send API failed. */
        FAILED
    }

    /**
     * One logged turn.
     *
     * @param chatbotId the chatbot
     * @param pageId the page that received the message
     * @param sessionId {@code messenger-<psid>}, as in the seed
     * @param inboundMid Meta's id of the user's message
     * @param inboundText what the user wrote
     * @param outboundText what the chatbot answered, if anything
     * @param messageId Meta's id of the reply, if sent
     * @param status how the turn ended
     * @param errorCode Graph error code of a failed send, if any
     * @param errorDetail short reason of a failure, never a token
     * @param receivedAt when the user's message was received
     * @param repliedAt when the reply was sent
     */
    public record Entry(String chatbotId, String pageId, String sessionId, String inboundMid, String inboundText,
            String outboundText, String messageId, Status status, Integer errorCode, String errorDetail,
            Instant receivedAt, Instant repliedAt, Platform platform) {
        /**
         * Creates the record; a null platform is Messenger.
         *
         * @param chatbotId the chatbot
         * @param pageId the page, or the Instagram account, the person wrote to
         * @param sessionId the conversation's session id
         * @param inboundMid the inbound message id
         * @param inboundText what the person wrote
         * @param outboundText the reply
         * @param messageId the reply's message id
         * @param status the outcome
         * @param errorCode Graph error code of a failed reply
         * @param errorDetail what went wrong
         * @param receivedAt when the message was sent
         * @param repliedAt when the reply was accepted
         * @param platform Messenger or Instagram
         */
        public Entry {
            platform = platform == null ? Platform.MESSENGER : platform;
        }

        /**
         * A Messenger turn.
         *
         * @param chatbotId the chatbot
         * @param pageId the page
         * @param sessionId the conversation's session id
         * @param inboundMid the inbound message id
         * @param inboundText what the person wrote
         * @param outboundText the reply
         * @param messageId the reply's message id
         * @param status the outcome
         * @param errorCode Graph error code of a failed reply
         * @param errorDetail what went wrong
         * @param receivedAt when the message was sent
         * @param repliedAt when the reply was accepted
         */
        public Entry(String chatbotId, String pageId, String sessionId, String inboundMid, String inboundText,
                String outboundText, String messageId, Status status, Integer errorCode, String errorDetail,
                Instant receivedAt, Instant repliedAt) {
            this(chatbotId, pageId, sessionId, inboundMid, inboundText, outboundText, messageId, status, errorCode,
                    errorDetail, receivedAt, repliedAt, Platform.MESSENGER);
        }

        /**
         * {@return this turn on another platform}
         *
         * @param value Messenger or Instagram
         */
        public Entry withPlatform(Platform value) {
            return new Entry(chatbotId, pageId, sessionId, inboundMid, inboundText, outboundText, messageId, status,
                    errorCode, errorDetail, receivedAt, repliedAt, value);
        }
    }

    /** Where a conversation turn happened. */
    public enum Platform {
        /** Messenger: the person wrote to a Facebook Page. */
        MESSENGER,
        /** Instagram: the person wrote to the Instagram account connected to a linked Page. */
        INSTAGRAM;

        /** {@return the stored and shown name: {@code messenger} or {@code instagram}} */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Platform of(String stored) {
            return "instagram".equals(stored) ? INSTAGRAM : MESSENGER;
        }
    }

    /**
     * One page of history plus the counts over the whole filtered history.
     *
     * @param entries newest first
     * @param total rows matching the filter
     * @param byPage counts per page id
     * @param byStatus counts per status
     * @param byDay counts per UTC day (newest first)
     */
    public record Summary(List<Entry> entries, long total, Map<String, Long> byPage, Map<String, Long> byStatus,
            Map<String, Long> byDay, Map<String, Long> byPlatform) {
        /**
         * A summary without platform counts.
         *
         * @param entries the entries
         * @param total how many
         * @param byPage counts by page
         * @param byStatus counts by status
         * @param byDay counts by day
         */
        public Summary(List<Entry> entries, long total, Map<String, Long> byPage, Map<String, Long> byStatus,
                Map<String, Long> byDay) {
            this(entries, total, byPage, byStatus, byDay, Map.of());
        }
    }

    private static final int TEXT_LIMIT = 20000;

    private final JpaTransactions transactions;
    private final Clock clock;

    /**
     * The log over {@code transactions}.
     *
     * @param transactions runs units of work in database transactions
     * @param clock the time source
     */
    public MessageLog(JpaTransactions transactions, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Writes one turn.
     *
     * @param entry the turn
     */
    public void append(Entry entry) {
        append(entry, null);
    }

    /**
     * Writes the one row of an inbound event, when the event is finished.
     *
     * @param entry the turn
     * @param attempts how many attempts the event took, or null when not known
     */
    public void append(Entry entry, Integer attempts) {
        MessageLogEntity row = new MessageLogEntity();
        row.chatbotId = entry.chatbotId();
        row.pageId = entry.pageId();
        row.sessionId = entry.sessionId();
        row.inboundMid = entry.inboundMid();
        row.inboundText = cut(entry.inboundText());
        row.outboundText = cut(entry.outboundText());
        row.messageId = entry.messageId();
        row.status = entry.status().name();
        row.errorCode = entry.errorCode();
        row.errorDetail = entry.errorDetail() == null ? null
                : entry.errorDetail().substring(0, Math.min(1000, entry.errorDetail().length()));
        row.receivedAt = Utc.of(entry.receivedAt() != null ? entry.receivedAt() : clock.instant());
        row.repliedAt = Utc.of(entry.repliedAt());
        row.replyLatencyMs = replyLatencyMillis(entry);
        row.platform = entry.platform().wireName();
        row.attempts = attempts;
        transactions.run(em -> em.persist(row));
    }

    /**
     * Writes the one row of an inbound event, replacing the row an earlier ending of the same event
     * wrote (an event set aside, then queued again by an operator and handled).
     *
     * @param entry the turn, with its inbound message id
     * @param attempts how many attempts the event took
     */
    public void replace(Entry entry, Integer attempts) {
        transactions.run(em -> {
            if (entry.inboundMid() != null) {
                em.createQuery("delete from MessageLogEntity m where m.pageId = :p and m.inboundMid = :mid")
                        .setParameter("p", entry.pageId())
                        .setParameter("mid", entry.inboundMid())
                        .executeUpdate();
            }
            append(entry, attempts);
        });
    }

    /**
     * How long a person waited for the answer to a message: from Meta's timestamp of the message to
     * the Send API accepting the reply. Only message turns carry Meta's timestamp (postback and
     * reaction turns have no message id and are logged at the time of the answer), so only they
     * have a latency. A clock running behind Meta's cannot make it negative.
     */
    static Long replyLatencyMillis(Entry entry) {
        if (entry.inboundMid() == null || entry.receivedAt() == null || entry.repliedAt() == null) {
            return null;
        }
        return Math.max(0L, entry.repliedAt().toEpochMilli() - entry.receivedAt().toEpochMilli());
    }

    /**
     * History of a chatbot, newest first, with counts.
     *
     * @param chatbotId the chatbot (tenant) id
     * @param pageId only this page, if given
     * @param offset rows to skip
     * @param limit rows to return
     * @return the page of history and the counts
     */
    public Summary summary(String chatbotId, Optional<String> pageId, int offset, int limit) {
        return transactions.required(em -> {
            String filter = " where m.chatbotId = :c" + (pageId.isPresent() ? " and m.pageId = :p" : "");
            var rows = em.createQuery("select m from MessageLogEntity m" + filter + " order by m.receivedAt desc, m.id desc",
                    MessageLogEntity.class);
            var count = em.createQuery("select count(m) from MessageLogEntity m" + filter, Long.class);
            var byPage = em.createQuery("select m.pageId, count(m) from MessageLogEntity m" + filter
                    + " group by m.pageId order by m.pageId", Object[].class);
            var byStatus = em.createQuery("select m.status, count(m) from MessageLogEntity m" + filter
                    + " group by m.status order by m.status", Object[].class);
            var byPlatform = em.createQuery("select m.platform, count(m) from MessageLogEntity m" + filter
                    + " group by m.platform order by m.platform", Object[].class);
            for (var q : List.of(rows, count, byPage, byStatus, byPlatform)) {
                q.setParameter("c", chatbotId);
                pageId.ifPresent(p -> q.setParameter("p", p));
            }
            List<Entry> entries = new ArrayList<>();
            for (MessageLogEntity r : rows.setFirstResult(offset).setMaxResults(limit).getResultList()) {
                entries.add(new Entry(r.chatbotId, r.pageId, r.sessionId, r.inboundMid, r.inboundText, r.outboundText,
                        r.messageId, Status.valueOf(r.status), r.errorCode, r.errorDetail, Utc.of(r.receivedAt),
                        Utc.of(r.repliedAt), Platform.of(r.platform)));
            }
            // Days through native SQL: CAST(... AS DATE) is understood by H2 and PostgreSQL alike, JPQL 3.1 has no date cast.
            var days = em.createNativeQuery("SELECT CAST(received_at AS DATE), COUNT(*) FROM messenger_message_log"
                    + " WHERE chatbot_id = ?" + (pageId.isPresent() ? " AND page_id = ?" : "")
                    + " GROUP BY CAST(received_at AS DATE) ORDER BY 1 DESC");
            days.setParameter(1, chatbotId);
            pageId.ifPresent(p -> days.setParameter(2, p));
            Map<String, Long> byDay = new LinkedHashMap<>();
            for (Object row : days.setMaxResults(90).getResultList()) {
                Object[] cells = (Object[]) row;
                byDay.put(day(cells[0]), ((Number) cells[1]).longValue());
            }
            return new Summary(entries, count.getSingleResult(), counts(byPage.getResultList()),
                    counts(byStatus.getResultList()), byDay, counts(byPlatform.getResultList()));
        });
    }

    /**
     * Deletes a chatbot's history for one page or all pages (data deletion).
     *
     * @param chatbotId the chatbot (tenant) id
     * @return how many rows were deleted
     */
    public int delete(String chatbotId) {
        return transactions.required(em -> em.createQuery("delete from MessageLogEntity m where m.chatbotId = :c")
                .setParameter("c", chatbotId).executeUpdate());
    }

    private static Map<String, Long> counts(List<Object[]> rows) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Object[] r : rows) {
            counts.put(String.valueOf(r[0]), ((Number) r[1]).longValue());
        }
        return counts;
    }

    private static String day(Object value) {
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        return String.valueOf(value).substring(0, 10);
    }

    private static String cut(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= TEXT_LIMIT ? text : text.substring(0, TEXT_LIMIT);
    }
}
