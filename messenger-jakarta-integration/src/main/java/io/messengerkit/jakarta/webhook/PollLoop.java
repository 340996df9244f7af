package io.messengerkit.jakarta.webhook;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

/**
 * How the inbox and event workers poll: on a fixed schedule (which is also how a restarted instance
 * resumes work left behind) and on every wake-up, always on the executor (a managed one on a server),
 * never two polls at once. A wake-up that arrives during a poll makes that poll run one more round,
 * so none is lost.
 */
final class PollLoop {
    private static final System.Logger LOG = System.getLogger(PollLoop.class.getName());

    private final String name;
    private final Runnable poll;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final Duration interval;
    private final AtomicBoolean polling = new AtomicBoolean();
    private final AtomicBoolean pollAgain = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private ScheduledFuture<?> schedule;

    /**
     * @param name what is polled, for the log
     * @param poll one round; it checks {@link #isClosed()} between claims
     * @param executor runs the rounds
     * @param scheduler runs the schedule, which only wakes the loop
     * @param interval time between scheduled rounds
     */
    PollLoop(String name, Runnable poll, Executor executor, ScheduledExecutorService scheduler, Duration interval) {
        this.name = name;
        this.poll = poll;
        this.executor = executor;
        this.scheduler = scheduler;
        this.interval = interval;
    }

    /** Starts the schedule; the first round runs at once. */
    synchronized void start() {
        if (schedule == null && !closed.get()) {
            schedule = scheduler.scheduleWithFixedDelay(this::wake, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Asks for a round now. Never blocks. */
    void wake() {
        if (closed.get()) {
            return;
        }
        try {
            executor.execute(this::pollSafely);
        } catch (RuntimeException rejected) {
            LOG.log(Level.DEBUG, "{0}: wake-up rejected; the next scheduled poll takes over", name);
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Stops the schedule and the wake-ups; a round running now stops at its next check. */
    synchronized void close() {
        if (closed.compareAndSet(false, true) && schedule != null) {
            schedule.cancel(false);
        }
    }

    /**
     * Waits until no round runs and {@code running} (the worker's own work in flight) is zero.
     *
     * @return true when idle, false when the timeout passed first
     */
    boolean awaitIdle(IntSupplier running, Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        // The workers keep no lock to wait on; their work ends on executor threads.
        while (polling.get() || running.getAsInt() > 0) {
            if (System.nanoTime() - until >= 0) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !polling.get() && running.getAsInt() == 0;
            }
        }
        return true;
    }

    private void pollSafely() {
        if (closed.get()) {
            return;
        }
        pollAgain.set(true);
        while (pollAgain.getAndSet(false)) {
            if (!polling.compareAndSet(false, true)) {
                // Another thread is polling; it runs one more round for us.
                pollAgain.set(true);
                return;
            }
            try {
                poll.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "{0} poll failed: {1}", name, e.toString());
            } finally {
                polling.set(false);
            }
        }
    }
}
