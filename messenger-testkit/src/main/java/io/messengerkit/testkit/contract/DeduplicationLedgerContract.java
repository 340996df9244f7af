package io.messengerkit.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.webhook.DeduplicationLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link DeduplicationLedger} must have, as a JUnit 5 test: the first claim of a
 * key wins, a released claim can be claimed again, a handled key stays handled, keys of
 * {@link #MAX_KEY_LENGTH} characters work, and exactly one of many concurrent claims wins, also
 * across two instances. Extend it in your ledger's test:
 *
 * <pre>{@code
 * class JdbcDeduplicationLedgerTest extends DeduplicationLedgerContract {
 *     protected DeduplicationLedger createLedger() { return new JdbcDeduplicationLedger(dataSource); }
 * }
 * }</pre>
 *
 * <p>Every test uses keys of its own (random), so a ledger backed by a shared database need not be
 * empty. {@link #secondInstance()} may return a ledger of another "instance" sharing the same storage
 * (a second connection pool, say): claims must be atomic across them.
 */
public abstract class DeduplicationLedgerContract {
    /** The longest key the dispatcher hands a ledger, as {@link DeduplicationLedger} documents. */
    protected static final int MAX_KEY_LENGTH = 100;

    private DeduplicationLedger ledger;
    private ExecutorService pool;

    /** The ledger under test; called before every test. */
    protected abstract DeduplicationLedger createLedger();

    /** Another ledger over the same storage, as a second application instance would have it. */
    protected DeduplicationLedger secondInstance() {
        return ledger;
    }

    /** Threads racing for the same key. */
    protected int racingThreads() {
        return 8;
    }

    @BeforeEach
    void setUpLedger() {
        ledger = createLedger();
        pool = Executors.newFixedThreadPool(racingThreads());
    }

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static String key() {
        return "m:contract-" + UUID.randomUUID();
    }

    @Test
    void theFirstClaimWinsAndLaterOnesSeeADuplicate() {
        String key = key();
        assertTrue(ledger.tryClaim(key));
        assertFalse(ledger.tryClaim(key), "claimed, still being handled");
        ledger.markDone(key);
        assertFalse(ledger.tryClaim(key), "handled");
        assertFalse(secondInstance().tryClaim(key), "handled, seen from another instance");
    }

    @Test
    void aReleasedClaimCanBeClaimedAgain() {
        String key = key();
        assertTrue(ledger.tryClaim(key));
        ledger.release(key);
        assertTrue(secondInstance().tryClaim(key));
        secondInstance().markDone(key);
        assertFalse(ledger.tryClaim(key));
    }

    @Test
    void releasingAHandledKeyKeepsItHandled() {
        String key = key();
        assertTrue(ledger.tryClaim(key));
        ledger.markDone(key);
        ledger.release(key);
        assertFalse(ledger.tryClaim(key));
    }

    @Test
    void keysAreIndependent() {
        String a = key();
        String b = key();
        assertTrue(ledger.tryClaim(a));
        assertTrue(ledger.tryClaim(b));
        ledger.release(a);
        assertFalse(ledger.tryClaim(b));
    }

    @Test
    void acceptsKeysOfTheLongestLength() {
        String prefix = "d:" + UUID.randomUUID();
        String unique = prefix + "y".repeat(MAX_KEY_LENGTH - prefix.length());
        assertEquals(MAX_KEY_LENGTH, unique.length());
        assertTrue(ledger.tryClaim(unique));
        assertFalse(ledger.tryClaim(unique));
    }

    @Test
    void exactlyOneOfManyConcurrentClaimsWins() throws Exception {
        for (int round = 0; round < 20; round++) {
            String key = key();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> claims = new ArrayList<>();
            for (int t = 0; t < racingThreads(); t++) {
                DeduplicationLedger instance = t % 2 == 0 ? ledger : secondInstance();
                claims.add(pool.submit(() -> {
                    start.await();
                    return instance.tryClaim(key);
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> claim : claims) {
                if (claim.get(30, TimeUnit.SECONDS)) {
                    winners++;
                }
            }
            assertEquals(1, winners, "round " + round);
        }
    }
}
