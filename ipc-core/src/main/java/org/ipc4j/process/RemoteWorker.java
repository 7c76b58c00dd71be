package org.ipc4j.process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ipc4j.channel.Connection;
import org.ipc4j.channel.Pipe;
import org.ipc4j.region.SharedObject;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.state.SharedLong;
import org.ipc4j.state.SharedLongArray;
import org.ipc4j.wait.BlockingWaitStrategy;
import org.ipc4j.wait.WaitStrategy;

/**
 * One worker JVM of a pool, seen from the parent: the pipes to it, the word in which it marks the task it is
 * running ({@link RunningTaskMark}), the tasks it holds in the order it runs them, and the functions it keeps. Fields other than the final ones are guarded by the dispatcher's lock.
 */
final class RemoteWorker {
    /** Room for a full batch of map chunks; bigger messages go through message blocks. */
    private static final RingOptions PIPE_OPTIONS = RingOptions.ofCapacity(1 << 19);

    /**
     * How both ends of the pool's pipes wait: on the futex at once. A worker or reader that spins takes the CPU
     * from the threads that would feed it whenever the pool has about as many processes as there are cores
     * (measured on 2 cores: several times the throughput of spin-then-sleep).
     */
    static final WaitStrategy WAIT = new BlockingWaitStrategy(0, 0, TimeUnit.MILLISECONDS.toNanos(100));
    final JvmProcess process;
    final Connection tasksOut;
    final Connection resultsIn;
    final SharedLong runningTask;
    /** Held tasks in the order the worker runs them; modified only through hold, release, drop and withdraw. */
    /** What {@link #sampleRunningTask} last saw running (-1: none) and since when; the task killed for its timeout. */
    private long sampledTask = -1;
    private long sampledSince;
    long timedOutTask = -1;
    final ArrayDeque<PoolTask> holding = new ArrayDeque<>();
    private final SharedLongArray startWords;
    private final TaskStarts starts;
    private final ArrayDeque<Integer> freeSlots = new ArrayDeque<>(TaskStarts.SLOTS);
    /** Used by the dispatch thread only. */
    final FunctionTable functions = new FunctionTable();
    int tasksSent;
    boolean finishedATask;
    boolean tasksClosed;
    boolean gone;
    Thread reader;

    /** Starts the worker JVM; its pipe ends travel inside its target. */
    RemoteWorker(String name, ProcessTarget initializer, ProcessTarget workerExit, int maxTasksPerChild, StartMethod startMethod,
                 ProcessBuilder.Redirect output) {
        RingOptions options = PIPE_OPTIONS.withMaxMessageLength(RingOptions.maxInline(PIPE_OPTIONS.capacity()));
        Pipe tasks = Pipe.open(false, options);
        Pipe results = Pipe.open(false, options);
        SharedLong mark = SharedLong.create(RunningTaskMark.NONE);
        SharedLongArray startWords = SharedLongArray.create(TaskStarts.SLOTS);
        Connection workerTasks = tasks.first();
        Connection workerResults = results.second();
        JvmProcess child = new JvmProcess(() -> PoolWorker.run(workerTasks, workerResults, mark, startWords, initializer,
                workerExit, maxTasksPerChild));
        child.setName(name);
        if (startMethod != null) {
            child.startMethod(startMethod);
        }
        child.setDaemon(true);
        if (output != null) {
            child.redirectOutput(output);
        }
        this.tasksOut = tasks.second().withWaitStrategy(WAIT);
        this.resultsIn = results.first().withWaitStrategy(WAIT);
        this.runningTask = mark;
        this.startWords = startWords;
        this.starts = new TaskStarts(startWords);
        for (int slot = 0; slot < TaskStarts.SLOTS; slot++) {
            freeSlots.addLast(slot);
        }
        try {
            child.start();
        } catch (RuntimeException | Error e) {
            closeAndUnlinkShared();
            throw e;
        } finally {
            // the worker's ends now belong to the child (serialising handed them over)
            workerTasks.close();
            workerResults.close();
        }
        this.process = child;
    }

