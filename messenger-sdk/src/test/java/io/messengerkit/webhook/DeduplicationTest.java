package io.messengerkit.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.webhook.event.DeliveryEvent;
import io.messengerkit.webhook.event.Envelope;
import io.messengerkit.webhook.event.MessageEditEvent;
import io.messengerkit.webhook.event.MessageEvent;
import io.messengerkit.webhook.event.OptinEvent;
import io.messengerkit.webhook.event.ReactionEvent;
import io.messengerkit.webhook.event.ReadEvent;
import io.messengerkit.webhook.event.WebhookEvent;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeduplicationTest {
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final InMemoryDeduplicationLedger ledger =
            new InMemoryDeduplicationLedger(Duration.ofMinutes(10), 3, nanos::get);

    private static Envelope envelope(long timestamp) {
        return new Envelope("page", "p1", "u1", null, "p1", timestamp, false);
    }

    @Test
    void claimsAKeyOnlyOnce() {
        assertTrue(ledger.tryClaim("m:1"));
        assertFalse(ledger.tryClaim("m:1"), "still being handled");
        ledger.markDone("m:1");
        assertFalse(ledger.tryClaim("m:1"), "handled already");
    }

    @Test
    void releasedClaimsCanBeClaimedAgainButDoneOnesStay() {
        assertTrue(ledger.tryClaim("m:1"));
        ledger.release("m:1");
        assertTrue(ledger.tryClaim("m:1"));
        ledger.markDone("m:1");
        ledger.release("m:1");
        assertFalse(ledger.tryClaim("m:1"), "release after markDone changes nothing");
    }

    @Test
    void forgetsKeysAfterTheRetention() {
        assertTrue(ledger.tryClaim("m:1"));
        ledger.markDone("m:1");
        nanos.addAndGet(Duration.ofMinutes(10).toNanos() - 1);
        assertFalse(ledger.tryClaim("m:1"));
        nanos.addAndGet(1);
        assertTrue(ledger.tryClaim("m:1"));
    }

    @Test
    void staysWithinItsBoundEvictingTheOldest() {
        for (String key : List.of("a", "b", "c", "d")) {
            assertTrue(ledger.tryClaim(key));
        }
        assertEquals(3, ledger.size());
        assertTrue(ledger.tryClaim("a"), "the oldest key was evicted");
        assertFalse(ledger.tryClaim("d"));
    }

    @Test
    void rejectsNonsenseConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> DeduplicationLedger.inMemory(Duration.ZERO, 10));
        assertThrows(IllegalArgumentException.class, () -> DeduplicationLedger.inMemory(Duration.ofMinutes(1), 0));
    }

    @Test
    void keysByMidWhereTheMidIdentifiesTheEvent() {
        assertEquals("m:m_1", DeduplicationKeys.of(new MessageEvent(envelope(1), "m_1", "a", null, null, List.of(), false, false)));
        assertEquals("m:m_1", DeduplicationKeys.of(new MessageEvent(envelope(2), "m_1", "b", null, null, List.of(), false, false)),
                "a redelivery is the same message whatever else changed");
        assertEquals("x:m_1:1", DeduplicationKeys.of(new MessageEditEvent(envelope(3), "m_1", "c", 1)));
        assertEquals("x:m_1:2", DeduplicationKeys.of(new MessageEditEvent(envelope(4), "m_1", "d", 2)));
    }

    @Test
    void spellsOutReceiptKeys() {
        assertEquals("r:p1:u1:4:5", DeduplicationKeys.of(new ReadEvent(envelope(5), 4, null)));
        assertEquals("v:p1:u1:4:5", DeduplicationKeys.of(new DeliveryEvent(envelope(5), List.of("m_1"), 4)));
        assertNotEquals(DeduplicationKeys.of(new ReadEvent(envelope(5), 4, null)),
                DeduplicationKeys.of(new ReadEvent(envelope(6), 4, null)));
        // Ids that are not plain tokens could make spelled-out keys ambiguous: they are digested.
        Envelope odd = new Envelope("page", "p:1", "u1", null, "p1", 5, false);
        assertTrue(DeduplicationKeys.of(new ReadEvent(odd, 4, null)).startsWith("d:"));
        assertTrue(DeduplicationKeys.of(new ReadEvent(envelope(5), 4, "m_ig")).startsWith("d:"));
    }

    @Test
    void digestsEventsWithoutTheirOwnMid() {
        String optin = DeduplicationKeys.of(new OptinEvent(envelope(5), null, "ref-1", null, null, null, null, null,
                null, null, null, null));
        assertTrue(optin.startsWith("d:"));
        assertEquals(optin, DeduplicationKeys.of(new OptinEvent(envelope(5), null, "ref-1", null, null, null, null,
                null, null, null, null, null)), "stable");
        assertNotEquals(optin, DeduplicationKeys.of(new OptinEvent(envelope(5), null, "ref-2", null, null, null, null,
                null, null, null, null, null)));
        // A reaction names the message reacted to, not itself: react and unreact must not collide.
        String react = DeduplicationKeys.of(new ReactionEvent(envelope(7), "love", "x", "react", "m_1"));
        String unreact = DeduplicationKeys.of(new ReactionEvent(envelope(8), null, null, "unreact", "m_1"));
        assertNotEquals(react, unreact);
        assertNotEquals("m:m_1", react);
    }

    @Test
    void digestsNonAsciiFieldsByTheirBytes() {
        String heart = DeduplicationKeys.of(new ReactionEvent(envelope(7), "love", "\u2764\uFE0F", "react", "m_1"));
        String smile = DeduplicationKeys.of(new ReactionEvent(envelope(7), "love", "\uD83D\uDE00", "react", "m_1"));
        assertNotEquals(heart, smile);
        assertEquals(heart, DeduplicationKeys.of(new ReactionEvent(envelope(7), "love", "\u2764\uFE0F", "react", "m_1")));
        // Field boundaries count: moving text from one field into the next is another event.
        assertNotEquals(DeduplicationKeys.of(new ReactionEvent(envelope(7), "ab", "c", "react", "m_1")),
                DeduplicationKeys.of(new ReactionEvent(envelope(7), "a", "bc", "react", "m_1")));
        assertNotEquals(DeduplicationKeys.of(new ReactionEvent(envelope(7), "\u00e9", null, "react", "m_1")),
                DeduplicationKeys.of(new ReactionEvent(envelope(7), null, "\u00e9", "react", "m_1")));
    }

    @Test
    void keysStayShortAndPrintable() {
        String longMid = "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAxODgxNzQ2NTgyOjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI1"
                + "OTY4NTk1Mjg0NjM2MDMxMDozMTQ2MTg4MjU2NjAwNTE1NjU0NjY0MjIwNjM1MDgyODgw";
        String key = DeduplicationKeys.of(new MessageEvent(envelope(1), longMid, "a", null, null, List.of(), false, false));
        assertTrue(key.length() <= DeduplicationKeys.MAX_KEY_LENGTH, key);
        assertTrue(key.startsWith("m#"));
        assertEquals(key, DeduplicationKeys.of(new MessageEvent(envelope(9), longMid, "b", null, null, List.of(), false, false)));
    }

    @Test
    void everyCorpusEventGetsADistinctKey() {
        Set<String> keys = new HashSet<>();
        int events = 0;
        for (String name : Corpus.ALL) {
            if (name.equals("reactions-and-edits.json") || name.equals("multi-page-batch.json")) {
                continue; // they repeat mids on purpose
            }
            for (WebhookEvent event : WebhookParser.create().parse(Corpus.bytes(name)).events()) {
                events++;
                String key = DeduplicationKeys.of(event);
                assertTrue(key.length() <= DeduplicationKeys.MAX_KEY_LENGTH);
                keys.add(key);
            }
        }
        assertEquals(events, keys.size());
    }
}
