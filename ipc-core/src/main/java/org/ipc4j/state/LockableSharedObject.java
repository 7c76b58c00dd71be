package org.ipc4j.state;

import org.ipc4j.region.Region;
import org.ipc4j.region.SharedObject;
import org.ipc4j.sync.SharedRLock;

/**
 * A shared value or array with a companion lock for compound updates, Python's {@code get_lock()}: the
 * atomic methods need no lock, but a read-modify-write of several steps, or of several elements, does.
 */
public abstract class LockableSharedObject extends SharedObject {
    private static final long serialVersionUID = 1L;

    private final transient CompanionLock lock;

    protected LockableSharedObject(Region region) {
        super(region);
        this.lock = new CompanionLock(region.name());
    }

    /**
     * The re-entrant lock named {@code <name>.lock}, created by the first process that asks (so names longer than
     * 195 characters have no lock). Every process gets the same lock; this object returns the same instance.
     */
    public final SharedRLock lock() {
        ensureOpen();
        return lock.get();
    }

    /** Closes this object and, if it was opened here, its lock. */
    @Override
    public void close() {
        super.close();
        lock.close();
    }

    /** Unlinks this object and its lock. */
    @Override
    public void unlink() {
        super.unlink();
        lock.unlink();
    }
}
