package io.messengerkit.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the Graph client retries calls that failed for a reason that may go away: exponential
 * back-off with jitter, bounded both in attempts and in total time.
 *
 * <p>The delay before retry {@code n} (1-based) is drawn uniformly from
 * {@code [d/2, d]} where {@code d = min(maxDelay, initialDelay * 2^(n-1))}. When Meta advises a
 * longer wait (rate limiting), the advised wait is used instead. A retry whose wait would end after
 * {@code maxTotalTime} since the first attempt is not made: the last failure is thrown instead.
 * Which failures are retried at all is decided by the client; see {@code GraphClient}.
 *
 * @param maxAttempts attempts in total, including the first (1 disables retries)
 * @param initialDelay base delay before the first retry
 * @param maxDelay cap on a single computed back-off delay
 * @param maxTotalTime time budget from the first attempt to the start of the last retry
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxTotalTime) {

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param maxAttempts attempts in total, including the first (1 disables retries)
     * @param initialDelay base delay before the first retry
     * @param maxDelay cap on a single computed back-off delay
     * @param maxTotalTime time budget from the first attempt to the start of the last retry
     */
    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxTotalTime, "maxTotalTime");
        if (maxAttempts < 1) {
            throw new ConfigurationException("retry maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (initialDelay.isNegative() || maxDelay.isNegative() || maxTotalTime.isNegative()) {
            throw new ConfigurationException("retry delays must not be negative");
        }
    }

    /**
     * Four attempts, 500 ms doubling up to 8 s, at most 30 s in total.
     *
     * @return the default policy
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(30));
    }

    /**
     * One attempt, no retries.
     *
     * @return a policy without retries
     */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /**
     * {@return the un-jittered back-off before retry number {@code retry} (1 for the first retry)}
     *
     * @param retry the retry number, from 1
     */
    public Duration backoffCeiling(int retry) {
        long factor = 1L << Math.min(Math.max(retry - 1, 0), 30);
        long millis;
        try {
            millis = Math.multiplyExact(initialDelay.toMillis(), factor);
        } catch (ArithmeticException overflow) {
            millis = Long.MAX_VALUE;
        }
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }
}
