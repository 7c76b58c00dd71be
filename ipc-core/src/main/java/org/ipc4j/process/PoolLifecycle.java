package org.ipc4j.process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The states of a pool (running, shut down, terminated, broken, finished) and the moves between them. Shares
 * the dispatcher's lock, queue and workers; methods marked "caller holds the lock" expect it held.
 */
final class PoolLifecycle {
    private final String name;
    private final ReentrantLock lock;
    private final Condition changed;
    private final ArrayDeque<PoolTask> pending;
    private final List<RemoteWorker> workers;
    private String broken;
    private boolean shutdown;
    private boolean terminated;
    private boolean finished;

    PoolLifecycle(String name, ReentrantLock lock, Condition changed, ArrayDeque<PoolTask> pending, List<RemoteWorker> workers) {
        this.name = name;
        this.lock = lock;
        this.changed = changed;
        this.pending = pending;
        this.workers = workers;
    }

    /** Caller holds the lock. */
    void checkAccepting() {
        if (broken != null) {
            throw new BrokenPoolException(broken);
        }
        if (shutdown) {
            throw new RejectedExecutionException("pool '" + name + "' is " + (terminated ? "terminated" : "shut down")
                    + "; it takes no new tasks");
        }
    }

    /**
     * Once nothing more will be sent, closes each idle worker's task pipe (it then finishes and exits); true
     * when the last worker is gone. Caller holds the lock.
     */
    boolean finishIfDone() {
        if (!terminated && !(shutdown && pending.isEmpty())) {
            return false;
        }
        for (RemoteWorker w : workers) {
            if (!w.gone && !w.tasksClosed && (terminated || w.holding.isEmpty())) {
                w.tasksClosed = true;
                w.tasksOut.close();
            }
        }
        if (workers.isEmpty()) {
            finished = true;
            changed.signalAll();
            return true;
        }
        return false;
    }

    /** The last worker is gone. Caller holds the lock. */
    boolean isFinished() {
        return finished;
    }

    /** Caller holds the lock. */
    boolean isTerminating() {
        return terminated;
    }

    /** Caller holds the lock. */
    boolean isBroken() {
        return broken != null;
    }

    /** Caller holds the lock. */
    void markBroken(String reason) {
        if (broken == null) {
            broken = reason;
        }
    }

    /** Whether a worker that ended must be replaced. Caller holds the lock. */
    boolean needsWorkers() {
        return !terminated && !(shutdown && pending.isEmpty());
    }

    /** A broken pool fails everything queued and takes nothing more. Caller holds the lock. */
    void failPending(List<PoolTask> failed, List<Throwable> errors) {
        for (PoolTask task : pending) {
            failed.add(task);
            errors.add(new BrokenPoolException(broken));
        }
        pending.clear();
        shutdown = true;
    }

    /** The pool cannot go on (its dispatcher failed): everything fails and the workers are killed. */
    void breakDown(String reason) {
        lock.lock();
        try {
            markBroken(reason);
        } finally {
            lock.unlock();
        }
        terminate();
    }

    /** No new tasks (shutdown's state, without its signal). Caller holds the lock. */
    void stopAccepting() {
        shutdown = true;
    }

    void shutdown() {
        lock.lock();
        try {
            shutdown = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void terminate() {
        terminate(false);
    }

    /** Takes nothing more, fails what is queued, and kills the workers (SIGTERM if {@code gracefully}, else SIGKILL). */
    void terminate(boolean gracefully) {
        String reason;
        List<PoolTask> cancelled;
        List<RemoteWorker> running;
        lock.lock();
        try {
            shutdown = true;
            terminated = true;
            cancelled = new ArrayList<>(pending);
            pending.clear();
            running = new ArrayList<>(workers);
            reason = broken;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (PoolTask task : cancelled) {
            task.completeExceptionally(reason != null ? new BrokenPoolException(reason)
                    : new CancellationException("pool '" + name + "' was terminated"));
        }
        for (RemoteWorker w : running) {
            if (gracefully) {
                w.process.terminate();
            } else {
                w.process.kill();
            }
        }
    }

    boolean isShutdown() {
        lock.lock();
        try {
            return shutdown;
        } finally {
            lock.unlock();
        }
    }

    boolean isTerminated() {
        lock.lock();
        try {
            return finished;
        } finally {
            lock.unlock();
        }
    }

    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (!finished) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
