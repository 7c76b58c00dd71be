package org.ipc4j.process;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Kills a worker whose running task has run longer than the task's timeout (pebble's and loky's per-task
 * timeout). A worker does not report when it starts a task; it marks the task running in shared memory
 * ({@link RunningTaskMark}), and this thread samples those marks. A task's time counts from the first sample
 * that saw it running, so it is never killed before its timeout, and is killed at most one sampling period
 * (a tenth of the shortest timeout, between 1 and 50 ms) after it. The thread starts with the first task that
 * has a timeout and sleeps between samples; a worker stopped (SIGSTOP) in a task is killed like a busy one.
 * The timeout bounds the running only: a worker stopped after a task finished, before its result went out
 * (results leave in batches, within a millisecond), runs no task and is not killed; the result comes when it
 * runs again.
 */
final class TaskTimeouts {
    private static final long MIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final String poolName;
    private final ReentrantLock lock;
    private final List<RemoteWorker> workers;
    private final PoolLifecycle lifecycle;
    /** Guarded by the lock. */
    private long periodNanos = MAX_PERIOD_NANOS;
    private Thread sampler;

    TaskTimeouts(String poolName, ReentrantLock lock, List<RemoteWorker> workers, PoolLifecycle lifecycle) {
        this.poolName = poolName;
        this.lock = lock;
        this.workers = workers;
        this.lifecycle = lifecycle;
    }

    /** A task with a timeout was submitted. Caller holds the lock. */
    void watchFor(long timeoutNanos) {
        periodNanos = Math.min(periodNanos, Math.max(MIN_PERIOD_NANOS, timeoutNanos / 10));
        if (sampler == null) {
            sampler = new Thread(this::sampleUntilFinished, poolName + "-timeouts");
            sampler.setDaemon(true);
            sampler.start();
        }
    }

    private void sampleUntilFinished() {
        while (true) {
            long period;
            lock.lock();
            try {
                if (lifecycle.isFinished()) {
                    return;
                }
                long now = System.nanoTime();
                for (RemoteWorker worker : workers) {
                    if (!worker.gone && worker.sampleRunningTask(now)) {
                        // under the lock, right after the sample: the task is as unlikely as can be to have
                        // finished, and another to have started, before the kill lands
                        worker.process.kill();
                    }
                }
                period = periodNanos;
            } finally {
                lock.unlock();
            }
            try {
                TimeUnit.NANOSECONDS.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
