package org.ipc4j.sync;

import java.time.Duration;

import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionNames;

/**
 * A mutual-exclusion lock shared by every JVM that opens it by name: Python's {@code multiprocessing.Lock},
 * as a {@link java.util.concurrent.locks.Lock}. Not re-entrant: a thread that locks it again while holding
 * it gets an {@link IllegalMonitorStateException} (Python would deadlock); use {@link SharedRLock} for
 * re-entrance. Uncontended lock and unlock are one CAS each, with no system call and no allocation.
 * See {@link AbstractSharedLock} for what happens when an owner dies.
 */
public final class SharedLock extends AbstractSharedLock {
    private static final long serialVersionUID = 1L;

    private SharedLock(Region region) {
        super(region);
    }

    /** Creates a new lock named {@code name}; fails if the name exists. */
    public static SharedLock create(String name) {
        return Region.create(name, ObjectType.LOCK, LockDescriptor.BODY_LENGTH, bytes -> { }).buildOrClose(SharedLock::new);
    }

    /** Creates an anonymous lock (a random name), to pass to other processes as a handle. */
    public static SharedLock create() {
        return create(RegionNames.anonymous());
    }

    public static SharedLock open(String name) {
        return Region.open(name, ObjectType.LOCK).buildOrClose(SharedLock::new);
    }

    /** As {@link #open(String)}, waiting at most {@code timeout} for another process to create it. */
    public static SharedLock open(String name, Duration timeout) throws InterruptedException {
        Region.awaitCreated(name, timeout);
        return open(name);
    }

    public static SharedLock openOrCreate(String name) {
        return Region.openOrCreate(name, ObjectType.LOCK, LockDescriptor.BODY_LENGTH, bytes -> { }).buildOrClose(SharedLock::new);
    }

    @Override
    public void unlock() {
        ensureOpen();
        if (!core.isHeldByCurrentThread()) {
            throw notOwner("unlock");
        }
        core.release();
    }

    /** 1 if held, else 0. */
    @Override
    public int holdCount() {
        ensureOpen();
        return core.isHeld() ? 1 : 0;
    }

    @Override
    void afterAcquire() {
        // a plain lock keeps no hold count
    }

    @Override
    boolean reenter() {
        if (core.isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("SharedLock '" + name()
                    + "' is already held by this thread and is not re-entrant (use SharedRLock)");
        }
        return false;
    }

    @Override
    boolean tryReenter() {
        return false;
    }

    @Override
    int releaseFully() {
        unlock();
        return 1;
    }

    @Override
    void restoreHolds(int holds) {
        // nothing to restore
    }
}
