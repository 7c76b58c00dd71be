package org.ipc4j.ring;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.os.ProcessTable;

/**
 * The claims table of an MPMC ring ({@link ClaimsDescriptor}): lets a consumer facing a record that was
 * claimed (tail moved past it) but has no header yet tell whether a live producer may still write it.
 *
 * <p>A producer counts each claim in its process's slot from before its tail CAS until after its header
 * store, in the half of the slot that the epoch's low bit names when it starts. A consumer that saw the
 * header missing after seeing tail past it flips the epoch and reads the old half of every live slot, then
 * does the same for the other half. A half read as 0 proves that every claim counted there before the read
 * has written its header (each count's decrement follows its increment and its header store), and a claim at
 * the head was counted before the consumer read tail. So if both halves of every live slot read 0, the
 * missing header belongs to a dead process and the record can go at once; if a live slot's does not, the
 * record may be that process's and stays (a SIGSTOPped producer is waited for, never robbed). The flips make
 * new claims count in the half not being read, so a busy producer cannot keep a half from draining.
 */
final class InFlightClaims {
    /** What a consumer learns from {@link #look()}. */
    enum Verdict {
        /** No live process is between a tail move and its header: a missing header's producer is dead. */
        NONE,
        /** Only the shared slot has claims in flight: nobody can tell whose (the stuck bound decides). */
        UNJUDGED,
        /** A live process has a claim in flight: the missing header may be its. */
        LIVE
    }

    /** In an owner word while a process takes a dead owner's slot over and resets its counts. */
    private static final long TAKING_OVER = -1;

    private final MappedBytes memory;
    private final int table;
    private final ProcessTable processes;
    private final long self;
    /**
     * Absolute offset of this process's slot; -1 until the first claim. Read without the lock: an int is read
     * whole, and a thread that still sees -1 goes through {@link #register}, which returns the slot already found.
     */
    private int slot = -1;
    /** Consumer side: the owner of the live slot the last {@link #look()} found, 0 if it found none. */
    private long liveOwner;

    InFlightClaims(MappedBytes memory, int table, ProcessTable processes) {
        this.memory = memory;
        this.table = table;
        this.processes = processes;
        this.self = processes.self();
    }

    /**
     * Counts a claim about to move tail; returns its ticket for {@link #end}: the slot's offset (128-aligned)
     * plus the half it counted in.
     */
    int begin() {
        int at = slot >= 0 ? slot : register();
        // opaque: any epoch is correct (see the class comment); a recent one only lets a consumer's look end sooner
        int half = (int) (memory.getLongOpaque(table + ClaimsDescriptor.EPOCH_OFFSET) & 1);
        // atomic: threads of this process share the slot; the add is ordered before the tail CAS
        memory.getAndAddLong(at + ClaimsDescriptor.inFlightOffset(half), 1);
        return at + half;
    }

    /** Ends the claim {@link #begin} counted, after its header is written (or it found no room). */
    void end(int ticket) {
        // atomic, a release: the header stored before it is visible to a consumer that reads the count
        memory.getAndAddLong((ticket & ~1) + ClaimsDescriptor.inFlightOffset(ticket & 1), -1);
    }

    /** False for a claim counted in the shared slot: nobody can judge it, so it may be dropped after the stuck bound. */
    boolean tracked(int ticket) {
        return (ticket & ~1) != table + ClaimsDescriptor.slotOffset(ClaimsDescriptor.SHARED_SLOT);
    }

    /** Consumer side, under the consumer lock, after it read tail past a record with no header. */
    Verdict look() {
        // volatile: consumers take turns under the consumer lock; the store orders the flip before the reads
        long epoch = memory.getLongVolatile(table + ClaimsDescriptor.EPOCH_OFFSET);
        boolean unjudged = false;
        for (int round = 0; round < 2; round++) {
            int half = (int) (epoch & 1);
            epoch++;
            memory.putLongVolatile(table + ClaimsDescriptor.EPOCH_OFFSET, epoch);
            int shared = table + ClaimsDescriptor.slotOffset(ClaimsDescriptor.SHARED_SLOT);
            unjudged |= memory.getLongVolatile(shared + ClaimsDescriptor.inFlightOffset(half)) > 0;
            for (int i = 1; i < ClaimsDescriptor.SLOT_COUNT; i++) {
                int at = table + ClaimsDescriptor.slotOffset(i);
                // volatile: pairs with the producers' atomic adds (the count) and the owner's CAS
                if (memory.getLongVolatile(at + ClaimsDescriptor.inFlightOffset(half)) > 0) {
                    long owner = memory.getLongVolatile(at + ClaimsDescriptor.OWNER_OFFSET);
                    if (owner != 0 && owner != TAKING_OVER && processes.isAlive(owner)) {
                        liveOwner = owner;
                        return Verdict.LIVE;
                    }
                }
            }
        }
        liveOwner = 0;
        return unjudged ? Verdict.UNJUDGED : Verdict.NONE;
    }

    /**
     * The process the last {@link #look()} found with a claim in flight (0 if none): a consumer waiting at a
     * missing header follows its exit, which is when the space may go.
     */
    long liveOwner() {
        return liveOwner;
    }

    /**
     * Finds this process's slot: one it already owns, a free one, or a dead owner's (its counts, left by
     * claims that died with it, are reset before this process's name goes in); the shared slot if none.
     */
    private synchronized int register() {
        if (slot >= 0) {
            return slot;
        }
        for (int i = 1; i < ClaimsDescriptor.SLOT_COUNT; i++) {
            int at = table + ClaimsDescriptor.slotOffset(i);
            // volatile: pairs with the owner's release below
            if (memory.getLongVolatile(at + ClaimsDescriptor.OWNER_OFFSET) == self) {
                return slot = at;
            }
        }
        for (int i = 1; i < ClaimsDescriptor.SLOT_COUNT; i++) {
            int at = table + ClaimsDescriptor.slotOffset(i);
            long owner = memory.getLongVolatile(at + ClaimsDescriptor.OWNER_OFFSET);
            if (owner == 0 && memory.compareAndSetLong(at + ClaimsDescriptor.OWNER_OFFSET, 0, self)) {
                return slot = at;
            }
            if (owner != 0 && owner != TAKING_OVER && !processes.isAlive(owner)
                    && memory.compareAndSetLong(at + ClaimsDescriptor.OWNER_OFFSET, owner, TAKING_OVER)) {
                memory.putLongVolatile(at + ClaimsDescriptor.inFlightOffset(0), 0);
                memory.putLongVolatile(at + ClaimsDescriptor.inFlightOffset(1), 0);
                // release: another handle of this process that finds its name here sees the counts reset
                memory.putLongRelease(at + ClaimsDescriptor.OWNER_OFFSET, self);
                return slot = at;
            }
        }
        return slot = table + ClaimsDescriptor.slotOffset(ClaimsDescriptor.SHARED_SLOT);
    }
}
