package io.messengerkit.sample.standalone;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PausableExecutorTest {

    @Test
    void holdsTasksWhilePausedAndRunsThemInOrderOnResume() throws InterruptedException {
        ExecutorService single = Executors.newSingleThreadExecutor();
        PausableExecutor executor = new PausableExecutor(single);
        List<Integer> ran = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(3);
        executor.pause();
        for (int i = 1; i <= 3; i++) {
            int n = i;
            executor.execute(() -> {
                ran.add(n);
                done.countDown();
            });
        }
        assertEquals(3, executor.held());
        assertTrue(ran.isEmpty(), "nothing runs while paused");
        executor.resume();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of(1, 2, 3), ran);
        assertEquals(0, executor.held());
        executor.shutdown();
        assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
    }
}
