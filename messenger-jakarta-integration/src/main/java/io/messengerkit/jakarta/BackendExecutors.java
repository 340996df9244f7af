package io.messengerkit.jakarta;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The backend's executor (handlers, polls, maintenance) and scheduler (poll schedules, heartbeats,
 * deadlines): the host's when it gives them (managed ones on a server), else the backend's own, which
 * it alone shuts down.
 */
final class BackendExecutors {
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsExecutor;
    private final boolean ownsScheduler;

    /**
     * @param executor the host's executor, or null for a fixed pool of the backend's own
     * @param scheduler the host's scheduler, or null for a single thread of the backend's own
     */
    BackendExecutors(ExecutorService executor, ScheduledExecutorService scheduler) {
        this.ownsExecutor = executor == null;
        this.ownsScheduler = scheduler == null;
        this.executor = executor != null ? executor
                : Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                        threads("messenger-worker"));
        this.scheduler = scheduler != null ? scheduler
                : Executors.newSingleThreadScheduledExecutor(threads("messenger-scheduler"));
    }

    ExecutorService executor() {
        return executor;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /**
     * Shuts down what the backend owns: the executor after what runs on it ends (until {@code untilNanos}
     * of {@link System#nanoTime()}), then the scheduler, which renewed leases until then.
     *
     * @return false when the executor still ran work at the deadline (a handler that hangs)
     */
    boolean shutdown(long untilNanos) {
        boolean ended = true;
        if (ownsExecutor) {
            executor.shutdown();
            try {
                ended = executor.awaitTermination(remaining(untilNanos).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ended = false;
            }
        }
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
        return ended;
    }

    static Duration remaining(long untilNanos) {
        return Duration.ofNanos(Math.max(0, untilNanos - System.nanoTime()));
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
