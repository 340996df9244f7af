package io.messengerkit.jakarta.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.jakarta.persistence.JpaTransactions;
import io.messengerkit.jakarta.persistence.ResourceLocalTransactions;
import io.messengerkit.jakarta.persistence.WebhookInbox;
import io.messengerkit.jakarta.persistence.WebhookInbox.State;
import io.messengerkit.jakarta.testing.Eventually;
import io.messengerkit.jakarta.testing.TestDatabase;
import io.messengerkit.testkit.emulator.MutableClock;
import jakarta.persistence.EntityManagerFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

class InboxWorkerTest {

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Cases {
        TestDatabase db;
        MutableClock clock;
        WebhookInbox inbox;
        ExecutorService executor;
        ScheduledExecutorService scheduler;

        abstract TestDatabase open();

        @BeforeAll
        void openDatabase() {
            db = open();
        }

        @AfterAll
        void closeDatabase() {
            db.close();
        }

        @BeforeEach
        void setUp() {
            db.transactions().run(em -> em.createQuery("delete from InboxEntity r").executeUpdate());
            clock = MutableClock.startingNow();
            inbox = new WebhookInbox(db.transactions(), clock);
            executor = Executors.newFixedThreadPool(4);
            scheduler = Executors.newSingleThreadScheduledExecutor();
        }

        @AfterEach
        void tearDown() throws InterruptedException {
            executor.shutdownNow();
            scheduler.shutdownNow();
            assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
        }

        InboxWorker.Builder worker(WebhookInbox box, DeliveryProcessor processor) {
            return InboxWorker.builder(box, processor)
                    .executor(executor)
                    .scheduler(scheduler)
                    .clock(clock)
                    .pollInterval(Duration.ofMillis(50))
                    .lease(Duration.ofMinutes(2))
                    .initialBackoff(Duration.ofSeconds(10));
        }

        static byte[] body(int n) {
            return ("{\"object\":\"page\",\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8);
        }

        @Test
        void processesStoredDeliveriesAndMarksThemDone() {
            Set<String> seen = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < 5; i++) {
                inbox.accept(body(i));
            }
            try (InboxWorker w = worker(inbox, b -> {
                seen.add(new String(b, StandardCharsets.UTF_8));
                return CompletableFuture.completedFuture(null);
            }).build()) {
                w.start();
                Eventually.await("5 rows done", () -> inbox.counts().get(State.DONE) == 5);
            }
            assertEquals(5, seen.size());
        }

        @Test
        void failedDeliveryIsRetriedAfterBackoffThenSucceeds() {
            long id = inbox.accept(body(1));
            AtomicInteger calls = new AtomicInteger();
            try (InboxWorker w = worker(inbox, b -> calls.incrementAndGet() == 1
                    ? CompletableFuture.failedFuture(new IllegalStateException("Send API down"))
                    : CompletableFuture.completedFuture(null)).build()) {
                w.start();
                Eventually.await("first attempt failed", () -> inbox.find(id).orElseThrow().lastError() != null
                        && inbox.find(id).orElseThrow().state() == State.PENDING);
                WebhookInbox.Item failed = inbox.find(id).orElseThrow();
                assertTrue(failed.lastError().contains("Send API down"), failed.lastError());
                assertTrue(failed.nextAttemptAt().isAfter(clock.instant().plusSeconds(9)), "backed off");
                assertEquals(1, calls.get(), "not retried before the backoff ends");
                clock.advance(Duration.ofSeconds(13));
                w.wake();
                Eventually.await("retried and done", () -> inbox.find(id).orElseThrow().state() == State.DONE);
            }
            assertEquals(2, calls.get());
            assertEquals(2, inbox.find(id).orElseThrow().attempts());
        }

        @Test
        void exhaustedAttemptsKeepTheRowAsFailed() {
            long id = inbox.accept(body(1));
            try (InboxWorker w = worker(inbox, b -> CompletableFuture.failedFuture(new IllegalStateException("always")))
                    .maxAttempts(2).build()) {
                w.start();
                Eventually.await("first failure", () -> inbox.find(id).orElseThrow().attempts() == 1
                        && inbox.find(id).orElseThrow().state() == State.PENDING);
                clock.advance(Duration.ofMinutes(1));
                w.wake();
                Eventually.await("failed for good", () -> inbox.find(id).orElseThrow().state() == State.FAILED);
            }
            assertEquals(2, inbox.find(id).orElseThrow().attempts());
            assertEquals(List.of(id), inbox.list(State.FAILED, 10).stream().map(WebhookInbox.Item::id).toList());
        }

        @Test
        void permanentFailureIsNotRetried() {
            long id = inbox.accept(body(1));
            AtomicInteger calls = new AtomicInteger();
            try (InboxWorker w = worker(inbox, b -> {
                calls.incrementAndGet();
                throw new DeliveryProcessor.PermanentDeliveryFailure("not a page delivery");
            }).build()) {
                w.start();
                Eventually.await("failed", () -> inbox.find(id).orElseThrow().state() == State.FAILED);
            }
            assertEquals(1, calls.get());
        }

        @Test
        void restartResumesRowsAWorkerClaimedButNeverFinished() throws Exception {
            long id = inbox.accept(body(7));
            CountDownLatch claimed = new CountDownLatch(1);
            // First life: the processor never completes, as if the process died mid-delivery.
            InboxWorker crashed = worker(inbox, b -> {
                claimed.countDown();
                return new CompletableFuture<>();
            }).workerId("instance-a").build();
            crashed.start();
            assertTrue(claimed.await(10, TimeUnit.SECONDS));
            crashed.close();
            assertEquals(State.PROCESSING, inbox.find(id).orElseThrow().state());

            AtomicInteger processed = new AtomicInteger();
            try (InboxWorker restarted = worker(inbox, b -> {
                processed.incrementAndGet();
                return CompletableFuture.completedFuture(null);
            }).workerId("instance-a-restarted").build()) {
                restarted.start();
                // Within the lease nobody may take the row over.
                restarted.wake();
                Thread.onSpinWait();
                assertEquals(State.PROCESSING, inbox.find(id).orElseThrow().state());
                clock.advance(Duration.ofMinutes(3));
                restarted.wake();
                Eventually.await("resumed", () -> inbox.find(id).orElseThrow().state() == State.DONE);
            }
            assertEquals(1, processed.get());
        }

        @Test
        void twoInstancesOnOneDatabaseProcessEveryRowExactlyOnce() {
            int rows = 60;
            for (int i = 0; i < rows; i++) {
                inbox.accept(body(i));
            }
            Map<String, AtomicInteger> processedCount = new ConcurrentHashMap<>();
            EntityManagerFactory secondFactory = db.openAnotherFactory();
            try {
                JpaTransactions second = new ResourceLocalTransactions(secondFactory);
                WebhookInbox otherInbox = new WebhookInbox(second, clock);
                DeliveryProcessor count = b -> {
                    processedCount.computeIfAbsent(new String(b, StandardCharsets.UTF_8), k -> new AtomicInteger())
                            .incrementAndGet();
                    return CompletableFuture.completedFuture(null);
                };
                try (InboxWorker a = worker(inbox, count).workerId("a").batchSize(5).build();
                        InboxWorker b = worker(otherInbox, count).workerId("b").batchSize(5).build()) {
                    a.start();
                    b.start();
                    // Two workers contending for 60 rows on MariaDB under Hibernate took over 20 s on a loaded two-core machine.
                    Eventually.await("all done", Duration.ofSeconds(90), () -> inbox.counts().get(State.DONE) == rows);
                }
            } finally {
                secondFactory.close();
            }
            assertEquals(rows, processedCount.size());
            processedCount.forEach((body, n) -> assertEquals(1, n.get(), "processed once: " + body));
        }

        @Test
        void concurrentClaimsOfTheSameRowsNeverOverlap() throws Exception {
            for (int i = 0; i < 30; i++) {
                inbox.accept(body(i));
            }
            ExecutorService racers = Executors.newFixedThreadPool(3);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<List<WebhookInbox.Claim>>> claims = List.of("x", "y", "z").stream()
                        .map(worker -> CompletableFuture.supplyAsync(() -> {
                            try {
                                go.await();
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                            return inbox.claimDue(worker, 30, clock.instant().plusSeconds(60));
                        }, racers))
                        .toList();
                go.countDown();
                Set<Long> ids = ConcurrentHashMap.newKeySet();
                int total = 0;
                for (var f : claims) {
                    for (WebhookInbox.Claim c : f.get(30, TimeUnit.SECONDS)) {
                        ids.add(c.id());
                        total++;
                    }
                }
                assertEquals(30, total, "every row claimed");
                assertEquals(30, ids.size(), "no row claimed twice");
            } finally {
                racers.shutdownNow();
            }
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
