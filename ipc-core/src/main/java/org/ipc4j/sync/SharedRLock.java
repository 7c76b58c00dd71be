package org.ipc4j.sync;

import java.time.Duration;

import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionNames;

/**
 * A re-entrant lock shared by every JVM that opens it by name: Python's {@code multiprocessing.RLock}. The
 * owning thread of the owning process may lock it again; each lock needs its unlock. The hold count lives
 * in shared memory (written only by the owner) so that tools can read it. See {@link AbstractSharedLock}
 * for owner death: a waiter that takes the lock over starts with a hold count of 1.
 */
public final class SharedRLock extends AbstractSharedLock {
    private static final long serialVersionUID = 1L;

    private SharedRLock(Region region) {
        super(region);
    }

    public static SharedRLock create(String name) {
        return Region.create(name, ObjectType.RLOCK, LockDescriptor.BODY_LENGTH, bytes -> { }).buildOrClose(SharedRLock::new);
    }

    public static SharedRLock create() {
        return create(RegionNames.anonymous());
    }

    public static SharedRLock open(String name) {
        return Region.open(name, ObjectType.RLOCK).buildOrClose(SharedRLock::new);
    }

    /** As {@link #open(String)}, waiting at most {@code timeout} for another process to create it. */
    public static SharedRLock open(String name, Duration timeout) throws InterruptedException {
        Region.awaitCreated(name, timeout);
        return open(name);
    }

    public static SharedRLock openOrCreate(String name) {
        return Region.openOrCreate(name, ObjectType.RLOCK, LockDescriptor.BODY_LENGTH, bytes -> { })
                .buildOrClose(SharedRLock::new);
    }

    @Override
    public void unlock() {
        ensureOpen();
        if (!core.isHeldByCurrentThread()) {
            throw notOwner("unlock");
        }
        int holds = core.holdCount();
        if (holds > 1) {
            core.holdCount(holds - 1);
        } else {
            core.holdCount(0);
            core.release();
        }
    }

    @Override
    public int holdCount() {
        ensureOpen();
        return core.isHeld() ? core.holdCount() : 0;
    }

    /** How many holds the calling thread has: 0 if it does not hold the lock. */
    public int holdCountOfCurrentThread() {
        ensureOpen();
        return core.isHeldByCurrentThread() ? core.holdCount() : 0;
    }

    @Override
    void afterAcquire() {
        core.holdCount(1);
    }

    @Override
    boolean reenter() {
        if (!core.isHeldByCurrentThread()) {
            return false;
        }
        int holds = core.holdCount();
        if (holds == Integer.MAX_VALUE) {
            throw new IllegalMonitorStateException("SharedRLock '" + name() + "': maximum hold count exceeded");
        }
        core.holdCount(holds + 1);
        return true;
    }

    @Override
    boolean tryReenter() {
        return reenter();
    }

    @Override
    int releaseFully() {
        ensureOpen();
        if (!core.isHeldByCurrentThread()) {
            throw notOwner("wait on a condition");
        }
        int holds = core.holdCount();
        core.holdCount(0);
        core.release();
        return Math.max(holds, 1);
    }

    @Override
    void restoreHolds(int holds) {
        core.holdCount(holds);
    }
}
