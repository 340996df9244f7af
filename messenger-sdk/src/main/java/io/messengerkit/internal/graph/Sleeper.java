package io.messengerkit.internal.graph;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Waits without blocking a thread. Replaced in tests by one that advances a fake clock, so back-off
 * is proven without real sleeping.
 */
@FunctionalInterface
public interface Sleeper {
    /** Completes after {@code duration}. */
    CompletableFuture<Void> sleep(Duration duration);

    /** Real waiting on the common pool's delayed executor. */
    Sleeper SYSTEM = duration -> duration.isZero() || duration.isNegative()
            ? CompletableFuture.completedFuture(null)
            : CompletableFuture.runAsync(() -> { },
                    CompletableFuture.delayedExecutor(duration.toNanos(), TimeUnit.NANOSECONDS));
}
