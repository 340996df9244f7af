package io.messengerkit.jakarta.webhook;

import io.messengerkit.jakarta.persistence.WebhookInbox;
import io.messengerkit.jakarta.persistence.WebhookInbox.Claim;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drains the webhook inbox: claims due rows, hands each to a {@link DeliveryProcessor} on an
 * executor, and marks it done, or failed with a retry time from exponential backoff with jitter,
 * or failed for good once its attempts are used up.
 *
 * <p>It polls on a schedule (which is also how a restarted instance resumes rows left behind)
 * and is woken by the webhook resource right after a delivery is stored, so a delivery does not
 * wait for the next poll. Each instance has its own worker id; rows are shared between instances
 * through the inbox's claims.
 */
public final class InboxWorker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(InboxWorker.class.getName());

    private final WebhookInbox inbox;
    private final DeliveryProcessor processor;
    private final Executor executor;
    private final Clock clock;
    private final String workerId;
    private final int batchSize;
    private final int maxInFlight;
    private final int maxAttempts;
    private final Duration lease;
    private final Backoff backoff;
    private final PollLoop loop;
    private final AtomicInteger inFlight = new AtomicInteger();

    private InboxWorker(Builder b) {
        this.inbox = Objects.requireNonNull(b.inbox, "inbox");
        this.processor = Objects.requireNonNull(b.processor, "processor");
        this.executor = Objects.requireNonNull(b.executor, "executor");
        this.clock = b.clock;
        this.workerId = b.workerId != null ? b.workerId : "worker-" + UUID.randomUUID();
        this.batchSize = b.batchSize;
        this.maxInFlight = b.maxInFlight;
        this.maxAttempts = b.maxAttempts;
        this.lease = b.lease;
        this.backoff = new Backoff(b.initialBackoff, b.maxBackoff);
        this.loop = new PollLoop("Webhook inbox", this::pollOnce, executor,
                Objects.requireNonNull(b.scheduler, "scheduler"), b.pollInterval);
    }

    /**
     * Starts a worker over {@code inbox}.
     *
     * @param inbox the inbox to work on
     * @param processor processes each delivery
     * @return a builder
     */
    public static Builder builder(WebhookInbox inbox, DeliveryProcessor processor) {
        return new Builder(inbox, processor);
    }

    /** {@return this worker's id, as written into the rows it claims} */
    public String workerId() {
        return workerId;
    }

    /** Starts polling on the schedule; the first poll runs at once (resuming rows left by a restart). */
    public void start() {
        loop.start();
    }

    /** Asks for a poll now, e.g. right after a delivery was stored. Never blocks the caller. */
    public void wake() {
        loop.wake();
    }

    /**
     * Deliveries currently being processed by this worker.
     *
     * @return the number
     */
    public int inFlight() {
        return inFlight.get();
    }

    private void pollOnce() {
        int room;
        while (!loop.isClosed() && (room = Math.min(batchSize, maxInFlight - inFlight.get())) > 0) {
            List<Claim> claims = inbox.claimDue(workerId, room, clock.instant().plus(lease));
            for (Claim claim : claims) {
                inFlight.incrementAndGet();
                try {
                    executor.execute(() -> process(claim));
                } catch (RuntimeException rejected) {
                    inFlight.decrementAndGet();
                    // The lease runs out and the row is claimed again later.
                    LOG.log(Level.WARNING, "Executor rejected inbox row {0}", claim.id());
                }
            }
            if (claims.size() < room) {
                return;
            }
        }
    }

    private void process(Claim claim) {
        CompletableFuture<Void> outcome;
        try {
            outcome = processor.process(claim.body()).toCompletableFuture();
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((ok, failure) -> {
            try {
                record(claim, failure);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not record the outcome of inbox row {0}: {1}", claim.id(), e.toString());
            } finally {
                inFlight.decrementAndGet();
            }
            wake();
        });
    }

    private void record(Claim claim, Throwable failure) {
        if (failure == null) {
            inbox.markDone(claim.id(), workerId);
            return;
        }
        Throwable cause = unwrap(failure);
        String error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        boolean permanent = cause instanceof DeliveryProcessor.PermanentDeliveryFailure;
        if (permanent || claim.attempts() >= maxAttempts) {
            LOG.log(Level.WARNING, "Inbox row {0} failed for good after {1} attempt(s): {2}",
                    claim.id(), claim.attempts(), error);
            inbox.markFailed(claim.id(), workerId, error, null);
        } else {
            Instant retryAt = clock.instant().plus(backoff.after(claim.attempts()));
            LOG.log(Level.INFO, "Inbox row {0} failed (attempt {1}), retry at {2}: {3}",
                    claim.id(), claim.attempts(), retryAt, error);
            inbox.markFailed(claim.id(), workerId, error, retryAt);
        }
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * After {@link #close()}, waits until no poll and no delivery of this worker is running, so that
     * what it was doing is recorded before the database or the executor goes away.
     *
     * @param timeout the longest wait
     * @return true when the worker is idle, false when the timeout passed first
     */
    public boolean awaitIdle(Duration timeout) {
        return loop.awaitIdle(inFlight::get, timeout);
    }

    /** Stops polling. Deliveries in flight finish; unfinished rows are resumed after their lease. */
    @Override
    public void close() {
        loop.close();
    }

    /** Settings for an {@link InboxWorker}; every value has a working default. */
    public static final class Builder extends WorkerBuilder<Builder> {
        private final WebhookInbox inbox;
        private final DeliveryProcessor processor;
        private String workerId;
        private int batchSize = 20;

        private Builder(WebhookInbox inbox, DeliveryProcessor processor) {
            this.inbox = inbox;
            this.processor = processor;
        }

        /**
         * Identifies this instance in claimed rows; default a random id.
         *
         * @param workerId the id
         * @return this builder
         */
        public Builder workerId(String workerId) {
            this.workerId = workerId;
            return this;
        }

        /**
         * How many rows one poll claims.
         *
         * @param batchSize rows claimed per poll
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = positive(batchSize, "batchSize");
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Builds the worker.
         *
         * @return the worker, not started yet
         */
        public InboxWorker build() {
            return new InboxWorker(this);
        }
    }
}
