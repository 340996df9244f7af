package io.messengerkit.webhook;

/**
 * Lets at most a fixed number of log lines through per time window and counts the rest, so a flood
 * of bad deliveries cannot turn into a flood of log lines. Thread-safe.
 */
final class LogThrottle {
    private final int linesPerWindow;
    private final long windowNanos;
    private long windowStart;
    private int linesInWindow;
    private long suppressed;

    LogThrottle(int linesPerWindow, long windowNanos) {
        this.linesPerWindow = linesPerWindow;
        this.windowNanos = windowNanos;
        this.windowStart = System.nanoTime();
    }

    /**
     * Asks to log one line now.
     *
     * @return -1 when the line must be dropped; otherwise how many lines were dropped since the last
     *     one let through (0 when none), to be mentioned in this one
     */
    synchronized long admit(long nowNanos) {
        if (nowNanos - windowStart >= windowNanos) {
            windowStart = nowNanos;
            linesInWindow = 0;
        }
        if (linesInWindow >= linesPerWindow) {
            suppressed++;
            return -1;
        }
        linesInWindow++;
        long dropped = suppressed;
        suppressed = 0;
        return dropped;
    }
}
