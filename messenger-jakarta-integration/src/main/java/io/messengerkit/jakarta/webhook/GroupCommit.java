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
 * <p>There is no committer thread and no timer: a caller that finds fewer than
 * {@code maxConcurrent} commits running becomes a leader and commits everything queued so far (up
 * to {@code maxBatch}), its own item included; callers that arrive while all those commits run wait
 * and are committed together by the next leader. An item is therefore never delayed while a commit
 * slot is free, and under load a batch grows by itself to the items that arrived meanwhile. Each caller returns only once the transaction that holds
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
    private final int maxConcurrent;
    private int committing;

    /**
     * @param together stores a batch in one transaction, giving one result per item in order, or throws
     * @param alone stores one item on its own
     * @param maxBatch the most items one transaction holds
     * @param maxConcurrent the most transactions running at once
     */
    GroupCommit(Function<List<T>, List<R>> together, Function<T, R> alone, int maxBatch, int maxConcurrent) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be positive");
        }
        this.maxConcurrent = maxConcurrent;
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
                while (mine.state == Slot.State.TAKEN
                        || (committing >= maxConcurrent && mine.state == Slot.State.WAITING)) {
                    committed.awaitUninterruptibly();
                }
                if (mine.state != Slot.State.WAITING) {
                    break;
                }
                committing++;
                batch.clear();
                while (!waiting.isEmpty() && batch.size() < maxBatch) {
                    Slot<T, R> taken = waiting.poll();
                    taken.state = Slot.State.TAKEN;
                    batch.add(taken);
                }
                lock.unlock();
                try {
                    commit(batch);
                } finally {
                    lock.lock();
                    committing--;
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

    private static final class Slot<T, R> {
        /** Queued; taken into a batch being committed; stored by that batch; to be stored alone. */
        enum State { WAITING, TAKEN, STORED, ON_ITS_OWN }

        final T item;
        State state = State.WAITING;
        R result;

        Slot(T item) {
            this.item = item;
        }
    }
}
