package io.messengerkit.testing;

import io.messengerkit.graph.GraphClient.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock and a sleeper on virtual time, so back-off and rate limiting are proven without sleeping.
 *
 * <p>In auto-advance mode (the default) a sleep moves the clock forward by its duration and
 * completes at once: right for one call at a time. In scheduled mode sleeps queue up and
 * {@link #runUntilIdle()} wakes them in time order, setting the clock to each wake-up time: right for
 * many concurrent calls.
 */
public final class FakeTime extends Clock implements Sleeper {
    private long nowMillis;
    private final boolean scheduled;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final PriorityQueue<Pending> pending = new PriorityQueue<>();
    private long seq;

    private record Pending(long wake, long seq, CompletableFuture<Void> future) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending o) {
            return wake != o.wake ? Long.compare(wake, o.wake) : Long.compare(seq, o.seq);
        }
    }

    private FakeTime(Instant start, boolean scheduled) {
        this.nowMillis = start.toEpochMilli();
        this.scheduled = scheduled;
    }

    /** Auto-advancing virtual time starting at {@code start}. */
    public static FakeTime autoAdvance(Instant start) {
        return new FakeTime(start, false);
    }

    /** Scheduled virtual time starting at {@code start}; drive it with {@link #runUntilIdle()}. */
    public static FakeTime scheduled(Instant start) {
        return new FakeTime(start, true);
    }

    @Override
    public synchronized CompletableFuture<Void> sleep(Duration duration) {
        sleeps.add(duration);
        if (!scheduled) {
            nowMillis += Math.max(0, duration.toMillis());
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        pending.add(new Pending(nowMillis + Math.max(0, duration.toMillis()), seq++, f));
        return f;
    }

    /** Wakes queued sleepers in time order until none is left. */
    public void runUntilIdle() {
        while (true) {
            Pending next;
            synchronized (this) {
                next = pending.poll();
                if (next == null) {
                    return;
                }
                nowMillis = Math.max(nowMillis, next.wake);
            }
            next.future.complete(null);
        }
    }

    /** Every sleep requested so far, in order. */
    public List<Duration> sleeps() {
        return new ArrayList<>(sleeps);
    }

    /** Moves the clock forward. */
    public synchronized void advance(Duration d) {
        nowMillis += d.toMillis();
    }

    @Override
    public synchronized long millis() {
        return nowMillis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
