package io.messengerkit.testkit.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * Every conversation between a page and a person, as the emulator saw it: what people wrote and
 * everything pages sent. Numbers entries in one sequence across all conversations.
 *
 * <p>Has its own lock, so waiting for a conversation never blocks Graph calls; code holding the
 * {@link World} lock may append (the lock order is always world, then transcripts).
 */
final class Transcripts {
    private final Map<String, List<TranscriptEntry>> byConversation = new LinkedHashMap<>();
    private long sequence;

    /**
     * Appends the entry made for the next sequence number and wakes everyone waiting.
     *
     * @param entryNumbered builds the entry given its sequence number
     * @return the entry appended
     */
    synchronized TranscriptEntry append(String pageId, String psid, LongFunction<TranscriptEntry> entryNumbered) {
        TranscriptEntry entry = entryNumbered.apply(++sequence);
        byConversation.computeIfAbsent(key(pageId, psid), k -> new ArrayList<>()).add(entry);
        notifyAll();
        return entry;
    }

    synchronized Conversation conversation(String pageId, String psid) {
        return new Conversation(pageId, psid, byConversation.getOrDefault(key(pageId, psid), List.of()));
    }

    synchronized List<Conversation> conversationsOf(String pageId) {
        List<Conversation> result = new ArrayList<>();
        byConversation.forEach((key, entries) -> {
            if (key.startsWith(pageId + "/")) {
                result.add(new Conversation(pageId, key.substring(pageId.length() + 1), entries));
            }
        });
        return result;
    }

    /** Waits, woken by each append, until the conversation satisfies the condition or the timeout passes. */
    synchronized Conversation await(String pageId, String psid, Predicate<Conversation> condition,
            Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Conversation current = conversation(pageId, psid);
        while (!condition.test(current)) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return current;
            }
            wait(Math.max(1, remaining / 1_000_000), 0);
            current = conversation(pageId, psid);
        }
        return current;
    }

    /** Forgets every entry; numbering carries on where it was. */
    synchronized void clear() {
        byConversation.clear();
    }

    private static String key(String pageId, String psid) {
        return pageId + "/" + psid;
    }
}
