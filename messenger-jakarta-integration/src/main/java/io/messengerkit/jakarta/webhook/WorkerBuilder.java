package io.messengerkit.jakarta.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The settings the inbox and event workers share; each worker's builder adds its own.
 *
 * @param <B> the worker's builder
 */
abstract class WorkerBuilder<B extends WorkerBuilder<B>> {
    Executor executor;
    ScheduledExecutorService scheduler;
    Clock clock = Clock.systemUTC();
    int maxInFlight = 64;
    int maxAttempts = 8;
    Duration lease = Duration.ofMinutes(2);
    Duration pollInterval = Duration.ofSeconds(5);
    Duration initialBackoff = Duration.ofSeconds(10);
    Duration maxBackoff = Duration.ofMinutes(30);

    abstract B self();

    /**
     * Runs the work and the polls (a {@code ManagedExecutorService} on a server).
     *
     * @param executor the executor
     * @return this builder
     */
    public B executor(Executor executor) {
        this.executor = executor;
        return self();
    }

    /**
     * Runs the poll schedule, and for the event worker the heartbeats and deadlines (a
     * {@code ManagedScheduledExecutorService} on a server).
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public B scheduler(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
        return self();
    }

    /**
     * The time source; default the UTC system clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /**
     * Most items this worker handles at once; default 64 (for the event worker, each of another
     * conversation).
     *
     * @param maxInFlight the limit
     * @return this builder
     */
    public B maxInFlight(int maxInFlight) {
        this.maxInFlight = positive(maxInFlight, "maxInFlight");
        return self();
    }

    /**
     * Attempts before an item failing transiently is given up (an inbox row failed for good, an
     * event set aside); default 8.
     *
     * @param maxAttempts the limit
     * @return this builder
     */
    public B maxAttempts(int maxAttempts) {
        this.maxAttempts = positive(maxAttempts, "maxAttempts");
        return self();
    }

    /**
     * How long a claim holds before another instance may take the item over; default 2 minutes
     * (the event worker renews it every third of it while the work runs).
     *
     * @param lease the lease
     * @return this builder
     */
    public B lease(Duration lease) {
        this.lease = Objects.requireNonNull(lease, "lease");
        return self();
    }

    /**
     * Time between polls without a wake-up; default 5 seconds.
     *
     * @param pollInterval the interval
     * @return this builder
     */
    public B pollInterval(Duration pollInterval) {
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        return self();
    }

    /**
     * First retry delay, doubled per attempt up to {@link #maxBackoff}; default 10 seconds.
     *
     * @param initialBackoff the first delay
     * @return this builder
     */
    public B initialBackoff(Duration initialBackoff) {
        this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
        return self();
    }

    /**
     * Longest retry delay; default 30 minutes.
     *
     * @param maxBackoff the longest delay
     * @return this builder
     */
    public B maxBackoff(Duration maxBackoff) {
        this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
        return self();
    }

    static int positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return value;
    }
}
