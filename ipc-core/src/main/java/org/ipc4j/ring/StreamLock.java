package org.ipc4j.ring;

import static org.ipc4j.ring.RingDescriptor.TAIL_STREAMING;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.os.ProcessTable;

/**
 * The lock a producer holds from the first fragment of a long message to its last, so that no other
 * record comes between them. Two words: the owner (who holds it, for liveness) and the
 * {@link RingDescriptor#TAIL_STREAMING} bit in the tail word, which every claim sees in the very word it
 * claims with (an MPMC claim is a CAS on it, an SPSC one a store by the only producer): a claim cannot slip
 * in between a check of the lock and its own claim. Taken as owner word first, then the bit; given back in
 * the other order. A holder that died is replaced by whoever finds it dead (a producer wanting the lock, a
 * waiting producer, the consumer waiting for the next fragment); its message is abandoned.
 */
final class StreamLock {
    private final MappedBytes memory;
    private final int ownerOffset;
    private final int tailOffset;
    private final long self;

    private final ProcessTable processes;

    StreamLock(MappedBytes memory, int ownerOffset, int tailOffset, ProcessTable processes) {
        this.memory = memory;
        this.ownerOffset = ownerOffset;
        this.tailOffset = tailOffset;
        this.processes = processes;
        this.self = processes.self();
    }

    /**
     * Takes the lock for this process; false if a live process holds it (this process too: another of its
     * threads is sending). A dead holder's lock is taken over.
     */
    boolean tryAcquire() {
        // volatile: pairs with the release by the previous holder (and the CAS that decides below)
        long owner = memory.getLongVolatile(ownerOffset);
        if (owner != 0 && (owner == self || processes.isAlive(owner))) {
            return false;
        }
        if (!memory.compareAndSetLong(ownerOffset, owner, self)) {
            return false;
        }
        setStreaming(true);
        return true;
    }

    /** Gives the lock back (the holder only). */
    void release() {
        setStreaming(false);
        // release: the cleared bit is seen before the free owner word by the next taker
        memory.putLongRelease(ownerOffset, 0);
    }

    /** True if this process holds the lock (the thread sending asks: nobody broke it as a dead holder's). */
    boolean isHeldByThisProcess() {
        // volatile: pairs with a breaker's CAS
        return memory.getLongVolatile(ownerOffset) == self;
    }

    /** True while some producer holds the lock (or held it and died, until that is found). */
    boolean isHeld() {
        // volatile: pairs with the CAS that sets or clears the bit
        return (memory.getLongVolatile(tailOffset) & TAIL_STREAMING) != 0;
    }

    /**
     * If the holder is dead, frees the lock (the bit, then the owner word, as the holder would) and returns
     * true; false if the lock is held by a live process or by this one. True also if it is free.
     */
    boolean breakIfDead() {
        // volatile: pairs with the taker's CAS
        long owner = memory.getLongVolatile(ownerOffset);
        if (owner == 0) {
            return !isHeld() || breakOrphanedBit();
        }
        if (owner == self || processes.isAlive(owner)) {
            return false;
        }
        // holding the owner word ourselves while we clear the bit: nobody takes the lock meanwhile and has
        // its bit cleared under it
        if (!memory.compareAndSetLong(ownerOffset, owner, self)) {
            return false;
        }
        release();
        return true;
    }

    /**
     * The bit seen set after a free owner word: a new holder took the word meanwhile (the CAS fails), or the
     * file was written by something else than a holder (the bit is cleared).
     */
    private boolean breakOrphanedBit() {
        if (!memory.compareAndSetLong(ownerOffset, 0, self)) {
            return false;
        }
        release();
        return true;
    }

    private void setStreaming(boolean on) {
        while (true) {
            // volatile: the CAS below decides
            long tail = memory.getLongVolatile(tailOffset);
            if (((tail & TAIL_STREAMING) != 0) == on) {
                return;
            }
            if (memory.compareAndSetLong(tailOffset, tail, on ? tail | TAIL_STREAMING : tail & ~TAIL_STREAMING)) {
                return;
            }
        }
    }
}
