package io.messengerkit.send;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ConversationWindowStore} in this JVM's memory: fine for one instance and tests; lost on
 * restart, so an application with several instances (or that must answer with HUMAN_AGENT after a
 * restart) uses a shared store. Entries older than 7 days are dropped as new ones arrive, since no
 * rule looks further back.
 */
public final class InMemoryConversationWindowStore implements ConversationWindowStore {
    private static final long KEEP_MILLIS = java.time.Duration.ofDays(7).toMillis();
    private static final int SWEEP_EVERY = 4096;

    private final ConcurrentHashMap<String, Instant> last = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();

    private static String key(String pageId, String psid) {
        return Objects.requireNonNull(pageId, "pageId") + '\u0000' + Objects.requireNonNull(psid, "psid");
    }

    @Override
    public void recordInbound(String pageId, String psid, Instant at) {
        Objects.requireNonNull(at, "at");
        last.merge(key(pageId, psid), at, (a, b) -> a.isAfter(b) ? a : b);
        if (writes.incrementAndGet() % SWEEP_EVERY == 0) {
            Instant cutoff = at.minusMillis(KEEP_MILLIS);
            last.values().removeIf(i -> i.isBefore(cutoff));
        }
    }

    @Override
    public Optional<Instant> lastInbound(String pageId, String psid) {
        return Optional.ofNullable(last.get(key(pageId, psid)));
    }
}
