package io.messengerkit.jakarta.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.jakarta.testing.TestDatabase;
import io.messengerkit.testkit.emulator.MutableClock;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
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

class HumanHandoffsTest {

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Cases {
        TestDatabase db;
        EntityManagerFactory secondInstance;
        final MutableClock clock = MutableClock.at(Instant.parse("2026-11-25T09:00:00.123456Z"));
        final Duration quiet = Duration.ofMinutes(30);

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

        HumanHandoffs store() {
            return new HumanHandoffs(db.transactions(), clock);
        }

        HumanHandoffs otherInstance() {
            return new HumanHandoffs(new ResourceLocalTransactions(secondInstance), clock);
        }

        static String psid() {
            return "psid-" + UUID.randomUUID();
        }

        @Test
        void aHumanReplyMakesTheConversationQuietForTheQuietPeriodSeenByEveryInstance() {
            String psid = psid();
            Instant now = clock.instant();
            store().humanTookOver("bot-a", "page-1", psid, HumanHandoffs.Reason.HUMAN_REPLIED, null, quiet);
            HumanHandoffs.Handoff h = otherInstance().active("page-1", psid).orElseThrow();
            assertEquals("bot-a", h.chatbotId());
            assertEquals(HumanHandoffs.Reason.HUMAN_REPLIED, h.reason());
            assertEquals(now, h.since());
            assertEquals(now.plus(quiet), h.quietUntil());
            assertEquals(Optional.empty(), store().active("page-2", psid), "pages are kept apart");

            clock.advance(quiet);
            assertEquals(Optional.empty(), store().active("page-1", psid), "the quiet period ended");
        }

        @Test
        void eachNewSignalProlongsTheQuietStateAndKeepsItsStart() {
            String psid = psid();
            Instant first = clock.instant();
            store().humanTookOver("bot-a", "page-1", psid, HumanHandoffs.Reason.HUMAN_REPLIED, null, quiet);
            clock.advance(Duration.ofMinutes(20));
            otherInstance().humanTookOver("bot-a", "page-1", psid, HumanHandoffs.Reason.CONTROL_LEFT, "263902037430900",
                    quiet);
            clock.advance(Duration.ofMinutes(20));
            HumanHandoffs.Handoff h = store().active("page-1", psid).orElseThrow();
            assertEquals(first, h.since());
            assertEquals(HumanHandoffs.Reason.CONTROL_LEFT, h.reason());
            assertEquals("263902037430900", h.appId());
            assertEquals(first.plus(Duration.ofMinutes(50)), h.quietUntil());
        }

        @Test
        void controlComingBackEndsTheQuietState() {
            String psid = psid();
            store().humanTookOver("bot-a", "page-1", psid, HumanHandoffs.Reason.HUMAN_REPLIED, null, quiet);
            assertTrue(otherInstance().controlReturned("page-1", psid));
            assertEquals(Optional.empty(), store().active("page-1", psid));
            assertFalse(store().controlReturned("page-1", psid), "nothing left to end");
        }

        @Test
        void listsOnlyTheChatbotsActiveConversationsNewestFirst() {
            String page = "page-" + UUID.randomUUID().toString().substring(0, 8);
            String older = psid();
            String newer = psid();
            String ended = psid();
            store().humanTookOver("bot-a", page, ended, HumanHandoffs.Reason.HUMAN_REPLIED, null, Duration.ofSeconds(1));
            store().humanTookOver("bot-a", page, older, HumanHandoffs.Reason.HUMAN_REPLIED, null, quiet);
            clock.advance(Duration.ofSeconds(2));
            store().humanTookOver("bot-a", page, newer, HumanHandoffs.Reason.OTHER_APP_REPLIED, "42", quiet);
            store().humanTookOver("bot-b", page + "-b", psid(), HumanHandoffs.Reason.HUMAN_REPLIED, null, quiet);
            List<String> listed = store().activeFor("bot-a", 100).stream().filter(h -> h.pageId().equals(page))
                    .map(HumanHandoffs.Handoff::psid).toList();
            assertEquals(List.of(newer, older), listed);
            assertTrue(store().purgeEnded() >= 1);
            assertFalse(store().controlReturned(page, ended), "the ended row was purged");
        }

        @Test
        void concurrentFirstSignalsLeaveOneRow() throws Exception {
            String psid = psid();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                HumanHandoffs s = i % 2 == 0 ? store() : otherInstance();
                done.add(pool.submit(() -> {
                    go.await();
                    s.humanTookOver("bot-a", "page-race", psid, HumanHandoffs.Reason.HUMAN_REPLIED, null, quiet);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertTrue(store().active("page-race", psid).isPresent());
            assertEquals(1L, (long) db.transactions().requiresNew(em -> em.createQuery(
                    "select count(h) from HandoffEntity h where h.psid = :p", Long.class)
                    .setParameter("p", psid).getSingleResult()));
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
