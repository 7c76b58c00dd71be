package org.ipc4j.ring;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.os.ProcessIdentity;
import org.ipc4j.os.ProcessTable;

/**
 * Serialises the consumers of an MPMC ring: a 64-bit word holding the owner's {@link ProcessIdentity}, 0 when
 * free. Held while records are read and cleared, and by a consumer that began a fragmented message until it
 * ends (the ring marks that, so that others give up instead of waiting: see {@link MpmcRing}); never while
 * waiting for a message to begin. A consumer that finds
 * the lock held for a while checks the owner's liveness and takes the lock over from a dead owner with a
 * CAS from the dead stamp (two rescuers cannot both win). Threads of one process exclude each other too:
 * the CAS from 0 admits one.
 */
final class ConsumerLock {
    private static final long LIVENESS_CHECK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final int SPINS = 200;
    private static final int YIELDS = 50;

    private final MappedBytes memory;
    private final int offset;
    private final long self;
    private long watchedOwner;
    private long nextLivenessCheck;

    private final ProcessTable processes;

    ConsumerLock(MappedBytes memory, int offset, ProcessTable processes) {
        this.memory = memory;
        this.offset = offset;
        this.processes = processes;
        this.self = processes.self();
    }

    /** True if no consumer holds the lock now (an acquire read: what the last holder did before unlocking is seen). */
    boolean isFree() {
        return memory.getLongAcquire(offset) == ProcessIdentity.NONE;
    }

    boolean tryLock() {
        return memory.compareAndSetLong(offset, ProcessIdentity.NONE, self);
    }

    /**
     * Acquires the lock, or returns false as soon as {@code giveUp} holds or {@code deadlineNanos} passed
     * (checked between attempts once the first spins failed; {@link Ring#NO_LOCK_DEADLINE}: no deadline).
     * Ignores interrupts: the wait is as long as another consumer's read.
     */
    boolean lockUnless(BooleanSupplier giveUp, long deadlineNanos) {
        for (int round = 0; ; round++) {
            if (tryLock()) {
                return true;
            }
            if (round < SPINS) {
                Thread.onSpinWait();
                continue;
            }
            if (takeOverFromDeadOwner()) {
                return true;
            }
            if (giveUp.getAsBoolean() || deadlineNanos != Ring.NO_LOCK_DEADLINE && System.nanoTime() - deadlineNanos >= 0) {
                return false;
            }
            if (round < SPINS + YIELDS) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(20_000);
            }
        }
    }

    /**
     * Watches the owner across calls: once the same owner has held the lock for a check interval, asks
     * whether it still lives, and takes the lock from a dead one. Racy between threads of this process on
     * purpose: the watch only decides when to look, the CAS decides who wins.
     */
    private boolean takeOverFromDeadOwner() {
        // volatile: pairs with the owner's CAS; the takeover CAS below re-checks it
        long owner = memory.getLongVolatile(offset);
        long now = System.nanoTime();
        if (owner == ProcessIdentity.NONE || owner == self) {
            return false;
        }
        if (owner != watchedOwner) {
            watchedOwner = owner;
            nextLivenessCheck = now + LIVENESS_CHECK_INTERVAL_NANOS;
            return false;
        }
        if (now - nextLivenessCheck < 0) {
            return false;
        }
        nextLivenessCheck = now + LIVENESS_CHECK_INTERVAL_NANOS;
        return !processes.isAlive(owner) && memory.compareAndSetLong(offset, owner, self);
    }

    void unlock() {
        // release: pairs with the next owner's CAS, which then sees head and the cleared records
        memory.putLongRelease(offset, ProcessIdentity.NONE);
    }
}
