package org.ipc4j.sync;

import static org.ipc4j.sync.BarrierDescriptor.ENTRY_GENERATION;
import static org.ipc4j.sync.BarrierDescriptor.ENTRY_PROCESS;
import static org.ipc4j.sync.BarrierDescriptor.entryOffset;
import static org.ipc4j.sync.BarrierDescriptor.generationsBetween;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.os.ProcessIdentity;
import org.ipc4j.os.ProcessTable;
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
    private final ProcessTable processes;
    private final long self;
    private int entry = UNREGISTERED;

    BarrierParties(MappedBytes bytes, int capacity, ProcessTable processes) {
        this.bytes = bytes;
        this.capacity = capacity;
        this.processes = processes;
        this.self = processes.self();
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
            bytes.putLongVolatile(entryOffset(entry) + ENTRY_PROCESS, ProcessIdentity.NONE);
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
            long process = bytes.getLongVolatile(at + ENTRY_PROCESS);
            if (process == ProcessIdentity.NONE || process == self || processes.isAlive(process)) {
                continue;
            }
            if (generationsBetween(bytes.getIntVolatile(at + ENTRY_GENERATION), generation) <= 1) {
                died = true;
            } else {
                free(at, process);
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
            long process = bytes.getLongVolatile(entryOffset(i) + ENTRY_PROCESS);
            long pid = process == self ? 0 : processes.localPid(process);
            if (pid == 0) {
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
            if (bytes.getLongVolatile(entryOffset(i) + ENTRY_PROCESS) != ProcessIdentity.NONE) {
                count++;
            }
        }
        return count;
    }

    private int claim(int generation) {
        for (int i = 0; i < capacity; i++) {
            int at = entryOffset(i);
            // the CAS claims the entry; the generation is written after it, by its owner only
            if (bytes.getLongVolatile(at + ENTRY_PROCESS) == ProcessIdentity.NONE
                    && bytes.compareAndSetLong(at + ENTRY_PROCESS, ProcessIdentity.NONE, self)) {
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
            long process = bytes.getLongVolatile(at + ENTRY_PROCESS);
            if (process == ProcessIdentity.NONE || process == self || processes.isAlive(process)) {
                continue;
            }
            if (generation == Integer.MIN_VALUE
                    || generationsBetween(bytes.getIntVolatile(at + ENTRY_GENERATION), generation) > 1) {
                free(at, process);
            }
        }
    }

    /** Frees a dead process's entry; the CAS from its identity leaves an entry claimed meanwhile alone. */
    private void free(int at, long process) {
        bytes.compareAndSetLong(at + ENTRY_PROCESS, process, ProcessIdentity.NONE);
    }
}
