package org.ipc4j.state;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.ipc4j.errors.CorruptedException;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.os.ProcessIdentity;
import org.ipc4j.os.ProcessTable;

/**
 * The lock word of a map segment: 0 when free, else the owner's {@link ProcessIdentity}, judged by the map
 * directory's {@link ProcessTable}. A waiter that finds the owner dead takes the lock over with one
 * compare-and-set, so of several waiters exactly one does, and then repairs the segment.
 *
 * <p>Writers hold the lock for a copy and a few stores, so waiters spin, then yield, then park briefly; they
 * check the owner's liveness every few milliseconds once parked.
 */
final class SegmentLock {
    private static final int SPINS = 200;
    private static final int YIELDS = 100;
    private static final long PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long LIVENESS_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private SegmentLock() {
    }

    /** Takes the lock at {@code offset}; returns true if it was taken over from a dead owner. */
    static boolean acquire(MappedBytes bytes, int offset, long me, ProcessTable processes) {
        // CAS (volatile): pairs with the previous owner's release store of 0, so its writes to the segment are visible
        if (bytes.compareAndSetLong(offset, 0, me)) {
            return false;
        }
        long nextLivenessCheck = System.nanoTime();
        for (int round = 0; ; round++) {
            long owner = bytes.getLongVolatile(offset);
            if (owner == 0) {
                if (bytes.compareAndSetLong(offset, 0, me)) {
                    return false;
                }
                continue;
            }
            if (round < SPINS) {
                Thread.onSpinWait();
            } else if (round < SPINS + YIELDS) {
                Thread.yield();
            } else {
                long now = System.nanoTime();
                if (now - nextLivenessCheck >= 0) {
                    nextLivenessCheck = now + LIVENESS_CHECK_NANOS;
                    // CAS: of the waiters that saw the same dead owner, one wins; the others see the winner alive
                    if (!processes.isAlive(owner) && bytes.compareAndSetLong(offset, owner, me)) {
                        return true;
                    }
                }
                LockSupport.parkNanos(PARK_NANOS);
            }
        }
    }

    static void release(MappedBytes bytes, int offset, long me, String mapName, int segment) {
        long owner = bytes.getLong(offset);
        if (owner != me) {
            throw new CorruptedException("'" + mapName + "': the lock of segment " + segment + " changed under its owner"
                    + " (now 0x" + Long.toHexString(owner) + ")");
        }
        // release: pairs with the next owner's CAS, which then sees every write made under this lock
        bytes.putLongRelease(offset, 0);
    }
}
