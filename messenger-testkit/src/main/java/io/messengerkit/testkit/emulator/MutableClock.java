package io.messengerkit.testkit.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that only moves when told to: the testkit's clock for time-dependent behaviour tested
 * without waiting. Give it to the emulator ({@link PlatformEmulator.Builder#clock(Clock)}) to move
 * the 24-hour window, token expiry and the per-second rate limit, or to anything else that takes a
 * {@link Clock}: a de-duplication ledger's leases and retention, an inbox's retry back-off.
 * Thread-safe; copies made with {@link #withZone(ZoneId)} move together with the original.
 */
public final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /**
     * A clock standing at the given instant, in UTC.
     *
     * @param start where the clock stands until moved
     * @return the clock
     */
    public static MutableClock at(Instant start) {
        return new MutableClock(new AtomicReference<>(start), ZoneOffset.UTC);
    }

    /**
     * A clock standing at the current time in whole seconds, in UTC: times it gives survive a round
     * trip through any database's timestamp column unchanged.
     *
     * @return the clock
     */
    public static MutableClock startingNow() {
        return at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * Moves the clock forward (or back, with a negative duration).
     *
     * @param duration how far
     */
    public void advance(Duration duration) {
        now.updateAndGet(current -> current.plus(duration));
    }

    /**
     * Puts the clock at the given instant.
     *
     * @param instant where the clock stands from now on
     */
    public void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new MutableClock(now, newZone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
