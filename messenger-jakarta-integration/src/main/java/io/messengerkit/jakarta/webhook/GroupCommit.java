package io.messengerkit.jakarta.webhook;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Lets items submitted at the same moment by different threads share one transaction.
 *
 * <p>There is no committer thread and no timer: the first caller to find no commit running
 * becomes the leader and commits everything queued so far (up to {@code maxBatch}), its own item
 * included; the callers that arrive meanwhile wait and are committed together by the next leader.
 * A lone item is therefore never delayed, and under load a batch grows by itself to the items that
 * arrived during the previous commit. Each caller returns only once the transaction that holds
 * its item has committed, so an answer given after {@link #submit} never covers uncommitted work.
 * Commits run in the callers' own threads, which on an application server are managed threads
 * where container transactions work.
 *
 * <p>When a batch's transaction fails, none of its items is counted as stored: each caller then
 * stores its own item with {@code alone}, in its own thread, and gets that result or failure.
 *
 * @param <T> the item
 * @param <R> what storing an item gives back
 */
final class GroupCommit<T, R> {
    private final Function<List<T>, List<R>> together;
    private final Function<T, R> alone;
    private final int maxBatch;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition committed = lock.newCondition();
    private final ArrayDeque<Slot<T, R>> waiting = new ArrayDeque<>();
    private boolean committing;
    private long batches;
    private long items;

    /**
     * @param together stores a batch in one transaction, giving one result per item in order, or throws
     * @param alone stores one item on its own
     * @param maxBatch the most items one transaction holds
     */
    GroupCommit(Function<List<T>, List<R>> together, Function<T, R> alone, int maxBatch) {
        this.together = Objects.requireNonNull(together, "together");
        this.alone = Objects.requireNonNull(alone, "alone");
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be positive");
        }
        this.maxBatch = maxBatch;
    }

    /**
     * Stores {@code item}, together with whatever is submitted at the same moment.
     *
     * @param item the item
     * @return its result, once its transaction has committed
     * @throws RuntimeException when it could not be stored, not even alone
     */
    R submit(T item) {
        Slot<T, R> mine = new Slot<>(item);
        List<Slot<T, R>> batch = new ArrayList<>();
        lock.lock();
        try {
            waiting.add(mine);
            while (true) {
                while (committing && mine.state == Slot.State.WAITING) {
                    committed.awaitUninterruptibly();
                }
                if (mine.state != Slot.State.WAITING) {
                    break;
                }
                committing = true;
                batch.clear();
                while (!waiting.isEmpty() && batch.size() < maxBatch) {
                    batch.add(waiting.poll());
                }
                lock.unlock();
                try {
                    commit(batch);
                } finally {
                    lock.lock();
                    committing = false;
                    committed.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
        if (mine.state == Slot.State.STORED) {
            return mine.result;
        }
        return alone.apply(item);
    }

    private void commit(List<Slot<T, R>> batch) {
        List<R> results;
        try {
            results = together.apply(batch.stream().map(s -> s.item).toList());
            if (results.size() != batch.size()) {
                throw new IllegalStateException(results.size() + " results for " + batch.size() + " items");
            }
        } catch (RuntimeException e) {
            markAll(batch, Slot.State.ON_ITS_OWN);
            return;
        }
        lock.lock();
        try {
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result = results.get(i);
                batch.get(i).state = Slot.State.STORED;
            }
            batches++;
            items += batch.size();
        } finally {
            lock.unlock();
        }
    }

    private void markAll(List<Slot<T, R>> batch, Slot.State state) {
        lock.lock();
        try {
            batch.forEach(s -> s.state = state);
        } finally {
            lock.unlock();
        }
    }

    /** {@return how many batches committed and how many items they held, for tests and tuning} */
    long[] committedSoFar() {
        lock.lock();
        try {
            return new long[] {batches, items};
        } finally {
            lock.unlock();
        }
    }

    private static final class Slot<T, R> {
        enum State { WAITING, STORED, ON_ITS_OWN }

        final T item;
        State state = State.WAITING;
        R result;

        Slot(T item) {
            this.item = item;
        }
    }
}
