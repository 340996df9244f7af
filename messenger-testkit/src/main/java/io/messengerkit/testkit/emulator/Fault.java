package io.messengerkit.testkit.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Something going wrong on purpose: an error answer, a slow answer or a dropped connection.
 * Register one with {@link PlatformEmulator#injectFault(Fault)} (the next Graph call) or
 * {@link PlatformEmulator#injectFault(String, int, Fault)} (the next calls whose path matches).
 */
public final class Fault {
    enum Kind { ERROR, DELAY, DROP }

    private final Kind kind;
    private final EmulatedGraphError error;
    private final Duration delay;

    private Fault(Kind kind, EmulatedGraphError error, Duration delay) {
        this.kind = kind;
        this.error = error;
        this.delay = delay;
    }

    /** Answers with the given Graph error instead of handling the call. */
    public static Fault error(EmulatedGraphError error) {
        return new Fault(Kind.ERROR, Objects.requireNonNull(error, "error"), Duration.ZERO);
    }

    /** HTTP 5xx with Meta's transient error body (code 2, {@code is_transient: true}). */
    public static Fault serverError(int httpStatus) {
        if (httpStatus < 500 || httpStatus > 599) {
            throw new IllegalArgumentException("a server error has a 5xx status, not " + httpStatus);
        }
        return error(EmulatedGraphError.serviceUnavailable(httpStatus));
    }

    /** Code 190 with the given subcode (458, 459, 460, 463, 464, 467). */
    public static Fault tokenInvalid(int subcode) {
        return error(EmulatedGraphError.tokenInvalid(subcode));
    }

    /** Code 613, the rate-limit answer. */
    public static Fault rateLimited() {
        return error(EmulatedGraphError.rateLimited());
    }

    /**
     * Holds the answer back for the given time, then handles the call normally. A delay longer
     * than the client's read timeout rehearses a timeout. Closing the emulator releases waiting
     * calls.
     */
    public static Fault delay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        return new Fault(Kind.DELAY, null, delay);
    }

    /** Closes the connection without any answer, as a crashed proxy would. */
    public static Fault dropConnection() {
        return new Fault(Kind.DROP, null, Duration.ZERO);
    }

    Kind kind() {
        return kind;
    }

    EmulatedGraphError graphError() {
        return error;
    }

    Duration delayDuration() {
        return delay;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ERROR -> "Fault[error " + error.httpStatus() + " code " + error.code()
                    + (error.subcode() == null ? "" : "/" + error.subcode()) + "]";
            case DELAY -> "Fault[delay " + delay + "]";
            case DROP -> "Fault[drop connection]";
        };
    }
}
