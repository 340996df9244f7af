package io.messengerkit.graph;

import io.messengerkit.graph.GraphClient.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps one page's Send API calls under Meta's per-page rates: at most {@code perSecond} calls in
 * any one-second window, and separately at most {@code mediaPerSecond} audio or video sends.
 *
 * <p>The window has {@code perSecond} slots, taken in arrival order. A call may start one second
 * after the call that last held its slot <em>finished</em> (its answer or failure arrived), not one
 * second after that call was started: the moment Meta counts a call lies somewhere between the two,
 * and on a busy client or network a call can reach Meta well after it was released. Counting from
 * the answer means no {@code perSecond + 1} calls can ever reach Meta within one second, whatever
 * the delays on the way, which avoids earning rate-limit errors that would stop the page for
 * minutes. A burst therefore drains at slightly under {@code perSecond} calls a second (by the
 * calls' round-trip time). Waiting never holds a thread.
 *
 * <p>Every permit must be {@linkplain Permit#release() released} once its call has finished,
 * successfully or not; until then its slot stays taken.
 */
final class SendRateLimiter {
    /** Added to the one second, for the millisecond resolution of the clock. */
    private static final long MARGIN_MILLIS = 1;

    private final Window general;
    private final Window media;
    private final Clock clock;
    private final Sleeper sleeper;

    /**
     * A limiter for one page.
     *
     * @param perSecond sends per second
     * @param mediaPerSecond audio and video sends per second
     * @param clock the time source
     * @param sleeper how to wait
     */
    SendRateLimiter(int perSecond, int mediaPerSecond, Clock clock, Sleeper sleeper) {
        this.general = new Window(perSecond);
        this.media = new Window(mediaPerSecond);
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The right to start one call; release it when the call has finished. */
    interface Permit {
        /** Frees the slot: the next call in it may start one second from now. Idempotent. */
        void release();
    }

    /**
     * Completes with a permit when a call of the given kind may start.
     *
     * @param audioOrVideo true for audio or video sends
     * @return completes when the call may start
     */
    CompletableFuture<Permit> acquire(boolean audioOrVideo) {
        Slot slot = new Slot();
        CompletableFuture<Slot> previous = (audioOrVideo ? media : general).take(slot);
        if (previous == null) {
            return CompletableFuture.completedFuture(slot);
        }
        return previous.thenCompose(this::oneSecondAfter).thenApply(ignored -> slot);
    }

    private CompletableFuture<Void> oneSecondAfter(Slot previous) {
        long wait = previous.finishedAt + 1000 + MARGIN_MILLIS - clock.millis();
        return wait <= 0 ? CompletableFuture.completedFuture(null) : sleeper.sleep(Duration.ofMillis(wait));
    }

    /** One call's hold on a slot; completes (with itself) when the call has finished. */
    private final class Slot extends CompletableFuture<Slot> implements Permit {
        private volatile long finishedAt;

        @Override
        public void release() {
            if (!isDone()) {
                finishedAt = clock.millis();
                complete(this);
            }
        }
    }

    /** The slots of one rate, each holding the last call that took it. */
    private static final class Window {
        private final Slot[] slots;
        private int next;

        Window(int size) {
            slots = new Slot[size];
        }

        /** Takes the next slot; returns the previous holder to wait for, or null when the slot was never used. */
        synchronized CompletableFuture<Slot> take(Slot slot) {
            Slot previous = slots[next];
            slots[next] = slot;
            next = (next + 1) % slots.length;
            return previous;
        }
    }
}
