package io.messengerkit.webhook;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;

/** The counts of one dispatch call, and the future that completes with its report. */
final class DispatchTally {
    private static final VarHandle OUTSTANDING;
    private static final VarHandle DISPATCHED;
    private static final VarHandle DUPLICATES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            OUTSTANDING = lookup.findVarHandle(DispatchTally.class, "outstanding", int.class);
            DISPATCHED = lookup.findVarHandle(DispatchTally.class, "dispatched", int.class);
            DUPLICATES = lookup.findVarHandle(DispatchTally.class, "duplicates", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final CompletableFuture<DispatchReport> future = new CompletableFuture<>();
    private final int events;
    // Counted by the dispatching thread before any job is submitted.
    private int unparseable;
    private int ignored;
    private int jobs;
    // Each job adds its outcome, then counts itself out; the last one to finish reads the sums. The
    // atomic decrements of 'outstanding' order every job's addition before that read.
    @SuppressWarnings("unused")
    private volatile int outstanding;
    @SuppressWarnings("unused")
    private volatile int dispatched;
    @SuppressWarnings("unused")
    private volatile int duplicates;

    DispatchTally(int events) {
        this.events = events;
    }

    void unparseable() {
        unparseable++;
    }

    void ignored() {
        ignored++;
    }

    /** How many jobs will report to this tally; called once, before any of them is submitted. */
    void expect(int submitted) {
        this.jobs = submitted;
        OUTSTANDING.setVolatile(this, submitted);
    }

    DispatchReport report() {
        int done = dispatched;
        int skipped = duplicates;
        return new DispatchReport(events, done, skipped, jobs - done - skipped, unparseable, ignored);
    }

    /** One job is over, with this outcome; the last one completes the future. */
    void finishedOne(EventJob.Outcome outcome) {
        switch (outcome) {
            case DISPATCHED -> DISPATCHED.getAndAdd(this, 1);
            case DUPLICATE -> DUPLICATES.getAndAdd(this, 1);
            default -> {
                // failed: the rest of the jobs
            }
        }
        if ((int) OUTSTANDING.getAndAdd(this, -1) == 1) {
            future.complete(report());
        }
    }
}
