package io.messengerkit.jakarta.persistence;

import io.messengerkit.token.TokenStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The few aggregate reads that health probes and metrics need: is the database there, how far behind is the
 * webhook inbox, and in what state are the linked accounts, pages and their tokens. Counts only: no ids, no
 * names, nothing a public probe must not show.
 */
public final class HealthQueries {

    /**
     * The webhook inbox at one moment.
     *
     * @param pending deliveries waiting to be processed (including those waiting for a retry)
     * @param processing deliveries claimed by a worker right now
     * @param setAside deliveries given up on (broken JSON, attempts exhausted), kept for inspection
     * @param oldestUnprocessedAt when the oldest pending or processing delivery arrived; empty when none waits
     */
    public record InboxBacklog(long pending, long processing, long setAside, Optional<Instant> oldestUnprocessedAt) {

        /**
         * {@return how long the oldest unprocessed delivery has waited at {@code now}; zero when none waits}
         *
         * @param now the time to measure at
         */
        public Duration oldestAge(Instant now) {
            return oldestUnprocessedAt.map(at -> Duration.between(at, now)).filter(d -> !d.isNegative()).orElse(Duration.ZERO);
        }
    }

    /**
     * Linked accounts, linked pages and stored tokens, counted by state.
     *
     * @param accounts linked accounts by status
     * @param pages linked (not unlinked) pages by status
     * @param tokens stored tokens by status
     * @param tokensExpiringSoon valid tokens whose known expiry falls within the asked window
     * @param lastCheckedAt when the scheduled subscription and token check last looked at any page or account
     */
    public record LinkHealth(Map<LinkStatus, Long> accounts, Map<LinkStatus, Long> pages, Map<TokenStatus, Long> tokens,
            long tokensExpiringSoon, Optional<Instant> lastCheckedAt) {

        /** Copies the maps. */
        public LinkHealth {
            accounts = Collections.unmodifiableMap(new EnumMap<>(accounts));
            pages = Collections.unmodifiableMap(new EnumMap<>(pages));
            tokens = Collections.unmodifiableMap(new EnumMap<>(tokens));
        }
    }

    private final JpaTransactions transactions;
    private final Clock clock;

    /**
     * Queries over {@code transactions}.
     *
     * @param transactions how to reach the database
     * @param clock the time source
     */
    public HealthQueries(JpaTransactions transactions, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Opens a transaction and reads one row of the inbox table, which proves the connection works and the
     * schema is there. Throws whatever the provider throws when it cannot.
     */
    public void ping() {
        transactions.requiresNew(em -> em.createQuery("select count(r) from InboxEntity r where r.id = 0", Long.class)
                .getSingleResult());
    }

    /** {@return the backlog now: stored deliveries not yet split, plus the events not yet handled (set aside: both failed deliveries and events)} */
    public InboxBacklog inbox() {
        return transactions.requiresNew(em -> {
            long pending = 0;
            long processing = 0;
            long failed = 0;
            for (Object[] row : em.createQuery("select r.state, count(r) from InboxEntity r where r.state <> 'DONE'"
                    + " group by r.state", Object[].class).getResultList()) {
                long count = ((Number) row[1]).longValue();
                switch (String.valueOf(row[0])) {
                    case "PENDING" -> pending = count;
                    case "PROCESSING" -> processing = count;
                    case "FAILED" -> failed = count;
                    default -> { }
                }
            }
            // The events the deliveries were split into: waiting, being handled, set aside.
            for (Object[] row : em.createQuery("select e.status, count(e) from EventEntity e where e.status <> 'DONE'"
                    + " group by e.status", Object[].class).getResultList()) {
                long count = ((Number) row[1]).longValue();
                switch (String.valueOf(row[0])) {
                    case "PENDING" -> pending += count;
                    case "IN_PROGRESS" -> processing += count;
                    case "SET_ASIDE" -> failed += count;
                    default -> { }
                }
            }
            LocalDateTime oldest = em.createQuery("select min(r.receivedAt) from InboxEntity r"
                    + " where r.state = 'PENDING' or r.state = 'PROCESSING'", LocalDateTime.class).getSingleResult();
            LocalDateTime oldestEvent = em.createQuery("select min(e.receivedAt) from EventEntity e"
                    + " where e.status = 'PENDING' or e.status = 'IN_PROGRESS'", LocalDateTime.class).getSingleResult();
            if (oldest == null || (oldestEvent != null && oldestEvent.isBefore(oldest))) {
                oldest = oldestEvent;
            }
            return new InboxBacklog(pending, processing, failed, Optional.ofNullable(Utc.of(oldest)));
        });
    }

    /**
     * {@return linked accounts, pages and tokens by state now}
     *
     * @param expiringWithin how far ahead a valid token's expiry counts as soon
     */
    public LinkHealth links(Duration expiringWithin) {
        LocalDateTime now = Utc.of(clock.instant());
        LocalDateTime soon = Utc.of(clock.instant().plus(expiringWithin));
        return transactions.requiresNew(em -> {
            Map<LinkStatus, Long> accounts = zeros(LinkStatus.class);
            for (Object[] row : em.createQuery("select a.status, count(a) from AccountEntity a group by a.status",
                    Object[].class).getResultList()) {
                accounts.put(LinkStatus.valueOf((String) row[0]), ((Number) row[1]).longValue());
            }
            Map<LinkStatus, Long> pages = zeros(LinkStatus.class);
            for (Object[] row : em.createQuery("select p.status, count(p) from PageEntity p where p.active = true"
                    + " group by p.status", Object[].class).getResultList()) {
                pages.put(LinkStatus.valueOf((String) row[0]), ((Number) row[1]).longValue());
            }
            Map<TokenStatus, Long> tokens = zeros(TokenStatus.class);
            for (Object[] row : em.createQuery("select t.status, count(t) from TokenEntity t group by t.status",
                    Object[].class).getResultList()) {
                tokens.put(TokenStatus.valueOf((String) row[0]), ((Number) row[1]).longValue());
            }
            long expiring = em.createQuery("select count(t) from TokenEntity t where t.status = 'VALID'"
                            + " and t.expiresAt is not null and t.expiresAt > :now and t.expiresAt <= :soon", Long.class)
                    .setParameter("now", now)
                    .setParameter("soon", soon)
                    .getSingleResult();
            LocalDateTime pageChecked = em.createQuery("select max(p.checkedAt) from PageEntity p where p.active = true",
                    LocalDateTime.class).getSingleResult();
            LocalDateTime accountChecked = em.createQuery("select max(a.checkedAt) from AccountEntity a",
                    LocalDateTime.class).getSingleResult();
            LocalDateTime last = pageChecked == null ? accountChecked
                    : accountChecked == null || pageChecked.isAfter(accountChecked) ? pageChecked : accountChecked;
            return new LinkHealth(accounts, pages, tokens, expiring, Optional.ofNullable(Utc.of(last)));
        });
    }

    private static <E extends Enum<E>> Map<E, Long> zeros(Class<E> type) {
        Map<E, Long> map = new EnumMap<>(type);
        for (E value : type.getEnumConstants()) {
            map.put(value, 0L);
        }
        return map;
    }
}
