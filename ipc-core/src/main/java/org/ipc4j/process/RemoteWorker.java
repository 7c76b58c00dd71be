package org.ipc4j.process;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ipc4j.channel.Connection;
import org.ipc4j.channel.Pipe;
import org.ipc4j.region.SharedObject;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.state.SharedLong;
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
    final ArrayDeque<PoolTask> holding = new ArrayDeque<>();
    /** Used by the dispatch thread only. */
    final FunctionTable functions = new FunctionTable();
    int tasksSent;
    boolean finishedATask;
    boolean tasksClosed;
    boolean gone;
    Thread reader;

    /** Starts the worker JVM; its pipe ends travel inside its target. */
    RemoteWorker(String name, ProcessTarget initializer, int maxTasksPerChild, StartMethod startMethod) {
        RingOptions options = PIPE_OPTIONS.withMaxMessageLength(RingOptions.maxInline(PIPE_OPTIONS.capacity()));
        Pipe tasks = Pipe.open(false, options);
        Pipe results = Pipe.open(false, options);
        SharedLong mark = SharedLong.create(RunningTaskMark.NONE);
        Connection workerTasks = tasks.first();
        Connection workerResults = results.second();
        JvmProcess child = new JvmProcess(() -> PoolWorker.run(workerTasks, workerResults, mark, initializer, maxTasksPerChild));
        child.setName(name);
        if (startMethod != null) {
            child.startMethod(startMethod);
        }
        child.setDaemon(true);
        this.tasksOut = tasks.second().withWaitStrategy(WAIT);
        this.resultsIn = results.first().withWaitStrategy(WAIT);
        this.runningTask = mark;
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

    /** Removes and returns the held task {@code id}: the oldest one, as the worker answers in order. */
    PoolTask release(long id) {
        PoolTask first = holding.peekFirst();
        if (first != null && first.id == id) {
            return holding.pollFirst();
        }
        for (PoolTask task : holding) {
            if (task.id == id) {
                holding.remove(task);
                return task;
            }
        }
        return null;
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
    long taskRunningAtDeath() {
        return RunningTaskMark.runningTask(runningTask.get());
    }

    void closeAndUnlinkShared() {
        for (SharedObject object : List.of(tasksOut, resultsIn, runningTask)) {
            object.unlink();
            object.close();
        }
    }
}
