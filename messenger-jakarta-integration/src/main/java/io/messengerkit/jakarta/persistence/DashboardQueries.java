package io.messengerkit.jakarta.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The operator's figures of one chatbot over a range of UTC days, read from the message log:
 * messages per day, reply-latency percentiles and failed sends by Graph error code. Every query
 * is scoped by chatbot id and runs on H2, PostgreSQL and MariaDB under either JPA provider.
 *
 * <p>Definitions, so the figures mean the same to everyone who reads them:
 * <ul>
 * <li><b>inbound</b>: turns started by a person, a message counted once however often its
 *     delivery was retried (postback and reaction turns, which have no message id, once each);</li>
 * <li><b>outbound</b>: answers Meta accepted;</li>
 * <li><b>failed</b>: turns whose answer could not be produced or sent, each attempt counted;</li>
 * <li><b>reply latency</b>: from Meta's timestamp of a message to Meta accepting the answer
 *     (message turns only), as nearest-rank percentiles.</li>
 * </ul>
 */
public final class DashboardQueries {
    /** The longest range one call reads. */
    public static final int MAX_DAYS = 90;

    /**
     * One UTC day.
     *
     * @param day the day
     * @param inbound turns started by a person
     * @param outbound answers Meta accepted
     * @param failed failed turns
     */
    public record DayCount(LocalDate day, long inbound, long outbound, long failed) {
    }

    /**
     * Reply-latency percentiles (nearest rank) over the range.
     *
     * @param samples answered message turns measured
     * @param p50 the median
     * @param p90 90th percentile
     * @param p99 99th percentile
     */
    public record ReplyLatency(long samples, Duration p50, Duration p90, Duration p99) {
    }

    /**
     * Failed turns with one Graph error code.
     *
     * @param graphCode Meta's error code; empty when the failure had none (connection failure,
     *     chatbot error)
     * @param count failed turns
     */
    public record FailureCount(Optional<Integer> graphCode, long count) {
    }

    /**
     * The figures of one range.
     *
     * @param from first day, UTC
     * @param to last day, UTC
     * @param days every day of the range, oldest first, zeros included
     * @param latency percentiles, empty when no answered message turn was measured
     * @param failures failed turns by code, most frequent first
     * @param byPlatform logged turns by platform ({@code messenger}, {@code instagram}), both always present
     */
    public record MessageFigures(LocalDate from, LocalDate to, List<DayCount> days, Optional<ReplyLatency> latency,
            List<FailureCount> failures, Map<String, Long> byPlatform) {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param from first day, UTC
         * @param to last day, UTC
         * @param days every day of the range, oldest first, zeros included
         * @param latency percentiles, empty when no answered message turn was measured
         * @param failures failed turns by code, most frequent first
         * @param byPlatform logged turns by platform
         */
        public MessageFigures {
            days = List.copyOf(days);
            failures = List.copyOf(failures);
            byPlatform = byPlatform == null ? Map.of() : java.util.Collections.unmodifiableMap(
                    new java.util.LinkedHashMap<>(byPlatform));
        }

        /**
         * Figures without platform counts.
         *
         * @param from first day, UTC
         * @param to last day, UTC
         * @param days every day of the range
         * @param latency percentiles
         * @param failures failed turns by code
         */
        public MessageFigures(LocalDate from, LocalDate to, List<DayCount> days, Optional<ReplyLatency> latency,
                List<FailureCount> failures) {
            this(from, to, days, latency, failures, Map.of());
        }

        /** {@return the sums over every day of the range} */
        public DayCount totals() {
            return new DayCount(to, days.stream().mapToLong(DayCount::inbound).sum(),
                    days.stream().mapToLong(DayCount::outbound).sum(), days.stream().mapToLong(DayCount::failed).sum());
        }
    }

    private static final String FILTER = " where m.chatbotId = :c and m.receivedAt >= :from and m.receivedAt < :until";

    private final JpaTransactions transactions;

