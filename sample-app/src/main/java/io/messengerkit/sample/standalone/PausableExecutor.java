package io.messengerkit.sample.standalone;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The webhook workers' executor, which the load test can hold: while paused, tasks wait in order and run when
 * it resumes. Holding processing lets the load test measure what the webhook endpoint itself sustains
 * (verify, durable inbox write, 200) without the asynchronous processing sharing the same cores.
 */
final class PausableExecutor extends AbstractExecutorService {

    private final ExecutorService delegate;
    private final Queue<Runnable> held = new ArrayDeque<>();
    private boolean paused;

    PausableExecutor(ExecutorService delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            if (paused) {
                held.add(task);
                return;
            }
        }
        delegate.execute(task);
    }

    synchronized void pause() {
        paused = true;
    }

    void resume() {
        Runnable task;
        synchronized (this) {
            paused = false;
        }
        while (true) {
            synchronized (this) {
                task = held.poll();
            }
            if (task == null) {
                return;
            }
            delegate.execute(task);
        }
    }

    synchronized int held() {
        return held.size();
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return delegate.awaitTermination(timeout, unit);
    }
}
