package io.messengerkit.webhook;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks on a user-supplied executor so that tasks with the same conversation key run one at a
 * time in submission order, while different keys run in parallel. At most {@code maxPending} tasks
 * are queued or running at once; {@link #admit(int)} blocks up to the admission timeout for room.
 *
 * <p>A lane exists exactly while it has work: it is handed to the executor when its first task
 * arrives, runs one task per executor turn (so busy conversations cannot starve others), and
 * removes itself when its queue is empty. The task that opens a lane is that lane (it carries the
 * lane's key, queue and link in the lane table), so a conversation's work costs no lane object and
 * no map entry of its own.
 */
final class ConversationLanes {

    /**
     * A unit of work that can be told it will never run. When it is the first task of a
     * conversation without work in flight, it also serves as that conversation's lane until the
     * lane's last task has run: {@link #run()} is the lane's executor turn, which runs the lane's
     * current task's {@link #work()}.
     */
    abstract static class Task implements Runnable {
        // The lane's state while this task heads one; all guarded by the owner's lock.
        private ConversationLanes owner;
        private String pageId;
        private String userId;
        private int hash;
        /** The next lane in the same bucket of the owner's table. */
        private Task chain;
        /** The task to run on the lane's next executor turn. */
        private Task current;
        /** Later tasks of the lane, created only when a conversation has more than one task in flight. */
        private ArrayDeque<Task> queue;

        /** The work itself. */
        abstract void work();

        /** Called after {@link #work()} once the task's room is free again. */
        abstract void completed();

        /** Called instead of {@link #work()} when the executor refused the work. */
        abstract void rejected(Throwable cause);

        /** One executor turn of the lane this task heads: runs the lane's current task. */
        @Override
        public final void run() {
            ConversationLanes lanes = owner;
            // Read without the lock: 'current' was last written, under the lock, before this turn was
            // handed to the executor (which orders that write before the turn, as Executor promises),
            // and nothing writes it while a turn runs (submit() only adds to the queue).
            Task task = current;
            try {
                task.work();
            } finally {
                lanes.room.release();
                try {
                    task.completed();
                } catch (RuntimeException e) {
                    // completed() only counts; never let it stall the lane
                }
                boolean more;
                synchronized (lanes.lock) {
                    current = queue == null ? null : queue.poll();
                    more = current != null;
                    if (!more) {
                        lanes.remove(this);
                    }
                }
                if (more) {
                    schedule();
                }
            }
        }

        private void enqueue(Task task) {
            if (queue == null) {
                queue = new ArrayDeque<>(4);
            }
            queue.add(task);
        }

        private void schedule() {
            try {
                owner.executor.execute(this);
            } catch (RejectedExecutionException e) {
                rejectAll(e);
            }
        }

        private void rejectAll(Throwable cause) {
            ConversationLanes lanes = owner;
            List<Task> dropped = new ArrayList<>();
            synchronized (lanes.lock) {
                if (current != null) {
                    dropped.add(current);
                    current = null;
                }
                if (queue != null) {
                    dropped.addAll(queue);
                    queue.clear();
                }
                lanes.remove(this);
            }
            for (Task t : dropped) {
                lanes.room.release();
                t.rejected(cause);
            }
        }
    }

    private final Executor executor;
    private final Semaphore room;
    private final int maxPending;
    private final long admissionTimeoutNanos;
    private final Object lock = new Object();
    /** The lanes with work, by page and person: a hash table chained through {@link Task#chain}. */
    private Task[] table = new Task[16];
    private int size;

    ConversationLanes(Executor executor, int maxPending, Duration admissionTimeout) {
        this.executor = executor;
        this.maxPending = maxPending;
        this.room = new Semaphore(maxPending, true);
        this.admissionTimeoutNanos = admissionTimeout.toNanos();
    }

    /** Reserves room for {@code n} tasks; false when there was none within the admission timeout. */
    boolean admit(int n) {
        if (n > maxPending) {
            return false;
        }
        try {
            return admissionTimeoutNanos <= 0 ? room.tryAcquire(n)
                    : room.tryAcquire(n, admissionTimeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Returns room reserved by {@link #admit(int)} that will not be used. */
    void giveBack(int n) {
        room.release(n);
    }

    /**
     * Queues an admitted task behind the earlier tasks of its conversation: a page and the person on
     * the other side, either of which may be null (page-level events). A task is submitted once.
     */
    void submit(String pageId, String userId, Task task) {
        int hash = hash(pageId, userId);
        boolean opened = false;
        synchronized (lock) {
            Task lane = find(hash, pageId, userId);
            if (lane == null) {
                task.owner = this;
                task.pageId = pageId;
                task.userId = userId;
                task.hash = hash;
                task.current = task;
                insert(task);
                opened = true;
            } else {
                lane.enqueue(task);
            }
        }
        if (opened) {
            task.schedule();
        }
    }

    /** Tasks queued or running now. */
    int pending() {
        return maxPending - room.availablePermits();
    }

    /** Conversations with queued or running work now. */
    int activeConversations() {
        synchronized (lock) {
            return size;
        }
    }

    private static int hash(String pageId, String userId) {
        int h = 31 * Objects.hashCode(pageId) + Objects.hashCode(userId);
        return h ^ (h >>> 16);
    }

    private Task find(int hash, String pageId, String userId) {
        for (Task lane = table[hash & (table.length - 1)]; lane != null; lane = lane.chain) {
            if (lane.hash == hash && Objects.equals(lane.pageId, pageId) && Objects.equals(lane.userId, userId)) {
                return lane;
            }
        }
        return null;
    }

    private void insert(Task lane) {
        if (size >= table.length - (table.length >>> 2)) {
            grow();
        }
        int i = lane.hash & (table.length - 1);
        lane.chain = table[i];
        table[i] = lane;
        size++;
    }

    private void grow() {
        Task[] old = table;
        Task[] bigger = new Task[old.length * 2];
        for (Task head : old) {
            Task lane = head;
            while (lane != null) {
                Task following = lane.chain;
                int i = lane.hash & (bigger.length - 1);
                lane.chain = bigger[i];
                bigger[i] = lane;
                lane = following;
            }
        }
        table = bigger;
    }

    /** Unlinks a lane from the table (a no-op when it is not there). */
    private void remove(Task lane) {
        int i = lane.hash & (table.length - 1);
        Task previous = null;
        for (Task at = table[i]; at != null; previous = at, at = at.chain) {
            if (at == lane) {
                if (previous == null) {
                    table[i] = at.chain;
                } else {
                    previous.chain = at.chain;
                }
                lane.chain = null;
                size--;
                return;
            }
        }
    }
}
