package io.messengerkit.webhook;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * removes itself when its queue is empty.
 */
final class ConversationLanes {

    /** A unit of work that can be told it will never run. */
    interface Task extends Runnable {
        /** Called after {@link #run()} once the task's room is free again. */
        void completed();

        /** Called instead of {@link #run()} when the executor refused the work. */
        void rejected(Throwable cause);
    }

    private final Executor executor;
    private final Semaphore room;
    private final int maxPending;
    private final long admissionTimeoutNanos;
    /** Each lane is its own key (by page and person); {@link #probe} looks lanes up without a key object per task. */
    private final Map<Lane, Lane> lanes = new HashMap<>();
    private final Lane probe = new Lane(null, null, null);

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
     * the other side, either of which may be null (page-level events).
     */
    void submit(String pageId, String userId, Task task) {
        Lane start = null;
        synchronized (lanes) {
            probe.pageId = pageId;
            probe.userId = userId;
            Lane lane = lanes.get(probe);
            probe.pageId = null;
            probe.userId = null;
            if (lane == null) {
                lane = new Lane(pageId, userId, task);
                lanes.put(lane, lane);
                start = lane;
            } else {
                lane.enqueue(task);
            }
        }
        if (start != null) {
            start.schedule();
        }
    }

    /** Tasks queued or running now. */
    int pending() {
        return maxPending - room.availablePermits();
    }

    /** Conversations with queued or running work now. */
    int activeConversations() {
        synchronized (lanes) {
            return lanes.size();
        }
    }

    /**
     * The work of one conversation. {@code next} is the task to run on the lane's next executor turn;
     * later tasks wait in {@code queue}, created only when a conversation has more than one task in
     * flight. All fields are guarded by the {@code lanes} lock.
     */
    private final class Lane implements Runnable {
        // Final but for the probe's, which is only touched under the lock.
        private String pageId;
        private String userId;
        private Task next;
        private ArrayDeque<Task> queue;

        Lane(String pageId, String userId, Task first) {
            this.pageId = pageId;
            this.userId = userId;
            this.next = first;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Lane that && Objects.equals(pageId, that.pageId)
                    && Objects.equals(userId, that.userId);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(pageId) + Objects.hashCode(userId);
        }

        void enqueue(Task task) {
            if (queue == null) {
                queue = new ArrayDeque<>(4);
            }
            queue.add(task);
        }

        void schedule() {
            try {
                executor.execute(this);
            } catch (RejectedExecutionException e) {
                rejectAll(e);
            }
        }

        @Override
        public void run() {
            Task task;
            synchronized (lanes) {
                task = next;
            }
            try {
                task.run();
            } finally {
                room.release();
                try {
                    task.completed();
                } catch (RuntimeException e) {
                    // completed() only counts; never let it stall the lane
                }
                boolean more;
                synchronized (lanes) {
                    next = queue == null ? null : queue.poll();
                    more = next != null;
                    if (!more) {
                        lanes.remove(this);
                    }
                }
                if (more) {
                    schedule();
                }
            }
        }

        private void rejectAll(Throwable cause) {
            List<Task> dropped = new ArrayList<>();
            synchronized (lanes) {
                if (next != null) {
                    dropped.add(next);
                    next = null;
                }
                if (queue != null) {
                    dropped.addAll(queue);
                    queue.clear();
                }
                lanes.remove(this);
            }
            for (Task t : dropped) {
                room.release();
                t.rejected(cause);
            }
        }
    }
}
