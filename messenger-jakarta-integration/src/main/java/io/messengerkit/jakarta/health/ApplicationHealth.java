package io.messengerkit.jakarta.health;

import io.messengerkit.config.GraphApiVersion;
import io.messengerkit.jakarta.config.ConfigLookup;
import io.messengerkit.jakarta.persistence.HealthQueries;
import io.messengerkit.jakarta.persistence.LinkStatus;
import io.messengerkit.token.TokenStatus;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Liveness and readiness of a Messenger backend, for load balancers, Kubernetes probes and operators.
 *
 * <p><b>Liveness</b> ({@code threads}) fails only for what a restart fixes: deadlocked threads. It never
 * touches the database, so a database outage does not make an orchestrator restart every instance.
 *
 * <p><b>Readiness</b> fails (503) when this instance cannot take webhooks: the database is unreachable (a
 * delivery could not be stored before answering Meta), or, when the operator set a limit, the oldest unprocessed
 * delivery is older than that limit. The other checks report what an operator must look at without taking the
 * instance out of service, because taking every instance out would turn one bad page into a total outage:
 * <ul>
 *   <li>{@code webhook-inbox}: deliveries pending and in processing, the age of the oldest, deliveries set aside;</li>
 *   <li>{@code pages-and-tokens}: linked accounts, pages and stored tokens by state (from the scheduled
 *       subscription and token check), tokens expiring within a week, whether that check is overdue;</li>
 *   <li>{@code graph-api-version}: the version in use, the day Meta switches it off, days left, and whether
 *       that is within 90 days.</li>
 * </ul>
 * All data are counts and dates, never ids or names, so the probe can stay public.
 *
 * <pre>{@code
 * ApplicationHealth health = ApplicationHealth.builder(new HealthQueries(transactions, Clock.systemUTC()))
 *         .graphApiVersion(messengerConfig.apiVersion())
 *         .checkInterval(integrationSettings.healthCheckInterval())
 *         .build();
 * HealthResponse ready = health.readiness();   // ready.httpStatus(), ready.toJson()
 * }</pre>
 */
public final class ApplicationHealth {
    private static final System.Logger LOG = System.getLogger(ApplicationHealth.class.getName());

    /** The setting that makes readiness fail when the oldest unprocessed delivery is older (ISO-8601). */
    public static final String INBOX_MAX_AGE_SETTING = "MESSENGER_HEALTH_INBOX_MAX_AGE";

    /** How far ahead the version check warns, as the SDK's configuration does. */
    static final int VERSION_WARNING_DAYS = 90;

    private static final Duration TOKENS_EXPIRING_WITHIN = Duration.ofDays(7);

    private final HealthQueries queries;
    private final Clock clock;
    private final GraphApiVersion apiVersion;
    private final Duration checkInterval;
    private final Optional<Duration> inboxAgeLimit;
    private final BooleanSupplier databaseOpen;
    private final Duration databaseTimeout;
    private final Executor pingExecutor;
    private final AtomicBoolean databaseWasDown = new AtomicBoolean();
    private final AtomicReference<CompletableFuture<Void>> pingInFlight = new AtomicReference<>();

    private ApplicationHealth(Builder b) {
        this.queries = b.queries;
        this.clock = b.clock;
        this.apiVersion = b.apiVersion;
        this.checkInterval = b.checkInterval;
        this.inboxAgeLimit = b.inboxAgeLimit;
        this.databaseOpen = b.databaseOpen;
        this.databaseTimeout = b.databaseTimeout;
        this.pingExecutor = b.pingExecutor;
    }

    /**
     * Starts a health over the given database reads.
     *
     * @param queries the aggregate reads of the backend's database
     * @return a builder
     */
    public static Builder builder(HealthQueries queries) {
        return new Builder(queries);
    }

