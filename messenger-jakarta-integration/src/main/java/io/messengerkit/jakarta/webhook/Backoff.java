package io.messengerkit.jakarta.webhook;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff from {@code initial}, doubling per attempt, capped at {@code max}, with up to 20% random jitter. */
record Backoff(Duration initial, Duration max) {
    Duration after(int attempts) {
        long base = initial.toMillis() << Math.min(20, Math.max(0, attempts - 1));
        long capped = Math.min(base, max.toMillis());
        long jitter = (long) (capped * 0.2 * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(capped + jitter);
    }
}
