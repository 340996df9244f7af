package io.messengerkit.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LogThrottleTest {
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    @Test
    void letsTheFirstLinesOfAWindowThroughDropsTheRestAndReportsTheirCountWithTheNextLineLetThrough() {
        LogThrottle throttle = new LogThrottle(3, MINUTE);
        long start = System.nanoTime();
        assertEquals(0, throttle.admit(start));
        assertEquals(0, throttle.admit(start + 1));
        assertEquals(0, throttle.admit(start + 2));
        for (int i = 0; i < 1_000; i++) {
            assertEquals(-1, throttle.admit(start + 3 + i), "a flood within the window is dropped");
        }
        assertEquals(1_000, throttle.admit(start + MINUTE + 10), "the next window's first line tells how many were dropped");
        assertEquals(0, throttle.admit(start + MINUTE + 11), "and the count starts again");
    }
}
