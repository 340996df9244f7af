package io.messengerkit.graph;

import java.time.Duration;
import java.util.Optional;

/**
 * A rate limit was hit (codes 4, 17, 32, 341, 613, 80001-80009; HTTP 429). The client waits the
 * advised time and retries while that fits its retry budget; this is thrown when it does not.
 * Stop calling with the same token or page until {@link #retryAfter()} has passed: every further
 * call extends the throttling.
 */
public class RateLimitedException extends GraphException {
    private static final long serialVersionUID = 1L;

    /** How long to wait before calling again. */
    private final Duration retryAfter;

    /**
     * A rate-limited call.
     *
     * @param error Graph's error, as parsed
     * @param usage the usage headers of the failed response
     * @param retryAfter how long to wait before calling again
     */
    public RateLimitedException(GraphError error, GraphUsage usage, Duration retryAfter) {
        super(error, usage);
        this.retryAfter = retryAfter;
    }

    /** {@return how long Meta advised to wait ({@code estimated_time_to_regain_access}), when it said} */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