    /**
     * Reads {@value #INBOX_MAX_AGE_SETTING} (an ISO-8601 duration such as {@code PT15M}).
     *
     * @param config where settings come from
     * @return the limit, or empty when not set
     * @throws IllegalArgumentException when it is set but not a positive duration
     */
    public static Optional<Duration> inboxAgeLimit(ConfigLookup config) {
        Optional<String> text = config.get(INBOX_MAX_AGE_SETTING).map(String::strip).filter(s -> !s.isEmpty());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Duration limit = Duration.parse(text.get());
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException(INBOX_MAX_AGE_SETTING + " must be a positive duration, was " + text.get());
            }
            return Optional.of(limit);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(INBOX_MAX_AGE_SETTING + " must be an ISO-8601 duration such as PT15M, was "
                    + text.get(), e);
        }
    }

    /** {@return whether the process is worth keeping: UP unless threads are deadlocked} */
    public HealthResponse liveness() {
        long[] deadlocked = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
        int count = deadlocked == null ? 0 : deadlocked.length;
        return new HealthResponse(List.of(new HealthCheckResult("threads", count == 0, Map.of("deadlocked", (long) count))));
    }

    /** {@return whether this instance can take traffic, with what operators should know} */
    public HealthResponse readiness() {
        List<HealthCheckResult> checks = new ArrayList<>();
        HealthCheckResult database = database();
        checks.add(database);
        if (database.up()) {
            checks.add(guarded("webhook-inbox", this::inbox));
            checks.add(guarded("pages-and-tokens", this::pagesAndTokens));
        } else {
            checks.add(new HealthCheckResult("webhook-inbox", false, Map.of("reason", "database unavailable")));
            checks.add(new HealthCheckResult("pages-and-tokens", false, Map.of("reason", "database unavailable")));
        }
        checks.add(graphApiVersion());
        return new HealthResponse(checks);
    }

    private HealthCheckResult database() {
        if (!databaseOpen.getAsBoolean()) {
            return new HealthCheckResult("database", false, Map.of("reason", "opening"));
        }
        long started = System.nanoTime();
        try {
            ping();
        } catch (TimeoutException e) {
            if (databaseWasDown.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "Health: the database did not answer within {0}", databaseTimeout);
            }
            return new HealthCheckResult("database", false, Map.of("reason", "timeout", "timeout_ms", databaseTimeout.toMillis()));
        } catch (RuntimeException e) {
            if (databaseWasDown.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "Health: the database is unreachable ({0})", rootCause(e));
            }
            return new HealthCheckResult("database", false, Map.of("reason", "unreachable", "error", rootCause(e)));
        }
        if (databaseWasDown.compareAndSet(true, false)) {
            LOG.log(Level.INFO, "Health: the database is reachable again");
        }
        return new HealthCheckResult("database", true,
                Map.of("response_ms", Duration.ofNanos(System.nanoTime() - started).toMillis()));
    }

    /**
     * Pings inline, or with a time limit on the given executor: a provider that retries connecting (EclipseLink
     * waits seconds between attempts) must not hold a load balancer's probe past its own timeout. Probes that
     * arrive while a ping is still running wait for that ping instead of starting another.
     */
    private void ping() throws TimeoutException {
        if (pingExecutor == null) {
            queries.ping();
            return;
        }
        CompletableFuture<Void> ping = pingInFlight.updateAndGet(running -> running != null && !running.isDone()
                ? running : CompletableFuture.runAsync(queries::ping, pingExecutor));
        try {
            ping.get(databaseTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pinging the database", e);
        }
    }

    private HealthCheckResult inbox() {
        Instant now = clock.instant();
        HealthQueries.InboxBacklog backlog = queries.inbox();
        Duration age = backlog.oldestAge(now);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("pending", backlog.pending());
        data.put("processing", backlog.processing());
        data.put("oldest_unprocessed_age_seconds", age.toSeconds());
        data.put("set_aside", backlog.setAside());
        inboxAgeLimit.ifPresent(limit -> data.put("max_age_seconds", limit.toSeconds()));
        boolean up = inboxAgeLimit.map(limit -> age.compareTo(limit) <= 0).orElse(true);
        return new HealthCheckResult("webhook-inbox", up, data);
    }

    private HealthCheckResult pagesAndTokens() {
        Instant now = clock.instant();
        HealthQueries.LinkHealth links = queries.links(TOKENS_EXPIRING_WITHIN);
        Map<String, Object> data = new LinkedHashMap<>();
        for (LinkStatus status : LinkStatus.values()) {
            data.put("accounts_" + key(status), links.accounts().get(status));
        }
        for (LinkStatus status : LinkStatus.values()) {
            data.put("pages_" + key(status), links.pages().get(status));
        }
        for (TokenStatus status : TokenStatus.values()) {
            data.put("tokens_" + key(status), links.tokens().get(status));
        }
        data.put("tokens_expiring_within_7_days", links.tokensExpiringSoon());
        links.lastCheckedAt().ifPresent(at -> data.put("last_checked_at", at.truncatedTo(ChronoUnit.SECONDS).toString()));
        if (!checkInterval.isZero() && !checkInterval.isNegative()) {
            boolean anyLinked = links.pages().values().stream().mapToLong(Long::longValue).sum() > 0;
            boolean overdue = anyLinked && links.lastCheckedAt()
                    .map(at -> Duration.between(at, now).compareTo(checkInterval.multipliedBy(2)) > 0)
                    .orElse(false);
            data.put("check_overdue", overdue);
        }
        return new HealthCheckResult("pages-and-tokens", true, data);
    }

    private HealthCheckResult graphApiVersion() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", apiVersion.name());
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        apiVersion.availableUntil().ifPresent(until -> {
            data.put("available_until", until.toString());
            data.put("days_left", Math.max(0, ChronoUnit.DAYS.between(today, until)));
        });
        data.put("expired", apiVersion.isExpiredOn(today));
        data.put("expires_within_" + VERSION_WARNING_DAYS + "_days", apiVersion.expiresWithin(today, VERSION_WARNING_DAYS));
        return new HealthCheckResult("graph-api-version", true, data);
    }

    private static HealthCheckResult guarded(String name, java.util.function.Supplier<HealthCheckResult> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            return new HealthCheckResult(name, false, Map.of("reason", "query failed", "error", rootCause(e)));
        }
    }

    /** The innermost exception's class: enough to tell a refused connection from a missing table, nothing secret. */
    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }

    private static String key(Enum<?> status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** Configures {@link ApplicationHealth}. */
    public static final class Builder {
        private final HealthQueries queries;
        private Clock clock = Clock.systemUTC();
        private GraphApiVersion apiVersion = GraphApiVersion.DEFAULT;
        private Duration checkInterval = Duration.ZERO;
        private Optional<Duration> inboxAgeLimit = Optional.empty();
        private BooleanSupplier databaseOpen = () -> true;
        private Duration databaseTimeout = Duration.ZERO;
        private Executor pingExecutor;

        private Builder(HealthQueries queries) {
            this.queries = Objects.requireNonNull(queries, "queries");
        }

        /**
         * The time source; default the UTC system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The Graph API version the backend calls; default the SDK's.
         *
         * @param apiVersion the version
         * @return this builder
         */
        public Builder graphApiVersion(GraphApiVersion apiVersion) {
            this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
            return this;
        }

        /**
         * The interval of the scheduled subscription and token check; a check older than twice this is overdue.
         * Zero (the default) leaves the overdue flag out.
         *
         * @param checkInterval the interval
         * @return this builder
         */
        public Builder checkInterval(Duration checkInterval) {
            this.checkInterval = Objects.requireNonNull(checkInterval, "checkInterval");
            return this;
        }

        /**
         * Makes readiness fail when the oldest unprocessed delivery is older than this; default no limit.
         *
         * @param inboxAgeLimit the limit, or empty
         * @return this builder
         */
        public Builder inboxAgeLimit(Optional<Duration> inboxAgeLimit) {
            this.inboxAgeLimit = Objects.requireNonNull(inboxAgeLimit, "inboxAgeLimit");
            return this;
        }

        /**
         * Answers false while the database is still being opened, so readiness fails at once instead of waiting.
         *
         * @param databaseOpen whether the database is open
         * @return this builder
         */
        public Builder databaseOpen(BooleanSupplier databaseOpen) {
            this.databaseOpen = Objects.requireNonNull(databaseOpen, "databaseOpen");
            return this;
        }

        /**
         * Pings the database on {@code executor} and reports it DOWN when no answer comes within {@code timeout};
         * default: ping on the probe's own thread, as long as the connection pool takes. Meant for standalone
         * use: on an application server the server's pool and its timeouts decide.
         *
         * @param timeout how long a probe waits for the ping
         * @param executor where pings run
         * @return this builder
         */
        public Builder databaseTimeout(Duration timeout, Executor executor) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.databaseTimeout = timeout;
            this.pingExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** {@return the health} */
        public ApplicationHealth build() {
            return new ApplicationHealth(this);
        }
    }
}
