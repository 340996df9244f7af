package io.messengerkit.jakarta.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    private final ExecutorService callers = Executors.newFixedThreadPool(16);
    /** Items whose transaction has committed, in commit order. */
    private final List<Integer> committed = new CopyOnWriteArrayList<>();
    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    private List<String> storeAll(List<Integer> items) {
        batches.add(List.copyOf(items));
        committed.addAll(items);
        return items.stream().map(i -> "stored " + i).toList();
    }

    @Test
    void aLoneItemIsCommittedAtOnceInItsCallersThread() {
        List<Thread> threads = new ArrayList<>();
        GroupCommit<Integer, String> commit = new GroupCommit<>(items -> {
            threads.add(Thread.currentThread());
            return storeAll(items);
        }, i -> "alone " + i, 64, 1);
        assertEquals("stored 7", commit.submit(7));
        assertEquals(List.of(Thread.currentThread()), threads);
        assertEquals(List.of(List.of(7)), batches);
    }

    @Test
    void itemsArrivingDuringACommitShareTheNextOneAndEachReturnsOnlyAfterItsCommit() throws Exception {
        CountDownLatch firstCommitEntered = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        GroupCommit<Integer, String> commit = new GroupCommit<>(items -> {
            if (first.getAndSet(false)) {
                firstCommitEntered.countDown();
                await(releaseFirst);
            }
            return storeAll(items);
        }, i -> "alone " + i, 64, 1);

        Future<String> leader = callers.submit(() -> commit.submit(0));
        assertTrue(firstCommitEntered.await(10, TimeUnit.SECONDS));
        List<Future<String>> followers = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            int item = i;
            followers.add(callers.submit(() -> {
                String result = commit.submit(item);
                // Returned: the item's own commit must be done by now.
                assertTrue(committed.contains(item), "answered before its commit: " + item);
                return result;
            }));
        }
        // Wait until all ten are queued behind the running commit; none may return meanwhile.
        Thread.sleep(300);
        assertTrue(followers.stream().noneMatch(Future::isDone), "no item returns while its commit has not run");
        releaseFirst.countDown();

        assertEquals("stored 0", leader.get(10, TimeUnit.SECONDS));
        for (int i = 1; i <= 10; i++) {
            assertEquals("stored " + i, followers.get(i - 1).get(10, TimeUnit.SECONDS));
        }
        assertEquals(List.of(0), batches.get(0));
        assertEquals(11, committed.size());
        assertTrue(batches.size() <= 3, "the ten waiting items went into few commits: " + batches);
    }

    @Test
    void aBatchNeverHoldsMoreThanTheCapAndEveryItemIsCommittedOnce() throws Exception {
        GroupCommit<Integer, String> commit = new GroupCommit<>(items -> {
            sleepQuietly(5);
            return storeAll(items);
        }, i -> "alone " + i, 4, 1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int item = i;
            results.add(callers.submit(() -> commit.submit(item)));
        }
        for (int i = 0; i < 200; i++) {
            assertEquals("stored " + i, results.get(i).get(30, TimeUnit.SECONDS));
        }
        assertTrue(batches.stream().allMatch(b -> b.size() <= 4), batches.toString());
        assertEquals(200, committed.size());
        assertEquals(200, Set.copyOf(committed).size());
        assertTrue(batches.size() < 200, "some commits were shared: " + batches.size());
    }

    @Test
    void whenABatchFailsEachCallerStoresItsOwnItemAloneAndGetsThatOutcome() throws Exception {
        CountDownLatch firstCommitEntered = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        Set<Thread> aloneThreads = ConcurrentHashMap.newKeySet();
        GroupCommit<Integer, String> commit = new GroupCommit<>(items -> {
            if (first.getAndSet(false)) {
                firstCommitEntered.countDown();
                await(releaseFirst);
                return storeAll(items);
            }
            throw new IllegalStateException("unique key violated");
        }, i -> {
            aloneThreads.add(Thread.currentThread());
            if (i == 3) {
                throw new IllegalArgumentException("cannot store 3");
            }
            return "alone " + i;
        }, 64, 1);

        Future<String> leader = callers.submit(() -> commit.submit(0));
        assertTrue(firstCommitEntered.await(10, TimeUnit.SECONDS));
        List<Future<String>> followers = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            int item = i;
            followers.add(callers.submit(() -> commit.submit(item)));
        }
        Thread.sleep(300);
        releaseFirst.countDown();

        assertEquals("stored 0", leader.get(10, TimeUnit.SECONDS));
        for (int i = 1; i <= 5; i++) {
            Future<String> f = followers.get(i - 1);
            if (i == 3) {
                Exception e = assertThrows(Exception.class, () -> f.get(10, TimeUnit.SECONDS));
                assertTrue(e.getCause() instanceof IllegalArgumentException, e.toString());
            } else {
                assertEquals("alone " + i, f.get(10, TimeUnit.SECONDS));
            }
        }
        assertEquals(List.of(0), committed, "nothing of the failed batch counts as stored");
        assertEquals(5, aloneThreads.size(), "each caller stored its own item in its own thread");
        assertFalse(aloneThreads.contains(Thread.currentThread()));
    }

    @Test
    void upToTheConcurrencyLimitCommitsRunAtOnceAndLaterItemsWaitToShareTheNext() throws Exception {
        CountDownLatch twoRunning = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean held = new AtomicBoolean(true);
        GroupCommit<Integer, String> commit = new GroupCommit<>(items -> {
            if (held.get() && items.get(0) < 2) {
                twoRunning.countDown();
                await(release);
            }
            return storeAll(items);
        }, i -> "alone " + i, 64, 2);

        Future<String> zero = callers.submit(() -> commit.submit(0));
        Future<String> one = callers.submit(() -> commit.submit(1));
        assertTrue(twoRunning.await(10, TimeUnit.SECONDS), "two commits run at once");
        List<Future<String>> later = new ArrayList<>();
        for (int i = 2; i < 6; i++) {
            int item = i;
            later.add(callers.submit(() -> commit.submit(item)));
        }
        Thread.sleep(300);
        assertTrue(later.stream().noneMatch(Future::isDone), "both commit slots are taken: the rest wait");
        held.set(false);
        release.countDown();

        assertEquals("stored 0", zero.get(10, TimeUnit.SECONDS));
        assertEquals("stored 1", one.get(10, TimeUnit.SECONDS));
        for (int i = 2; i < 6; i++) {
            assertEquals("stored " + i, later.get(i - 2).get(10, TimeUnit.SECONDS));
        }
        assertEquals(6, committed.size());
        assertEquals(6, Set.copyOf(committed).size(), "every item committed once");
        assertTrue(batches.size() <= 4, "the four waiting items shared commits: " + batches);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
