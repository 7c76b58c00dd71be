package org.ipc4j.process;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RunnableFuture;

import org.ipc4j.process.PoolMessages.Kind;

/**
 * A submitted task, and the future its caller holds. Cancelling it withdraws it from the pool: a task that
 * has not started never starts; {@code cancel(true)} of one that is running kills its worker (a replacement
 * starts). Running it ({@link #run}) runs the function here, in the calling thread: what a caller does with
 * the tasks {@code shutdownNow()} returned.
 */
final class PoolTask extends CompletableFuture<Object> implements RunnableFuture<Object> {
    final long id;
    final Kind kind;
    final Object function;
    final Object argument;
    /** How long it may run before its worker is killed ({@link TaskTimeouts}); 0 for no limit. */
    final long timeoutNanos;
    private final PoolDispatcher pool;
    /** What shutdownNow() hands back for this task: the object the caller submitted, or this. */
    volatile Runnable submitted = this;
    /** The worker's start word of this task while a worker holds it, else -1 (the dispatcher's lock guards it). */
    int slot = -1;
    /** Taken out of the pool before it started (cancel, shutdownNow); the dispatcher's lock guards it. */
    boolean withdrawn;

    PoolTask(long id, Kind kind, Object function, Object argument, long timeoutNanos, PoolDispatcher pool) {
        this.id = id;
        this.kind = kind;
        this.function = function;
        this.argument = argument;
        this.timeoutNanos = timeoutNanos;
        this.pool = pool;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (isDone()) {
            return isCancelled();
        }
        if (!pool.withdraw(this, mayInterruptIfRunning)) {
            return false; // it is running and runs on (or has just finished)
        }
        return super.cancel(mayInterruptIfRunning);
    }

    @Override
    public void run() {
        if (isDone()) {
            return;
        }
        try {
            complete(PoolWorker.execute(kind, function, argument));
        } catch (Throwable t) {
            completeExceptionally(t);
        }
    }
}
