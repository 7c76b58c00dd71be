package org.ipc4j.sync;

import static org.ipc4j.sync.BarrierDescriptor.ENTRY_GENERATION;
import static org.ipc4j.sync.BarrierDescriptor.ENTRY_PID;
import static org.ipc4j.sync.BarrierDescriptor.ENTRY_STAMP;
import static org.ipc4j.sync.BarrierDescriptor.entryOffset;
import static org.ipc4j.sync.BarrierDescriptor.generationsBetween;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.wait.ExitWake;
import org.ipc4j.wait.FutexWord;

/**
 * The table of processes taking part in a {@link SharedBarrier} (see {@link BarrierDescriptor}): each
 * handle registers when it is opened, with the generation current then, and records the generation of each
 * arrival. A process that dies
 * while registered and was due in the waiter's generation (it arrived in this one or the previous one)
 * breaks the barrier; dead entries older than that are freed. A process that stops using the barrier
 * must {@link SharedBarrier#close()} it, or its exit counts as a death.
 */
final class BarrierParties {
    private static final int UNREGISTERED = -1;
    /** The table was full: this process takes part unwatched. */
    private static final int NO_ROOM = -2;

    private final MappedBytes bytes;
    private final int capacity;
    private final int myPid;
    private final long myStamp;
    private int entry = UNREGISTERED;

    BarrierParties(String name, MappedBytes bytes, int capacity) {
        this.bytes = bytes;
        this.capacity = capacity;
        this.myPid = ProcessStamp.myPid(name);
        this.myStamp = ProcessStamp.mine();
    }

    /** Records that this process arrives in {@code generation}, registering it first if needed. */
    synchronized void arriving(int generation) {
        if (entry == UNREGISTERED) {
            entry = claim(generation);
            if (entry < 0) {
                freeDead(generation);
                entry = claim(generation);
                if (entry < 0) {
                    entry = NO_ROOM;
                }
            }
        }
        if (entry >= 0) {
            bytes.putIntVolatile(entryOffset(entry) + ENTRY_GENERATION, generation);
        }
    }

    /** Removes this process from the table (on close). */
    synchronized void leave() {
        if (entry >= 0) {
            int at = entryOffset(entry);
            bytes.putLong(at + ENTRY_STAMP, 0);
            bytes.putLongVolatile(at + ENTRY_PID, 0);
        }
        entry = UNREGISTERED;
    }

    /**
     * True if a registered process due in {@code generation} has died. Frees entries of dead processes
     * that were not due; keeps the due ones, so every waiter of this and the next generation sees them.
     */
    boolean anyDueDied(int generation) {
        boolean died = false;
        for (int i = 0; i < capacity; i++) {
            int at = entryOffset(i);
            long pid = bytes.getLongVolatile(at + ENTRY_PID);
            long stamp = bytes.getLongVolatile(at + ENTRY_STAMP);
            if (pid == 0 || (pid == myPid && stamp == myStamp) || !ProcessStamp.isDead(pid, stamp)) {
                continue;
            }
            if (generationsBetween(bytes.getIntVolatile(at + ENTRY_GENERATION), generation) <= 1) {
                died = true;
            } else {
                free(at, pid, stamp);
            }
        }
        return died;
    }

    /**
     * Has the exit of every other registered process wake sleepers on {@code word} ({@link ExitWake}); the
     * array, indexed by table entry, is created on the first call and updated on later ones.
     */
    ExitWake[] followOthers(ExitWake[] wakes, FutexWord word) {
        ExitWake[] following = wakes != null ? wakes : new ExitWake[capacity];
        for (int i = 0; i < capacity; i++) {
            int at = entryOffset(i);
            long pid = bytes.getLongVolatile(at + ENTRY_PID);
            long stamp = bytes.getLongVolatile(at + ENTRY_STAMP);
            if (pid == 0 || (pid == myPid && stamp == myStamp)) {
                ExitWake.cancel(following[i]);
                following[i] = null;
            } else {
                following[i] = ExitWake.follow(following[i], pid, word);
            }
        }
        return following;
    }

    /** True if one of the followed processes exited since the last call (each exit is told once). */
    static boolean anyExited(ExitWake[] wakes) {
        boolean exited = false;
        if (wakes != null) {
            for (ExitWake wake : wakes) {
                exited |= wake != null && wake.takeExit();
            }
        }
        return exited;
    }

    static void stopFollowing(ExitWake[] wakes) {
        if (wakes != null) {
            for (ExitWake wake : wakes) {
                ExitWake.cancel(wake);
            }
        }
    }

    /** Frees the entries of every dead process (reset forgets them). */
    void freeAllDead() {
        freeDead(Integer.MIN_VALUE);
    }

    /** How many processes are registered now, for tools. */
    int registered() {
        int count = 0;
        for (int i = 0; i < capacity; i++) {
            if (bytes.getLongVolatile(entryOffset(i) + ENTRY_PID) != 0) {
                count++;
            }
        }
        return count;
    }

    private int claim(int generation) {
        for (int i = 0; i < capacity; i++) {
            int at = entryOffset(i);
            // the pid CAS claims the entry; checkers read pid then stamp (both volatile), so they see our stamp or 0
            if (bytes.getLongVolatile(at + ENTRY_PID) == 0 && bytes.compareAndSetLong(at + ENTRY_PID, 0, myPid)) {
                bytes.putLong(at + ENTRY_STAMP, myStamp);
                bytes.putIntVolatile(at + ENTRY_GENERATION, generation);
                return i;
            }
        }
        return -1;
    }

    /** Frees dead entries not due in {@code generation}, or all dead ones for Integer.MIN_VALUE. */
    private void freeDead(int generation) {
        for (int i = 0; i < capacity; i++) {
            int at = entryOffset(i);
            long pid = bytes.getLongVolatile(at + ENTRY_PID);
            long stamp = bytes.getLongVolatile(at + ENTRY_STAMP);
            if (pid == 0 || (pid == myPid && stamp == myStamp) || !ProcessStamp.isDead(pid, stamp)) {
                continue;
            }
            if (generation == Integer.MIN_VALUE
                    || generationsBetween(bytes.getIntVolatile(at + ENTRY_GENERATION), generation) > 1) {
                free(at, pid, stamp);
            }
        }
    }

    /**
     * Clears the stamp before the pid, so a new claimant of the entry (which writes its stamp after its
     * pid) is never seen with the dead process's stamp; the stamp CAS also lets only one freer proceed.
     */
    private void free(int at, long pid, long stamp) {
        if (bytes.compareAndSetLong(at + ENTRY_STAMP, stamp, 0)) {
            bytes.compareAndSetLong(at + ENTRY_PID, pid, 0);
        }
    }
}
