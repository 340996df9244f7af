package io.messengerkit.graph;

import io.messengerkit.graph.GraphClient.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps one page's Send API calls under Meta's per-page rates: at most {@code perSecond} calls in
 * any one-second window, and separately at most {@code mediaPerSecond} audio or video sends.
 *
 * <p>Each caller reserves a start time: the later of now and one second after the call
 * {@code perSecond} places earlier in line. The caller then waits (without holding a thread) until
 * its start time. Reservations are in arrival order, so a burst is spread evenly and never exceeds
 * the rate in any window, which avoids earning rate-limit errors that would stop the page for
 * minutes.
 */
final class SendRateLimiter {
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

    /**
     * Completes when a call of the given kind may start.
     *
     * @param audioOrVideo true for audio or video sends
     * @return completes when the call may start
     */
    CompletableFuture<Void> acquire(boolean audioOrVideo) {
        long now = clock.millis();
        long at = (audioOrVideo ? media : general).reserve(now);
        return at <= now ? CompletableFuture.completedFuture(null) : sleeper.sleep(Duration.ofMillis(at - now));
    }

    private static final class Window {
        private final long[] starts;
        private int next;

        Window(int size) {
            starts = new long[size];
            Arrays.fill(starts, Long.MIN_VALUE / 4);
        }

        synchronized long reserve(long now) {
            long at = Math.max(now, starts[next] + 1000);
            starts[next] = at;
            next = (next + 1) % starts.length;
            return at;
        }
    }
}
