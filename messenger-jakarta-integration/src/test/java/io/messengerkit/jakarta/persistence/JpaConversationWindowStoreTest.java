package io.messengerkit.jakarta.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.jakarta.testing.TestDatabase;
import io.messengerkit.send.Message;
import io.messengerkit.send.MessageTag;
import io.messengerkit.send.MessagingWindowClosedException;
import io.messengerkit.send.MessagingWindowPolicy;
import io.messengerkit.send.SendRequest;
import io.messengerkit.testkit.emulator.MutableClock;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

class JpaConversationWindowStoreTest {

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Cases {
        TestDatabase db;
        EntityManagerFactory secondInstance;
        final Instant start = Instant.parse("2026-11-25T09:00:00.123456Z");

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

        JpaConversationWindowStore store() {
            return new JpaConversationWindowStore(db.transactions());
        }

        static String psid() {
            return "psid-" + UUID.randomUUID();
        }

        @Test
        void recordsTheLatestInteractionWithMicroseconds() {
            String psid = psid();
            JpaConversationWindowStore store = store();
            assertEquals(Optional.empty(), store.lastInbound("page-1", psid));
            store.recordInbound("page-1", psid, start);
            store.recordInbound("page-1", psid, start.minusSeconds(60));
            assertEquals(Optional.of(start), store.lastInbound("page-1", psid));
            store.recordInbound("page-1", psid, start.plusSeconds(5));
            assertEquals(Optional.of(start.plusSeconds(5)), store.lastInbound("page-1", psid));
            assertEquals(Optional.empty(), store.lastInbound("page-2", psid), "pages are kept apart");
        }

        @Test
        void anotherInstanceSeesWhatOneRecorded() {
            String psid = psid();
            store().recordInbound("page-1", psid, start);
            JpaConversationWindowStore other = new JpaConversationWindowStore(new ResourceLocalTransactions(secondInstance));
            assertEquals(Optional.of(start), other.lastInbound("page-1", psid));
        }

        @Test
        void concurrentFirstRecordingsKeepTheLatest() throws Exception {
            String psid = psid();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Instant at = start.plusSeconds(i);
                JpaConversationWindowStore s = i % 2 == 0 ? store()
                        : new JpaConversationWindowStore(new ResourceLocalTransactions(secondInstance));
                done.add(pool.submit(() -> {
                    go.await();
                    s.recordInbound("page-1", psid, at);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertEquals(Optional.of(start.plusSeconds(7)), store().lastInbound("page-1", psid));
        }

        @Test
        void thePolicyOnTheSharedStoreRefusesALateSendAndAllowsHumanAgent() {
            String psid = psid();
            MutableClock clock = MutableClock.at(start);
            store().recordInbound("page-1", psid, start);
            clock.advance(Duration.ofDays(2));
            MessagingWindowPolicy policy = MessagingWindowPolicy.builder().store(store()).clock(clock)
                    .humanAgentEnabled(true).build();
            assertThrows(MessagingWindowClosedException.class,
                    () -> policy.check("page-1", SendRequest.to(psid, Message.text("late"))));
            policy.check("page-1", SendRequest.to(psid, Message.text("agent")).withTag(MessageTag.HUMAN_AGENT));
        }

        @Test
        void purgeDropsOnlyRowsNoRuleNeeds() {
            String old = psid();
            String recent = psid();
            Instant now = start.plus(30, ChronoUnit.DAYS);
            store().recordInbound("page-purge", old, now.minus(Duration.ofDays(9)));
            store().recordInbound("page-purge", recent, now.minus(Duration.ofDays(6)));
            assertTrue(store().purgeOlderThan(now, Duration.ofDays(8)) >= 1);
            assertEquals(Optional.empty(), store().lastInbound("page-purge", old));
            assertTrue(store().lastInbound("page-purge", recent).isPresent());
            assertThrows(IllegalArgumentException.class, () -> store().purgeOlderThan(now, Duration.ofDays(1)));
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