    boolean hasRoom(int maxHeld, int maxTasksPerChild) {
        return !gone && !tasksClosed && holding.size() < maxHeld && (maxTasksPerChild == 0 || tasksSent < maxTasksPerChild);
    }

    int room(int maxHeld, int maxTasksPerChild) {
        int room = maxHeld - holding.size();
        return maxTasksPerChild == 0 ? room : Math.min(room, maxTasksPerChild - tasksSent);
    }

    /** Takes {@code task} to send: it gets a start word, queued. Caller holds the dispatcher's lock. */
    void hold(PoolTask task) {
        Integer slot = freeSlots.pollFirst();
        if (slot == null) {
            throw new IllegalStateException("worker holds " + holding.size() + " tasks: no start word is free");
        }
        task.slot = slot;
        starts.queue(slot, task.id);
        holding.addLast(task);
    }

    /** Removes and returns the held task {@code id}: the oldest one, as the worker answers in order. */
    PoolTask release(long id) {
        PoolTask first = holding.peekFirst();
        if (first != null && first.id == id) {
            holding.pollFirst();
            freeSlot(first);
            return first;
        }
        for (PoolTask task : holding) {
            if (task.id == id) {
                drop(task);
                return task;
            }
        }
        return null;
    }

    boolean holds(PoolTask task) {
        return task.slot >= 0 && holding.contains(task);
    }

    /** Removes a held task (one the worker will never answer for); true if it was held. */
    boolean drop(PoolTask task) {
        if (!holding.remove(task)) {
            return false;
        }
        freeSlot(task);
        return true;
    }

    /** The worker is gone: it holds nothing. */
    void dropAll() {
        for (PoolTask task : holding) {
            freeSlot(task);
        }
        holding.clear();
    }

    /** Withdraws a held task the worker has not started; false if it started (it stays held). */
    boolean tryWithdraw(PoolTask task) {
        if (!starts.tryWithdraw(task.slot, task.id)) {
            return false;
        }
        task.withdrawn = true;
        return drop(task);
    }

    /** Withdraws every held task the worker has not started, and returns them. */
    List<PoolTask> withdrawAllNotStarted() {
        List<PoolTask> withdrawn = new ArrayList<>();
        for (PoolTask task : holding) {
            if (starts.tryWithdraw(task.slot, task.id)) {
                task.withdrawn = true;
                withdrawn.add(task);
            }
        }
        for (PoolTask task : withdrawn) {
            drop(task);
        }
        return withdrawn;
    }

    private void freeSlot(PoolTask task) {
        if (task.slot >= 0) {
            freeSlots.addLast(task.slot);
            task.slot = -1;
        }
    }

    /** The JVM ended: the reader drains what was sent and then ends; wake it if it cannot tell. */
    void onProcessExit() {
        try {
            reader.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reader.isAlive()) {
            // e.g. the child died before attaching its end: nobody will ever close it
            reader.interrupt();
        }
    }

    /** The id of the task the worker was running when it died, or -1 if it was between tasks. */
    /**
     * For {@link TaskTimeouts}: samples which task is running; true if it has been seen running for longer than
     * its timeout, and it is now this worker's timed-out task. Caller holds the dispatcher's lock.
     */
    boolean sampleRunningTask(long now) {
        long id = RunningTaskMark.runningTask(runningTask.get());
        if (id != sampledTask) {
            sampledTask = id;
            sampledSince = now;
            return false;
        }
        if (id < 0 || timedOutTask >= 0) {
            return false;
        }
        for (PoolTask task : holding) {
            if (task.id == id) {
                if (task.timeoutNanos > 0 && now - sampledSince >= task.timeoutNanos) {
                    timedOutTask = id;
                    return true;
                }
                return false;
            }
        }
        return false;
    }

    long taskRunningAtDeath() {
        return RunningTaskMark.runningTask(runningTask.get());
    }

    void closeAndUnlinkShared() {
        for (SharedObject object : List.of(tasksOut, resultsIn, runningTask, startWords)) {
            object.unlink();
            object.close();
        }
    }
}
