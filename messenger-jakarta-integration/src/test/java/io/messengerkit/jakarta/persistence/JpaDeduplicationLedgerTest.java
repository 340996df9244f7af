package io.messengerkit.jakarta.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.jakarta.testing.TestDatabase;
import io.messengerkit.testkit.contract.DeduplicationLedgerContract;
import io.messengerkit.testkit.emulator.MutableClock;
import io.messengerkit.webhook.DeduplicationLedger;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

class JpaDeduplicationLedgerTest {

    /** The contract every ledger keeps, plus what only a database-backed ledger promises. */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Cases extends DeduplicationLedgerContract {
        TestDatabase db;
        EntityManagerFactory secondInstance;
        MutableClock clock = MutableClock.startingNow();

        abstract TestDatabase open();

        @BeforeAll
        void start() {
            db = open();
            secondInstance = db.openAnotherFactory();
        }

        @AfterAll
        void stop() {
            secondInstance.close();
            db.close();
        }

        @Override
        protected DeduplicationLedger createLedger() {
            return ledger(db.transactions());
        }

        @Override
        protected DeduplicationLedger secondInstance() {
            return ledger(new ResourceLocalTransactions(secondInstance));
        }

        JpaDeduplicationLedger ledger(JpaTransactions tx) {
            return new JpaDeduplicationLedger(tx, clock, Duration.ofMinutes(2));
        }

        static String key() {
            return "m:" + UUID.randomUUID();
        }

        @Test
        void keysThatDifferOnlyInCaseOrATrailingSpaceAreDifferentEvents() {
            // Meta's message ids are case-sensitive; MariaDB's default collations would call these equal.
            String key = key() + "AbC";
            JpaDeduplicationLedger ledger = ledger(db.transactions());
            assertTrue(ledger.tryClaim(key));
            assertTrue(ledger.tryClaim(key.toLowerCase(java.util.Locale.ROOT)));
            assertTrue(ledger.tryClaim(key + " "));
            assertFalse(ledger.tryClaim(key));
        }

        @Test
        void exactlyOneOfManyRacingInstancesClaimsAnEvent() throws Exception {
            List<JpaDeduplicationLedger> ledgers = List.of(ledger(db.transactions()),
                    ledger(new ResourceLocalTransactions(secondInstance)));
            for (int round = 0; round < 5; round++) {
                String key = key();
                ExecutorService pool = Executors.newFixedThreadPool(8);
                try {
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<Boolean>> claims = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        JpaDeduplicationLedger l = ledgers.get(i % 2);
                        claims.add(pool.submit(() -> {
                            go.await();
                            return l.tryClaim(key);
                        }));
                    }
                    go.countDown();
                    int winners = 0;
                    for (Future<Boolean> f : claims) {
                        winners += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
                    }
                    assertEquals(1, winners, "round " + round);
                } finally {
                    pool.shutdownNow();
                }
            }
        }

        @Test
        void aDoneEventStaysClaimedAndAReleasedOneCanBeClaimedAgain() {
            JpaDeduplicationLedger ledger = ledger(db.transactions());
            String done = key();
            assertTrue(ledger.tryClaim(done));
            ledger.markDone(done);
            clock.advance(Duration.ofMinutes(30));
            assertFalse(ledger.tryClaim(done), "handled events are never handled again");

            String failed = key();
            assertTrue(ledger.tryClaim(failed));
            assertFalse(ledger.tryClaim(failed), "being handled");
            ledger.release(failed);
            assertTrue(ledger.tryClaim(failed), "released for a retry");
        }

        @Test
        void aClaimOfADeadInstanceIsTakenOverAfterTheLease() {
            String key = key();
            assertTrue(ledger(db.transactions()).tryClaim(key));
            JpaDeduplicationLedger other = ledger(new ResourceLocalTransactions(secondInstance));
            assertFalse(other.tryClaim(key));
            clock.advance(Duration.ofMinutes(3));
            assertTrue(other.tryClaim(key));
            assertFalse(ledger(db.transactions()).tryClaim(key), "the takeover renewed the claim");
        }

        @Test
        void purgeForgetsOnlyOldHandledEvents() {
            JpaDeduplicationLedger ledger = ledger(db.transactions());
            String old = key();
            assertTrue(ledger.tryClaim(old));
            ledger.markDone(old);
            clock.advance(Duration.ofHours(7));
            String recent = key();
            assertTrue(ledger.tryClaim(recent));
            ledger.markDone(recent);
            assertTrue(ledger.purgeDoneBefore(clock.instant().minus(Duration.ofHours(6))) >= 1);
            assertTrue(ledger.tryClaim(old), "forgotten after the retention");
            assertFalse(ledger.tryClaim(recent));
        }
    }

    @Nested
    class OnH2 extends Cases {
        @Override
        TestDatabase open() {
            return TestDatabase.h2();
        }
    }

    @Nested
    @EnabledIfEnvironmentVariable(named = TestDatabase.POSTGRES_URL_VARIABLE, matches = ".+")
    class OnPostgres extends Cases {
        @Override
        TestDatabase open() {
            return TestDatabase.postgres();
        }
    }

    @Nested
    @EnabledIfEnvironmentVariable(named = TestDatabase.MARIADB_URL_VARIABLE, matches = ".+")
    class OnMariaDb extends Cases {
        @Override
        TestDatabase open() {
            return TestDatabase.mariadb();
        }
    }
}
