package io.messengerkit.webhook;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** The counts of one dispatch call, and the future that completes with its report. */
final class DispatchTally {
    final CompletableFuture<DispatchReport> future = new CompletableFuture<>();
    private final int events;
    // Counted by the dispatching thread before any job is submitted.
    private int unparseable;
    private int ignored;
    // Each job records its own outcome; the last one to finish adds them up. The decrements of this
    // counter order every outcome write before the final read.
    private final AtomicInteger outstanding = new AtomicInteger();
    private List<EventJob> jobs = List.of();

    DispatchTally(int events) {
        this.events = events;
    }

    void unparseable() {
        unparseable++;
    }

    void ignored() {
        ignored++;
    }

    /** The jobs whose outcomes complete the report; called once, before any of them is submitted. */
    void expect(List<EventJob> submitted) {
        this.jobs = submitted;
        outstanding.set(submitted.size());
    }

    DispatchReport report() {
        int dispatched = 0;
        int duplicates = 0;
        int failed = 0;
        for (EventJob job : jobs) {
            switch (job.outcome()) {
                case DISPATCHED -> dispatched++;
                case DUPLICATE -> duplicates++;
                default -> failed++;
            }
        }
        return new DispatchReport(events, dispatched, duplicates, failed, unparseable, ignored);
    }

    void finishedOne() {
        if (outstanding.decrementAndGet() == 0) {
            future.complete(report());
        }
    }
}
