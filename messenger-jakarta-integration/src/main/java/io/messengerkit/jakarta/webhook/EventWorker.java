package io.messengerkit.jakarta.webhook;

import io.messengerkit.jakarta.persistence.EventQueue;
import io.messengerkit.jakarta.persistence.EventQueue.Claim;
import io.messengerkit.jakarta.persistence.EventQueue.Failure;
import io.messengerkit.jakarta.webhook.InFlightEvents.Attempt;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands queued events to the handlers: claims each conversation's next event, runs it under a lease
 * renewed by a heartbeat until the work ends or its deadline passes, and records the outcome only
 * while the lease is still held.
 *
 * <ul>
 *   <li>Done: the event is marked done and its message-log row written, in one transaction. Unless the
 *       last poll filled every free slot, that transaction also claims the next event of the
 *       conversation ({@link EventQueue#completeAndClaimNext}), which then starts at once, without a
 *       poll of the whole queue.</li>
 *   <li>Transient failure: due again after exponential backoff with jitter (or the wait Meta asked
 *       for); its conversation waits for it. After the last attempt it is set aside
 *       ({@code RETRIES_EXHAUSTED}) and the conversation moves on.</li>
 *   <li>Permanent failure or unknown outcome ({@link EventOutcome}): set aside at once.</li>
 *   <li>Deadline passed: the attempt is abandoned (it may no longer send) and counts as a transient
 *       failure ({@code DEADLINE}); a hung handler therefore ends set aside after the last attempt.</li>
 * </ul>
 */
public final class EventWorker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventWorker.class.getName());

    /** Writes an event's message-log row, inside the transaction that finishes the event. */
    @FunctionalInterface
    public interface FinalRecord {
        /**
         * {@return work to run in the finishing transaction, or null for none}
         *
         * @param attempt the last attempt
         * @param done true when the event is done, false when it is set aside
         * @param outcome the failure when set aside, else null
         */
        Runnable of(Attempt attempt, boolean done, EventOutcome outcome);
    }

    private final EventQueue queue;
    private final InFlightEvents inFlight;
    private final DeliveryProcessor processor;
    private final FinalRecord finalRecord;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final String owner;
    private final int maxInFlight;
    private final int maxAttempts;
    private final Duration lease;
    private final Duration deadline;
    private final Backoff backoff;
    private final PollLoop loop;
    private final AtomicInteger running = new AtomicInteger();
    /**
     * True while the last poll filled every free slot (more events may be waiting than this instance
     * takes): a finished event's slot then goes to the poll, which takes events in the queue's order
     * across conversations, not to the next event of the same conversation.
     */
    private volatile boolean saturated = true;

    private EventWorker(Builder b) {
        this.queue = Objects.requireNonNull(b.queue, "queue");
        this.inFlight = Objects.requireNonNull(b.inFlight, "inFlight");
        this.processor = Objects.requireNonNull(b.processor, "processor");
        this.finalRecord = b.finalRecord != null ? b.finalRecord : (a, d, o) -> null;
        this.executor = Objects.requireNonNull(b.executor, "executor");
        this.scheduler = Objects.requireNonNull(b.scheduler, "scheduler");
        this.clock = b.clock;
        this.owner = b.owner != null ? b.owner : "worker-" + UUID.randomUUID();
        this.maxInFlight = b.maxInFlight;
        this.maxAttempts = b.maxAttempts;
        this.lease = b.lease;
        this.deadline = b.deadline;
        this.backoff = new Backoff(b.initialBackoff, b.maxBackoff);
        this.loop = new PollLoop("Event queue", this::pollOnce, executor, scheduler, b.pollInterval);
    }

    /**
     * Starts a worker.
     *
     * @param queue the event queue
     * @param inFlight the registry of attempts this instance runs
     * @param processor hands one event (as a one-event delivery) to the handlers
     * @return a builder
     */
    public static Builder builder(EventQueue queue, InFlightEvents inFlight, DeliveryProcessor processor) {
        return new Builder(queue, inFlight, processor);
    }

    /** {@return the id this worker's leases carry} */
    public String owner() {
        return owner;
    }

    /** {@return events this worker is handling now} */
    public int running() {
        return running.get();
    }

    /** Starts polling; the first poll runs at once (taking over events whose lease ended). */
    public void start() {
        loop.start();
    }

    /** Asks for a poll now. Never blocks. */
    public void wake() {
        loop.wake();
    }

    private void pollOnce() {
        int room;
        boolean full = true;
        while (!loop.isClosed() && (room = maxInFlight - running.get()) > 0) {
            List<Claim> claims = queue.claim(owner, room, lease, deadline);
            claims.forEach(this::begin);
            if (claims.size() < room) {
                full = false;
                break;
            }
        }
        saturated = full;
    }

    private void begin(Claim claim) {
        running.incrementAndGet();
        Attempt attempt = inFlight.start(claim);
        AtomicBoolean finished = new AtomicBoolean();
        long every = Math.max(50, lease.toMillis() / 3);
        ScheduledFuture<?>[] timers = new ScheduledFuture<?>[2];
        // Heartbeat and deadline run on the scheduler itself, not on the executor: handlers that hang and fill the
        // executor must not starve the leases of the work that is still going on.
        timers[0] = scheduler.scheduleWithFixedDelay(() -> guarded(() -> {
            if (!finished.get() && !attempt.lost() && !queue.renew(claim, owner, lease)) {
                attempt.markLost();
                LOG.log(Level.WARNING, "Lost the lease of event {0}; its outcome will not be recorded here", claim.id());
            }
        }), every, every, TimeUnit.MILLISECONDS);
        long untilDeadline = Math.max(0, Duration.between(clock.instant(), claim.deadline()).toMillis());
        timers[1] = scheduler.schedule(() -> guarded(() -> {
            if (finished.compareAndSet(false, true)) {
                attempt.markLost();
                // Stuck inside the send: the reply may still reach Meta, so it is never sent again.
                finish(attempt, timers, new EventOutcome(attempt.sending() && attempt.sentMessageId() == null
                        ? EventOutcome.Kind.UNKNOWN : EventOutcome.Kind.TRANSIENT,
                        attempt.sending() ? "OUTCOME_UNKNOWN" : "DEADLINE",
                        "processing deadline passed after " + deadline, null, null));
            }
        }), untilDeadline, TimeUnit.MILLISECONDS);
        if (claim.sendInterrupted()) {
            // An earlier attempt was cut off (a crash, a lost lease) between starting to send the reply and
            // learning whether Meta took it: sending again could answer twice.
            if (finished.compareAndSet(false, true)) {
                finish(attempt, timers, new EventOutcome(EventOutcome.Kind.UNKNOWN, "OUTCOME_UNKNOWN",
                        "an earlier attempt was interrupted while sending the reply", null, null));
            }
            return;
        }
        try {
            executor.execute(() -> {
                CompletableFuture<Void> work;
                try {
                    work = processor.process(claim.body()).toCompletableFuture();
                } catch (RuntimeException e) {
                    work = CompletableFuture.failedFuture(e);
                }
                work.whenComplete((ok, failure) -> {
                    if (finished.compareAndSet(false, true)) {
                        Throwable error = attempt.failure() != null ? attempt.failure() : failure;
                        finish(attempt, timers, error == null ? null : EventOutcome.of(error));
                    }
                });
            });
        } catch (RuntimeException rejected) {
            // Nothing ran: the lease ends and the event is claimed again.
            finished.set(true);
            cancel(timers);
            inFlight.end(attempt);
            running.decrementAndGet();
        }
    }

    private static void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // A database hiccup: the next heartbeat tries again; a lease that ends meanwhile is taken over.
            LOG.log(Level.WARNING, "Event lease upkeep failed: {0}", e.toString());
        }
    }

    private void finish(Attempt attempt, ScheduledFuture<?>[] timers, EventOutcome outcome) {
        cancel(timers);
        Claim claim = attempt.claim();
        Claim[] next = new Claim[1];
        try {
            boolean recorded = record(attempt, outcome, next);
            if (!recorded) {
                LOG.log(Level.INFO, "Event {0}: lease lost, outcome not recorded (another instance has it)", claim.id());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record the outcome of event {0}: {1}", claim.id(), e.toString());
        } finally {
            inFlight.end(attempt);
            running.decrementAndGet();
            if (next[0] != null) {
                // The conversation's next event, claimed with the completion: its slot is this one's, and no other
                // event became claimable by this one finishing, so no poll is needed.
                begin(next[0]);
            } else {
                wake();
            }
        }
    }

    private boolean record(Attempt attempt, EventOutcome outcome, Claim[] next) {
        Claim claim = attempt.claim();
        if (outcome == null) {
            Runnable logRow = finalRecord.of(attempt, true, null);
            if (loop.isClosed() || saturated) {
                return queue.complete(claim, owner, logRow);
            }
            EventQueue.Completion done = queue.completeAndClaimNext(claim, owner, logRow, lease, deadline);
            next[0] = done.next();
            return done.recorded();
        }
        Failure failure = new Failure(outcome.reason(), outcome.error(), outcome.graphErrorCode());
        if (outcome.kind() != EventOutcome.Kind.TRANSIENT) {
            LOG.log(Level.WARNING, "Event {0} set aside ({1}): {2}", claim.id(), outcome.reason(), outcome.error());
            return queue.setAside(claim, owner, failure, finalRecord.of(attempt, false, outcome));
        }
        if (claim.attempts() >= maxAttempts) {
            LOG.log(Level.WARNING, "Event {0} set aside after {1} attempts: {2}", claim.id(), claim.attempts(),
                    outcome.error());
            Failure exhausted = new Failure("RETRIES_EXHAUSTED", outcome.reason() + ": " + outcome.error(),
                    outcome.graphErrorCode());
            return queue.setAside(claim, owner, exhausted, finalRecord.of(attempt, false, outcome));
        }
        Duration wait = backoff.after(claim.attempts());
        if (outcome.retryAfter() != null && outcome.retryAfter().compareTo(wait) > 0) {
            wait = outcome.retryAfter();
        }
        Instant retryAt = clock.instant().plus(wait);
        LOG.log(Level.INFO, "Event {0} failed (attempt {1}, {2}), retry at {3}", claim.id(), claim.attempts(),
                outcome.reason(), retryAt);
        boolean recorded = queue.retryLater(claim, owner, failure, retryAt);
        if (recorded) {
            scheduler.schedule(this::wake, wait.toMillis() + 5, TimeUnit.MILLISECONDS);
        }
        return recorded;
    }

    private static void cancel(ScheduledFuture<?>[] timers) {
        for (ScheduledFuture<?> t : timers) {
            if (t != null) {
                t.cancel(false);
            }
        }
    }

    /**
     * After {@link #close()}, waits until no poll and no attempt of this worker is running (an attempt
     * past its deadline counts as ended), so that outcomes are recorded before the database or the
     * executor goes away.
     *
     * @param timeout the longest wait
     * @return true when the worker is idle, false when the timeout passed first
     */
    public boolean awaitIdle(Duration timeout) {
        return loop.awaitIdle(running::get, timeout);
    }

    /** Stops polling. Events in flight finish; unfinished ones are taken over after their lease. */
    @Override
    public void close() {
        loop.close();
    }

    /** Settings for an {@link EventWorker}; every value has a working default. */
    public static final class Builder extends WorkerBuilder<Builder> {
        private final EventQueue queue;
        private final InFlightEvents inFlight;
        private final DeliveryProcessor processor;
        private FinalRecord finalRecord;
        private String owner;
        private Duration deadline = Duration.ofMinutes(5);

        private Builder(EventQueue queue, InFlightEvents inFlight, DeliveryProcessor processor) {
            this.queue = queue;
            this.inFlight = inFlight;
            this.processor = processor;
        }

        /**
         * {@return this builder}
         *
         * @param finalRecord writes an event's message-log row when it is finished
         */
        public Builder finalRecord(FinalRecord finalRecord) {
            this.finalRecord = finalRecord;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param owner the id this instance's leases carry; default a random id
         */
        public Builder owner(String owner) {
            this.owner = owner;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param deadline how long one attempt may run before it counts as stuck
         */
        public Builder deadline(Duration deadline) {
            this.deadline = Objects.requireNonNull(deadline, "deadline");
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** {@return the worker} */
        public EventWorker build() {
            return new EventWorker(this);
        }
    }
}
