package org.ipc4j.state;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.ipc4j.errors.CorruptedException;
import org.ipc4j.errors.Ipc4jException;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.os.Os;
import org.ipc4j.os.ProcessId;
import org.ipc4j.os.ProcessLiveness;

/**
 * The lock word of a map segment: 0 when free, else the owner's identity {@code pid << 32 | 1 << 31 | procfs
 * << 30 | start time & 0x3FFFFFFF}. The marker bit keeps a zeroed or half-written word from naming a live
 * process. The procfs bit says which {@link ProcessLiveness} measured the start time; a waiter measuring in
 * other units, or an owner whose start time was unknown (stored as 0), falls back to "does the pid run", which
 * pid reuse can only fool towards alive. A waiter that finds the owner dead takes the lock over with one
 * compare-and-set, so of several waiters exactly one does, and then repairs the segment.
 *
 * <p>Writers hold the lock for a copy and a few stores, so waiters spin, then yield, then park briefly; they
 * check the owner's liveness every few milliseconds once parked.
 */
final class SegmentLock {
    private static final long MARKER = 1L << 31;
    private static final long PROCFS = 1L << 30;
    private static final long START_TIME_MASK = PROCFS - 1;
    private static final ProcessLiveness LIVENESS = Os.liveness();
    private static final long MY_KIND = "procfs".equals(LIVENESS.name()) ? PROCFS : 0;
    private static final int SPINS = 200;
    private static final int YIELDS = 100;
    private static final long PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long LIVENESS_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private SegmentLock() {
    }

    static long ownerWord(ProcessId process) {
        if (process.pid() <= 0 || process.pid() > 0xFFFF_FFFFL) {
            throw new Ipc4jException("pid " + process.pid() + " does not fit the 32 bits of a map's lock word");
        }
        long startTime = process.startTime() > 0 ? process.startTime() & START_TIME_MASK : 0;
        return (process.pid() << 32) | MARKER | MY_KIND | startTime;
    }

    /** Takes the lock at {@code offset}; returns true if it was taken over from a dead owner. */
    static boolean acquire(MappedBytes bytes, int offset, long me) {
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
                    if (!isAlive(owner) && bytes.compareAndSetLong(offset, owner, me)) {
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

    /** False only if the process named by {@code owner} has certainly ended (see the class comment). */
    static boolean isAlive(long owner) {
        if ((owner & MARKER) == 0) {
            return false;
        }
        long actual = LIVENESS.startTime(owner >>> 32);
        if (actual == ProcessLiveness.DEAD) {
            return false;
        }
        long recorded = owner & START_TIME_MASK;
        if (actual == ProcessLiveness.UNKNOWN || recorded == 0 || (owner & PROCFS) != MY_KIND) {
            return true;
        }
        return (actual & START_TIME_MASK) == recorded;
    }
}
