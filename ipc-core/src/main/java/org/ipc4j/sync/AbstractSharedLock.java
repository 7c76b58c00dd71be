package org.ipc4j.sync;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import org.ipc4j.region.Region;
import org.ipc4j.region.SharedObject;
import org.ipc4j.wait.WaitStrategies;
import org.ipc4j.wait.WaitStrategy;

/**
 * What {@link SharedLock} and {@link SharedRLock} share: the {@link Lock} methods, owner-death recovery,
 * and read-only views of the shared state for tools.
 *
 * <p>A lock belongs to a thread of a process: another thread, in this process or any other, cannot unlock
 * it. When the owning process dies (even by kill -9), a waiter in another process takes the lock over as
 * soon as the kernel reports the process gone where it can tell waiters (Linux pidfds: about a millisecond
 * after the process's exit, which itself takes milliseconds for a JVM), else within about 100 ms of the
 * death, and {@link #lastOwnerDied()} tells it so, like POSIX's
 * {@code EOWNERDEAD}; the data the lock protects may then be half-updated, and checking it is the new
 * owner's job. A live owner is never taken over, whatever pids the kernel reuses. One residual case stays
 * undecidable and then waits rather than risk stealing: an owner killed in the instant between its CAS and
 * its next store, whose pid is then reused by a running process before anyone looked.
 */
public abstract sealed class AbstractSharedLock extends SharedObject implements Lock permits SharedLock, SharedRLock {
    private static final long serialVersionUID = 1L;

    final transient LockCore core;

    AbstractSharedLock(Region region) {
        super(region);
        region.requireBodyLength(LockDescriptor.BODY_LENGTH, "lock");
        this.core = new LockCore(region);
    }

    @Override
    public void lock() {
        ensureOpen();
        if (core.tryAcquireFree()) {
            afterAcquire();
            return;
        }
        if (reenter()) {
            return;
        }
        core.acquireUninterruptibly();
        afterAcquire();
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        ensureOpen();
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before locking '" + name() + "'");
        }
        if (core.tryAcquireFree()) {
            afterAcquire();
            return;
        }
        if (reenter()) {
            return;
        }
        core.acquire(WaitStrategies.noDeadline(), false, true);
        afterAcquire();
    }

    /**
     * Takes the lock if it is free now, or re-enters an RLock this thread holds, or takes over from a dead
     * owner; never waits. When another process holds the lock this costs a liveness check (a read of
     * /proc), so spinning on tryLock() is slower than waiting with {@link #tryLock(long, TimeUnit)}.
     */
    @Override
    public boolean tryLock() {
        ensureOpen();
        if (core.tryAcquireFree()) {
            afterAcquire();
            return true;
        }
        if (core.isHeldByCurrentThread()) {
            return tryReenter();
        }
        if (core.tryTakeOverFromDeadOwner()) {
            afterAcquire();
            return true;
        }
        return false;
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        ensureOpen();
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before locking '" + name() + "'");
        }
        long deadline = WaitStrategies.deadline(time, unit);
        if (core.tryAcquireFree()) {
            afterAcquire();
            return true;
        }
        if (reenter()) {
            return true;
        }
        if (core.acquire(deadline, true, true)) {
            afterAcquire();
            return true;
        }
        return false;
    }

    /**
     * A new condition bound to this lock, in an anonymous region: pass it to other processes as a handle
     * (serialisation) or by {@link SharedCondition#name()}, and {@link SharedCondition#unlink()} it when done.
     * Each call makes a distinct condition, as with {@link java.util.concurrent.locks.ReentrantLock}.
     */
    @Override
    public SharedCondition newCondition() {
        ensureOpen();
        return SharedCondition.create(this);
    }

    /** True if the calling thread of this process holds the lock. */
    public boolean isHeldByCurrentThread() {
        ensureOpen();
        return core.isHeldByCurrentThread();
    }

    /**
     * True if the calling thread holds the lock and got it from a process that died holding it (the
     * previous owner's critical section may be half done). Stays true until the lock is released.
     */
    public boolean lastOwnerDied() {
        ensureOpen();
        return core.acquiredFromDeadOwner();
    }

    public boolean isLocked() {
        ensureOpen();
        return core.isHeld();
    }

    /** The pid of the owning process as that process knows it (in its own PID namespace), 0 if free. */
    public long ownerPid() {
        ensureOpen();
        return core.ownerPid();
    }

    /** How many threads sleep on the lock now, over all processes (a process killed asleep may stay counted). */
    public int sleepingWaiters() {
        ensureOpen();
        return core.sleepingWaiters();
    }

    /** How many times a waiter took the lock over from a dead owner since the lock was created. */
    public long ownerDeaths() {
        ensureOpen();
        return core.ownerDeaths();
    }

    /** How many times the lock was acquired since it was created, modulo 2^32. */
    public long acquisitions() {
        ensureOpen();
        return core.acquisitions();
    }

    /** How this process's threads wait for the lock (default {@link WaitStrategies#defaultStrategy()}). */
    public void waitStrategy(WaitStrategy strategy) {
        ensureOpen();
        core.waitStrategy(Objects.requireNonNull(strategy, "strategy"));
    }

    /** The hold count, for tools: how many unlocks the owner still owes (0 if free). */
    public abstract int holdCount();

    /** Called right after this thread acquired the lock from free or from a dead owner. */
    abstract void afterAcquire();

    /** If this thread already holds the lock: re-enter (true), or refuse with an exception. */
    abstract boolean reenter();

    /** Like {@link #reenter()} for tryLock: re-enter, or report false. */
    abstract boolean tryReenter();

    /** For a condition's await: release every hold, returning how many there were. */
    abstract int releaseFully();

    /** After a condition's await: take the lock back with the holds {@link #releaseFully()} returned. */
    final void reacquire(int holds) {
        core.acquireUninterruptibly();
        afterAcquire();
        restoreHolds(holds);
    }

    abstract void restoreHolds(int holds);

    final IllegalMonitorStateException notOwner(String action) {
        long owner = core.ownerPid();
        return new IllegalMonitorStateException(getClass().getSimpleName() + " '" + name() + "': cannot " + action
                + ", this thread does not hold it (" + (owner == 0 ? "it is free" : "held by pid " + owner) + ")");
    }
}
