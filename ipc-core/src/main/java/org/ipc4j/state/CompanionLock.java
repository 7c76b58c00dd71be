package org.ipc4j.state;

import org.ipc4j.errors.ObjectNotFoundException;
import org.ipc4j.errors.TypeMismatchException;
import org.ipc4j.sync.SharedRLock;

/**
 * The {@link SharedRLock} that goes with a shared value or array, Python's {@code get_lock()}: named
 * {@code <object name>.lock}, opened or created on first use by whichever process asks first (or, for a
 * list, opened with its object), and unlinked with its object.
 */
final class CompanionLock {
    static final String SUFFIX = ".lock";

    private final String name;
    private volatile SharedRLock lock;

    CompanionLock(String objectName) {
        this.name = objectName + SUFFIX;
    }

    /** One opened with its object, as a list does: never created later by {@link #get()}. */
    CompanionLock(String objectName, SharedRLock opened) {
        this(objectName);
        this.lock = opened;
    }

    SharedRLock get() {
        SharedRLock opened = lock;
        if (opened == null) {
            synchronized (this) {
                opened = lock;
                if (opened == null) {
                    opened = SharedRLock.openOrCreate(name);
                    lock = opened;
                }
            }
        }
        return opened;
    }

    void close() {
        SharedRLock opened = lock;
        if (opened != null) {
            opened.close();
        }
    }

    /** Unlinks the lock whether or not this process opened it; quiet if it never existed or is not an RLock. */
    void unlink() {
        SharedRLock opened = lock;
        if (opened != null) {
            opened.unlink();
            return;
        }
        try (SharedRLock other = SharedRLock.open(name)) {
            other.unlink();
        } catch (ObjectNotFoundException | TypeMismatchException notOurs) {
            // nobody asked for the lock, or the name belongs to an object that is not this one's lock
        }
    }
}
