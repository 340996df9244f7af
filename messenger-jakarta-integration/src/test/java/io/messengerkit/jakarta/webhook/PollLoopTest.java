package io.messengerkit.jakarta.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.jakarta.testing.Eventually;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PollLoopTest {
    final ExecutorService executor = Executors.newFixedThreadPool(4);
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final AtomicInteger rounds = new AtomicInteger();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();

    @AfterEach
    void stop() {
        executor.shutdownNow();
        scheduler.shutdownNow();
    }

    /** A loop whose rounds count themselves and block until {@code release} opens. */
    PollLoop loop(CountDownLatch entered, CountDownLatch release) {
        return new PollLoop("test", () -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            rounds.incrementAndGet();
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
        }, executor, scheduler, Duration.ofHours(1));
    }

    @Test
    void aWakeUpDuringARoundIsHandedToThatRoundWhichRunsOnceMore() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PollLoop loop = loop(entered, release);
        loop.wake();
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        loop.wake();
        // The second wake-up's task finds the round running and hands its request over.
        Thread.sleep(200);
        assertEquals(1, rounds.get(), "never two rounds at once");
        release.countDown();
        Eventually.await("the handed-over round", () -> rounds.get() == 2);
        Eventually.await("done", () -> running.get() == 0);
        Thread.sleep(100);
        assertEquals(2, rounds.get());
    }

    @Test
    void manyWakeUpsNeverRunTwoRoundsAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(0);
        PollLoop loop = loop(new CountDownLatch(1), release);
        for (int i = 0; i < 200; i++) {
            loop.wake();
        }
        Eventually.await("rounds done", () -> rounds.get() >= 1 && running.get() == 0);
        assertEquals(1, mostAtOnce.get());
    }

    @Test
    void closingStopsTheScheduleAndAwaitIdleWaitsForTheRoundStillRunning() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PollLoop loop = loop(entered, release);
        loop.start();
        assertTrue(entered.await(10, TimeUnit.SECONDS), "the first round runs at once");
        loop.close();
        assertTrue(loop.isClosed());
        assertFalse(loop.awaitIdle(() -> 0, Duration.ofMillis(50)), "a round is still running");
        release.countDown();
        assertTrue(loop.awaitIdle(() -> 0, Duration.ofSeconds(10)));
        loop.wake();
        Thread.sleep(100);
        assertEquals(1, rounds.get(), "no round after close");
    }

    @Test
    void awaitIdleAlsoWaitsForTheWorkersOwnWork() {
        PollLoop loop = new PollLoop("test", () -> { }, executor, scheduler, Duration.ofHours(1));
        AtomicInteger inFlight = new AtomicInteger(1);
        loop.close();
        assertFalse(loop.awaitIdle(inFlight::get, Duration.ofMillis(30)));
        scheduler.schedule(() -> inFlight.set(0), 50, TimeUnit.MILLISECONDS);
        assertTrue(loop.awaitIdle(inFlight::get, Duration.ofSeconds(10)));
    }

    @Test
    void aFailingRoundDoesNotStopTheNext() {
        AtomicInteger calls = new AtomicInteger();
        PollLoop loop = new PollLoop("test", () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("database hiccup");
            }
        }, executor, scheduler, Duration.ofHours(1));
        loop.wake();
        Eventually.await("first round failed", () -> calls.get() == 1);
        loop.wake();
        Eventually.await("second round ran", () -> calls.get() == 2);
    }
}
