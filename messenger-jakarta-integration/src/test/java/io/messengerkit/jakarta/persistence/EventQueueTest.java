package io.messengerkit.jakarta.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.jakarta.persistence.EventQueue.Claim;
import io.messengerkit.jakarta.persistence.EventQueue.Failure;
import io.messengerkit.jakarta.persistence.EventQueue.NewEvent;
import io.messengerkit.jakarta.testing.TestDatabase;
import io.messengerkit.testkit.emulator.MutableClock;
import jakarta.persistence.EntityManagerFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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

class EventQueueTest {
    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration DEADLINE = Duration.ofMinutes(5);

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Cases {
        TestDatabase db;
        EntityManagerFactory secondInstance;
        final MutableClock clock = MutableClock.startingNow();
        EventQueue queue;
        EventQueue otherInstance;

        abstract TestDatabase open();

        @BeforeAll
        void start() {
            db = open();
            secondInstance = db.openAnotherFactory();
            queue = new EventQueue(db.transactions(), clock);
            otherInstance = new EventQueue(new ResourceLocalTransactions(secondInstance), clock);
        }

        @AfterAll
        void stop() {
            secondInstance.close();
            db.close();
        }

        /** A fresh account per test, so tests do not see each other's conversations. */
        static String account() {
            return "acc" + UUID.randomUUID().toString().substring(0, 8);
        }

        static NewEvent event(String account, String person, long time) {
            return new NewEvent("m:" + UUID.randomUUID(), account, person, time,
                    ("{\"t\":" + time + "}").getBytes(StandardCharsets.UTF_8));
        }

        List<Claim> claimOf(EventQueue q, String owner, String account) {
            return q.claim(owner, 100, LEASE, DEADLINE).stream().filter(c -> c.accountId().equals(account)).toList();
        }

        @Test
        void aRedeliveredEventIsStoredOnce() {
            String account = account();
            NewEvent e = event(account, "p1", 1);
            assertEquals(1, queue.enqueue(List.of(e)));
            assertEquals(0, queue.enqueue(List.of(e)));
            assertEquals(0, otherInstance.enqueue(List.of(e)));
            assertTrue(queue.exists(e.eventKey()));
        }

        @Test
        void onlyTheOldestEventOfAConversationIsClaimedAndTheNextOnlyAfterItIsDone() {
            String account = account();
            // Stored out of Meta's order: the later message arrived first.
            queue.enqueue(List.of(event(account, "p1", 2000), event(account, "p1", 1000), event(account, "p2", 1500)));
            List<Claim> first = claimOf(queue, "a", account);
            assertEquals(2, first.size(), "one per conversation");
            Claim p1 = first.stream().filter(c -> c.personId().equals("p1")).findFirst().orElseThrow();
            assertEquals(1000, p1.metaTime());
            assertTrue(claimOf(otherInstance, "b", account).isEmpty(), "nothing else is claimable meanwhile");
            assertTrue(queue.complete(p1, "a", null));
            List<Claim> next = claimOf(otherInstance, "b", account);
            assertEquals(1, next.size());
            assertEquals(2000, next.get(0).metaTime());
        }

        @Test
        void completingAnEventClaimsTheNextOfItsConversationInTheSameStepAndNoOther() {
            String account = account();
            queue.enqueue(List.of(event(account, "p1", 1000), event(account, "p1", 3000), event(account, "p2", 500)));
            List<Claim> first = claimOf(queue, "a", account);
            Claim p1 = first.stream().filter(c -> c.personId().equals("p1")).findFirst().orElseThrow();
            Claim p2 = first.stream().filter(c -> c.personId().equals("p2")).findFirst().orElseThrow();
            // A message Meta sent earlier, arriving late: the oldest unfinished event of the conversation comes next.
            queue.enqueue(List.of(event(account, "p1", 2000)));

            EventQueue.Completion done = queue.completeAndClaimNext(p1, "a", null, LEASE, DEADLINE);
            assertTrue(done.recorded());
            assertEquals("DONE", queue.inspect(p1.id()).orElseThrow().get("status"));
            Claim next = done.next();
            assertEquals(account, next.accountId());
            assertEquals("p1", next.personId());
            assertEquals(2000, next.metaTime());
            assertEquals(1, next.attempts());
            assertEquals("{\"t\":2000}", new String(next.body(), StandardCharsets.UTF_8));
            assertTrue(claimOf(otherInstance, "b", account).isEmpty(), "held under a lease: nothing else is claimable");
            assertTrue(queue.renew(next, "a", LEASE), "the lease is the owner's");

            EventQueue.Completion last = queue.completeAndClaimNext(p2, "a", null, LEASE, DEADLINE);
            assertTrue(last.recorded());
            assertNull(last.next(), "p2 has nothing more; p1's next event is held");
            assertTrue(queue.complete(next, "a", null));
            assertEquals(3000, claimOf(otherInstance, "b", account).get(0).metaTime());
        }

        @Test
        void aCompletionWhoseLeaseWasLostRecordsNothingAndClaimsNothing() {
            String account = account();
            queue.enqueue(List.of(event(account, "p1", 1), event(account, "p1", 2)));
            Claim mine = claimOf(queue, "a", account).get(0);
            clock.advance(LEASE.plusSeconds(1));
            Claim theirs = claimOf(otherInstance, "b", account).get(0);
            assertEquals(mine.id(), theirs.id());

            EventQueue.Completion done = queue.completeAndClaimNext(mine, "a", () -> {
                throw new AssertionError("must not run for a lost lease");
            }, LEASE, DEADLINE);
            assertFalse(done.recorded());
            assertNull(done.next());
            assertEquals("IN_PROGRESS", queue.inspect(mine.id()).orElseThrow().get("status"));
            EventQueue.Completion theirsDone = otherInstance.completeAndClaimNext(theirs, "b", null, LEASE, DEADLINE);
            assertTrue(theirsDone.recorded());
            assertEquals(2, theirsDone.next().metaTime());
        }

        @Test
        void aFailingEventHoldsItsConversationUntilItIsSetAside() {
            String account = account();
            queue.enqueue(List.of(event(account, "p1", 1), event(account, "p1", 2)));
            Claim first = claimOf(queue, "a", account).get(0);
            assertTrue(queue.retryLater(first, "a", new Failure("TRANSIENT", "HTTP 500", 2), clock.instant().plusSeconds(10)));
            assertTrue(claimOf(queue, "a", account).isEmpty(), "the retry is not due and the second waits for it");
            clock.advance(Duration.ofSeconds(11));
            Claim again = claimOf(queue, "a", account).get(0);
            assertEquals(first.id(), again.id());
            assertEquals(2, again.attempts());
            assertTrue(queue.setAside(again, "a", new Failure("RECIPIENT_UNAVAILABLE", "Graph error 551", 551), null));
            Claim second = claimOf(queue, "a", account).get(0);
            assertEquals(2, second.metaTime());
            java.util.Map<String, Object> row = queue.inspect(first.id()).orElseThrow();
            assertEquals("SET_ASIDE", row.get("status"));
            assertEquals("HTTP 500", row.get("first_error"));
            assertEquals("Graph error 551", row.get("last_error"));
            assertEquals(551, row.get("graph_error_code"));
        }

        @Test
        void aLostLeaseRecordsNothingAndTheSentReplySurvivesIt() {
            String account = account();
            queue.enqueue(List.of(event(account, "p1", 1)));
            Claim mine = claimOf(queue, "a", account).get(0);
            queue.recordSent(mine.id(), "mid.reply.1");
            clock.advance(LEASE.plusSeconds(1));
            Claim theirs = claimOf(otherInstance, "b", account).get(0);
            assertFalse(queue.renew(mine, "a", LEASE), "the lease ended and another instance claimed the event");
            assertEquals(mine.id(), theirs.id());
            assertEquals("mid.reply.1", theirs.sentMessageId(), "the new holder knows the reply went out");
            assertFalse(queue.complete(mine, "a", () -> {
                throw new AssertionError("must not run for a lost lease");
            }));
            assertFalse(queue.retryLater(mine, "a", new Failure("TRANSIENT", "x", null), clock.instant()));
            assertFalse(queue.setAside(mine, "a", new Failure("TRANSIENT", "x", null), null));
            assertTrue(otherInstance.complete(theirs, "b", null));
            assertEquals("DONE", queue.inspect(mine.id()).orElseThrow().get("status"));
        }

        @Test
        void anAttemptCutOffWhileSendingIsRecognisedByTheNextOneButAKnownFailureIsNot() {
            String account = account();
            queue.enqueue(List.of(event(account, "p1", 1)));
            Claim first = claimOf(queue, "a", account).get(0);
            assertFalse(first.sendInterrupted());
            queue.recordSendStarted(first.id());
            assertTrue(queue.retryLater(first, "a", new Failure("TRANSIENT", "HTTP 500", 2), clock.instant()));
            Claim second = claimOf(queue, "a", account).get(0);
            assertFalse(second.sendInterrupted(), "Meta answered the first send: its outcome is known");
            queue.recordSendStarted(second.id());
            clock.advance(LEASE.plusSeconds(1));
            Claim third = claimOf(otherInstance, "b", account).get(0);
            assertTrue(third.sendInterrupted(), "the second attempt died mid-send");
        }

        @Test
        void aRenewedLeaseIsNotTakenOverAndEndsOneLeaseAfterTheDeadline() {
            String account = account();
            queue.enqueue(List.of(event(account, "p1", 1)));
            Claim mine = queue.claim("a", 100, LEASE, Duration.ofSeconds(50)).stream()
                    .filter(c -> c.accountId().equals(account)).findFirst().orElseThrow();
            clock.advance(Duration.ofSeconds(20));
            assertTrue(queue.renew(mine, "a", LEASE));
            clock.advance(Duration.ofSeconds(20));
            assertTrue(claimOf(otherInstance, "b", account).isEmpty(), "renewed: still held");
            assertTrue(queue.renew(mine, "a", LEASE), "renewed before the deadline");
            clock.advance(Duration.ofSeconds(11));
            assertFalse(queue.renew(mine, "a", LEASE), "past the deadline");
            assertTrue(claimOf(otherInstance, "b", account).isEmpty(),
                    "the owner still has the last lease to record its deadline outcome");
            clock.advance(LEASE);
            assertEquals(1, claimOf(otherInstance, "b", account).size(), "stuck work whose owner is gone is taken over");
        }

        @Test
        void setAsideEventsAreListedPerAccountAndQueuedAgain() {
            String account = account();
            String other = account();
            queue.enqueue(List.of(event(account, "p1", 1), event(other, "p1", 1)));
            for (Claim c : queue.claim("a", 100, LEASE, DEADLINE)) {
                if (c.accountId().equals(account) || c.accountId().equals(other)) {
                    queue.setAside(c, "a", new Failure("OUTSIDE_WINDOW", "Graph error 10/2018278", 10), null);
                }
            }
            var listed = queue.setAside(List.of(account), 10);
            assertEquals(1, listed.size());
            assertEquals("OUTSIDE_WINDOW", listed.get(0).reason());
            assertEquals(1, listed.get(0).attempts());
            assertEquals(0, queue.requeue(List.of("nobody"), Optional.empty()));
            assertEquals(1, queue.requeue(List.of(account), Optional.of(listed.get(0).id())));
            Claim again = claimOf(queue, "a", account).get(0);
            assertEquals(1, again.attempts(), "attempts start over");
            assertEquals(1, queue.setAside(List.of(other), 10).size(), "the other tenant's event is untouched");
        }

        @Test
        void requeueingAllQueuesEveryEventSetAsideOfTheAccountsGivenAndNoOther() {
            String account = account();
            String other = account();
            queue.enqueue(List.of(event(account, "p1", 1), event(account, "p2", 1), event(other, "p1", 1)));
            for (Claim c : queue.claim("a", 100, LEASE, DEADLINE)) {
                if (c.accountId().equals(account) || c.accountId().equals(other)) {
                    queue.setAside(c, "a", new Failure("RECIPIENT_UNAVAILABLE", "Graph error 551", 551), null);
                }
            }
            assertEquals(2, queue.setAside(List.of(account), 10).size());
            assertEquals(2, queue.requeue(List.of(account), Optional.empty()));
            assertEquals(0, queue.setAside(List.of(account), 10).size());
            assertEquals(2, claimOf(queue, "a", account).size(), "both conversations' events are due again");
            assertEquals(1, queue.setAside(List.of(other), 10).size(), "the other tenant's event is untouched");
        }

        @Test
        void finishedEventsArePurgedAfterRetentionAndAPersonsEventsDeleted() {
            String account = account();
            NewEvent e = event(account, "p9", 1);
            queue.enqueue(List.of(e, event(account, "p8", 1)));
            for (Claim c : claimOf(queue, "a", account)) {
                queue.complete(c, "a", null);
            }
            assertEquals(0, queue.purgeFinishedBefore(clock.instant().minusSeconds(1)));
            clock.advance(Duration.ofDays(8));
            assertTrue(queue.purgeFinishedBefore(clock.instant().minus(Duration.ofDays(7))) >= 2);
            assertFalse(queue.exists(e.eventKey()));
            queue.enqueue(List.of(event(account, "p7", 1)));
            assertEquals(1, queue.deletePerson("p7"));
        }

        @Test
        void twoInstancesClaimingAtOnceNeverHoldOneConversationTwice() throws Exception {
            String account = account();
            List<NewEvent> events = new ArrayList<>();
            for (int person = 0; person < 10; person++) {
                for (int n = 0; n < 5; n++) {
                    events.add(event(account, "p" + person, n));
                }
            }
            queue.enqueue(events);
            Set<String> busy = ConcurrentHashMap.newKeySet();
            List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
            Set<Long> handled = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                EventQueue q = w % 2 == 0 ? queue : otherInstance;
                String owner = "w" + w;
                futures.add(pool.submit(() -> {
                    go.await();
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (handled.size() < 50 && System.nanoTime() < end) {
                        for (Claim c : claimOf(q, owner, account)) {
                            if (!busy.add(c.personId())) {
                                violations.add("two holders of " + c.personId());
                            }
                            Thread.sleep(2);
                            busy.remove(c.personId());
                            if (!handled.add(c.id())) {
                                violations.add("handled twice: " + c.id());
                            }
                            q.complete(c, owner, null);
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(90, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertEquals(List.of(), violations);
            assertEquals(50, handled.size());
            assertEquals(new HashSet<>(handled).size(), handled.size());
        }

        @Test
        void anEventWithoutTheOptionalFieldsIsStoredWithEveryRequiredColumnSet() {
            String account = account();
            queue.enqueue(List.of(event(account, "p1", 0)));
            Claim c = claimOf(queue, "a", account).get(0);
            assertNull(c.sentMessageId());
            assertEquals(1, c.leaseVersion() >= 1 ? 1 : 0);
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
