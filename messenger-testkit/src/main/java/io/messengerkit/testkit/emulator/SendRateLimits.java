package io.messengerkit.testkit.emulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Meta's Send API rate limits per page, over a sliding second: so many sends (300), of which so
 * many audio or video (10), before code 613. Also the usage a page token's calls report in
 * {@code X-Business-Use-Case-Usage}. Runs under the {@link World} lock.
 */
final class SendRateLimits {
    private final int sendsPerSecond;
    private final int mediaSendsPerSecond;
    private final Map<String, Deque<Instant>> sends = new HashMap<>();
    private final Map<String, Deque<Instant>> mediaSends = new HashMap<>();

    SendRateLimits(int sendsPerSecond, int mediaSendsPerSecond) {
        this.sendsPerSecond = sendsPerSecond;
        this.mediaSendsPerSecond = mediaSendsPerSecond;
    }

    /** Counts a send at {@code now}, or refuses it with code 613 when the page is at its limit. */
    void admit(String pageId, boolean media, Instant now) {
        Deque<Instant> times = (media ? mediaSends : sends).computeIfAbsent(pageId, k -> new ArrayDeque<>());
        prune(times, now);
        if (times.size() >= (media ? mediaSendsPerSecond : sendsPerSecond)) {
            throw new GraphErrorException(GraphError.rateLimited());
        }
        times.addLast(now);
        if (media) {
            Deque<Instant> all = sends.computeIfAbsent(pageId, k -> new ArrayDeque<>());
            prune(all, now);
            all.addLast(now);
        }
    }

    /** How much of the page's per-second send budget the last second used, 0 to 100. */
    int usagePercent(String pageId, Instant now) {
        Deque<Instant> times = sends.get(pageId);
        if (times == null) {
            return 0;
        }
        prune(times, now);
        return Math.min(100, times.size() * 100 / Math.max(1, sendsPerSecond));
    }

    private static void prune(Deque<Instant> times, Instant now) {
        Instant horizon = now.minusSeconds(1);
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.removeFirst();
        }
    }
}
