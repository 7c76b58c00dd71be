package org.ipc4j.process;

import org.ipc4j.state.SharedLongArray;

/**
 * The shared words through which each task a worker holds either starts or is withdrawn, never both: one
 * word per slot, {@link #SLOTS} per worker, each slot used by one held task at a time. The parent writes
 * {@code queued(id)} before sending the task; the worker starts it only by a CAS to {@code started(id)}, the
 * parent withdraws it (cancel, {@code shutdownNow}) only by a CAS to {@code withdrawn(id)}. Whichever CAS
 * wins decides, so a cancel that returns true means the task never runs, and {@code shutdownNow} returns
 * exactly the tasks that never started. The id in the word tells a slot's tasks apart when a slot is reused.
 *
 * <pre>
 *   0                 slot never used
 *   id &lt;&lt; 2 | 1       task id sent, not started
 *   id &lt;&lt; 2 | 2       task id started (the worker won)
 *   id &lt;&lt; 2 | 3       task id withdrawn (the parent won): the worker skips it
 * </pre>
 */
final class TaskStarts {
    /** As many as a worker may hold ({@link PoolDispatcher}'s bound), so a held task always finds a free slot. */
    static final int SLOTS = 128;

    private final SharedLongArray words;

    TaskStarts(SharedLongArray words) {
        if (words.length() < SLOTS) {
            throw new IllegalArgumentException("task start words need " + SLOTS + " slots, not " + words.length());
        }
        this.words = words;
    }

    static long queued(long taskId) {
        return taskId << 2 | 1;
    }

    static long started(long taskId) {
        return taskId << 2 | 2;
    }

    static long withdrawn(long taskId) {
        return taskId << 2 | 3;
    }

    /** Parent, before the task is sent: the slot now belongs to it. */
    void queue(int slot, long taskId) {
        words.set(slot, queued(taskId));
    }

    /** Worker: true if it may run the task; false if the parent withdrew it first. */
    boolean tryStart(int slot, long taskId) {
        return slot >= 0 && slot < SLOTS && words.compareAndSet(slot, queued(taskId), started(taskId));
    }

    /** Parent: true if the task will never start here; false if the worker started it first. */
    boolean tryWithdraw(int slot, long taskId) {
        return words.compareAndSet(slot, queued(taskId), withdrawn(taskId));
    }
}