    /**
     * Queries over {@code transactions}.
     *
     * @param transactions runs units of work in database transactions
     */
    public DashboardQueries(JpaTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /**
     * The figures of a chatbot for the UTC days {@code from} to {@code to}, both included.
     *
     * @param chatbotId the chatbot (tenant) id
     * @param from first day
     * @param to last day, not before {@code from} and at most {@link #MAX_DAYS} days after it
     * @return the figures
     */
    public MessageFigures figures(String chatbotId, LocalDate from, LocalDate to) {
        Objects.requireNonNull(chatbotId, "chatbotId");
        if (to.isBefore(from) || from.plusDays(MAX_DAYS - 1).isBefore(to)) {
            throw new IllegalArgumentException("a range of 1 to " + MAX_DAYS + " days, not " + from + " to " + to);
        }
        LocalDateTime start = from.atStartOfDay();
        LocalDateTime until = to.plusDays(1).atStartOfDay();
        return transactions.required(em -> new MessageFigures(from, to, days(em, chatbotId, from, to),
                latency(em, chatbotId, start, until), failures(em, chatbotId, start, until),
                platforms(em, chatbotId, start, until)));
    }

    private static List<DayCount> days(EntityManager em, String chatbotId, LocalDate from, LocalDate to) {
        // Native for the day: CAST(... AS DATE) is understood by H2, PostgreSQL and MariaDB alike, JPQL 3.1 has none.
        var query = em.createNativeQuery("SELECT CAST(received_at AS DATE),"
                + " COUNT(DISTINCT inbound_mid) + SUM(CASE WHEN inbound_mid IS NULL THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN status = 'REPLIED' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END)"
                + " FROM messenger_message_log WHERE chatbot_id = ? AND received_at >= ? AND received_at < ?"
                + " GROUP BY CAST(received_at AS DATE)");
        query.setParameter(1, chatbotId);
        query.setParameter(2, Timestamp.valueOf(from.atStartOfDay()));
        query.setParameter(3, Timestamp.valueOf(to.plusDays(1).atStartOfDay()));
        Map<LocalDate, DayCount> found = new HashMap<>();
        for (Object row : query.getResultList()) {
            Object[] cells = (Object[]) row;
            LocalDate day = day(cells[0]);
            found.put(day, new DayCount(day, number(cells[1]), number(cells[2]), number(cells[3])));
        }
        List<DayCount> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.add(found.getOrDefault(day, new DayCount(day, 0, 0, 0)));
        }
        return days;
    }

    private static Optional<ReplyLatency> latency(EntityManager em, String chatbotId, LocalDateTime start,
            LocalDateTime until) {
        String measured = FILTER + " and m.replyLatencyMs is not null";
        long samples = bind(em.createQuery("select count(m) from MessageLogEntity m" + measured, Long.class),
                chatbotId, start, until).getSingleResult();
        if (samples == 0) {
            return Optional.empty();
        }
        // Nearest rank: the value at position ceil(p * n) of the ascending order, read one row at a time.
        TypedQuery<Long> ordered = bind(em.createQuery("select m.replyLatencyMs from MessageLogEntity m" + measured
                + " order by m.replyLatencyMs", Long.class), chatbotId, start, until);
        Duration[] percentiles = new Duration[3];
        int[] ranks = {50, 90, 99};
        for (int i = 0; i < ranks.length; i++) {
            long rank = Math.max(1, (samples * ranks[i] + 99) / 100);
            long millis = ordered.setFirstResult((int) Math.min(Integer.MAX_VALUE, rank - 1)).setMaxResults(1)
                    .getSingleResult();
            percentiles[i] = Duration.ofMillis(millis);
        }
        return Optional.of(new ReplyLatency(samples, percentiles[0], percentiles[1], percentiles[2]));
    }

    private static List<FailureCount> failures(EntityManager em, String chatbotId, LocalDateTime start,
            LocalDateTime until) {
        var query = bind(em.createQuery("select m.errorCode, count(m) from MessageLogEntity m" + FILTER
                + " and m.status = :failed group by m.errorCode", Object[].class), chatbotId, start, until);
        query.setParameter("failed", MessageLog.Status.FAILED.name());
        List<FailureCount> failures = new ArrayList<>();
        for (Object[] row : query.getResultList()) {
            failures.add(new FailureCount(Optional.ofNullable((Integer) row[0]), number(row[1])));
        }
        failures.sort(Comparator.comparingLong(FailureCount::count).reversed()
                .thenComparing(f -> f.graphCode().orElse(Integer.MAX_VALUE)));
        return failures;
    }

    private static Map<String, Long> platforms(EntityManager em, String chatbotId, LocalDateTime start,
            LocalDateTime until) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (MessageLog.Platform p : MessageLog.Platform.values()) {
            counts.put(p.wireName(), 0L);
        }
        var query = bind(em.createQuery("select m.platform, count(m) from MessageLogEntity m" + FILTER
                + " group by m.platform", Object[].class), chatbotId, start, until);
        for (Object[] row : query.getResultList()) {
            counts.put(String.valueOf(row[0]), number(row[1]));
        }
        return counts;
    }

    private static <T> TypedQuery<T> bind(TypedQuery<T> query, String chatbotId, LocalDateTime start,
            LocalDateTime until) {
        return query.setParameter("c", chatbotId).setParameter("from", start).setParameter("until", until);
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static LocalDate day(Object value) {
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        return LocalDate.parse(String.valueOf(value).substring(0, 10));
    }
}
