package io.messengerkit.webhook;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Bounded, time-limited ledger in one process. Keys live in insertion order, so expiry and
 * eviction only ever look at the oldest entries.
 */
final class InMemoryDeduplicationLedger implements DeduplicationLedger {
    private static final byte CLAIMED = 1;
    private static final byte DONE = 2;

    private final long retentionNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    private static final class Entry {
        final long since;
        byte state;

        Entry(long since, byte state) {
            this.since = since;
            this.state = state;
        }
    }

    InMemoryDeduplicationLedger(Duration retention, int maxEntries, LongSupplier nanoClock) {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive");
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.retentionNanos = retention.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    @Override
    public synchronized boolean tryClaim(String key) {
        Objects.requireNonNull(key, "key");
        long now = nanoClock.getAsLong();
        expire(now);
        if (entries.containsKey(key)) {
            return false;
        }
        entries.put(key, new Entry(now, CLAIMED));
        if (entries.size() > maxEntries) {
            Iterator<String> oldest = entries.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    @Override
    public synchronized void markDone(String key) {
        Entry entry = entries.get(key);
        if (entry != null) {
            entry.state = DONE;
        }
    }

    @Override
    public synchronized void release(String key) {
        Entry entry = entries.get(key);
        if (entry != null && entry.state == CLAIMED) {
            entries.remove(key);
        }
    }

    synchronized int size() {
        return entries.size();
    }

    private void expire(long now) {
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Entry> oldest = it.next();
            if (now - oldest.getValue().since < retentionNanos) {
                return;
            }
            it.remove();
        }
    }

    @Override
    public String toString() {
        return "InMemoryDeduplicationLedger[retention=" + Duration.ofNanos(retentionNanos) + ", maxEntries="
                + maxEntries + "]";
    }
}
