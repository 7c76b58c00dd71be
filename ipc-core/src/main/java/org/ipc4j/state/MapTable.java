package org.ipc4j.state;

import static org.ipc4j.state.MapDescriptor.DELETED_SLOT;
import static org.ipc4j.state.MapDescriptor.EMPTY_SLOT;
import static org.ipc4j.state.MapDescriptor.GENERATION_OFFSET;
import static org.ipc4j.state.MapDescriptor.KEY_LENGTH_OFFSET;
import static org.ipc4j.state.MapDescriptor.KEY_OFFSET;
import static org.ipc4j.state.MapDescriptor.LIVE_COUNT_OFFSET;
import static org.ipc4j.state.MapDescriptor.LOCK_OWNER_OFFSET;
import static org.ipc4j.state.MapDescriptor.TAKEOVERS_OFFSET;
import static org.ipc4j.state.MapDescriptor.VALUE_LENGTH_OFFSET;

import java.lang.invoke.VarHandle;

import org.ipc4j.errors.CorruptedException;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.os.ProcessTable;

/**
 * Lookups in a {@link SharedMap}'s segments, lock-free and optimistic (see {@link MapDescriptor}), and the
 * segment locks that writers take. Updates under the lock are {@link MapUpdates}' business.
 */
final class MapTable {
    static final int ABSENT = 0;
    static final int FOUND = 1;
    private static final int RETRY = 2;
    /** Optimistic lookups that saw a concurrent update before the reader takes the segment lock instead. */
    private static final int OPTIMISTIC_READS = 64;

    final String name;
    final MappedBytes bytes;
    final MapLayout layout;
    private final ProcessTable processes;
    private final long me;
    private final MapUpdates updates;

    MapTable(String name, MappedBytes bytes, MapLayout layout, ProcessTable processes) {
        this.name = name;
        this.bytes = bytes;
        this.layout = layout;
        this.processes = processes;
        this.me = processes.self();
        this.updates = new MapUpdates(this);
    }

    MapUpdates updates() {
        return updates;
    }

    int segmentOf(long hash) {
        return (int) (hash >>> 26) & (layout.segments - 1);
    }

    static boolean isLive(long word) {
        return word != EMPTY_SLOT && word != DELETED_SLOT;
    }

    static long liveWord(long hash, int cell) {
        return (hash & 0xFFFF_FFFF_0000_0000L) | cell;
    }

    /** The cell a live slot word names, checked to lie in the segment. */
    int cellOf(long word, int segment) {
        long cell = word & 0xFFFF_FFFFL;
        if (cell < 1 || cell > layout.cellsPerSegment) {
            throw corrupted("segment " + segment + " has a slot naming cell " + cell + " of " + layout.cellsPerSegment);
        }
        return (int) cell;
    }

    /** Finds {@code s}'s key: optimistically, then under the segment lock if writers keep changing what it reads. */
    int find(int segment, MapScratch s, boolean copyValue) {
        for (int attempt = 0; attempt < OPTIMISTIC_READS; attempt++) {
            int result = probe(segment, s, copyValue, false);
            if (result != RETRY) {
                return result;
            }
            Thread.onSpinWait();
        }
        lock(segment);
        try {
            return probe(segment, s, copyValue, true);
        } finally {
            unlock(segment);
        }
    }

    /** Finds {@code s}'s key while holding the segment lock; on ABSENT, {@code s.insertSlot} is where it would go (-1: nowhere). */
    int findLocked(int segment, MapScratch s, boolean copyValue) {
        return probe(segment, s, copyValue, true);
    }

    /** Linear probing from the key's home slot; bounded by the table size whatever the slots hold. */
    private int probe(int segment, MapScratch s, boolean copyValue, boolean locked) {
        int mask = layout.slotsPerSegment - 1;
        int home = (int) s.hash & mask;
        long tag = s.hash & 0xFFFF_FFFF_0000_0000L;
        int firstFree = -1;
        for (int i = 0; i < layout.slotsPerSegment; i++) {
            int slot = (home + i) & mask;
            // acquire: pairs with the writer's release store of the slot word, so the cell it names is complete
            long word = bytes.getLongAcquire(layout.slot(segment, slot));
            if (word == EMPTY_SLOT) {
                s.insertSlot = firstFree >= 0 ? firstFree : slot;
                return ABSENT;
            }
            if (word == DELETED_SLOT) {
                firstFree = firstFree >= 0 ? firstFree : slot;
                continue;
            }
            int cell = cellOf(word, segment);
            if ((word & 0xFFFF_FFFF_0000_0000L) != tag) {
                continue;
            }
            if (!readCell(segment, slot, word, cell, s, copyValue, locked)) {
                return RETRY;
            }
            if (s.readKeyMatches()) {
                s.slot = slot;
                s.word = word;
                return FOUND;
            }
        }
        s.insertSlot = firstFree;
        return ABSENT;
    }

    /**
     * Copies the key (and the value if asked) of the live slot {@code slot}, which held {@code word}, into
     * {@code s}, then checks that neither the cell's generation nor the slot changed meanwhile (a seqlock read).
     * Returns false if they did, which without the lock means a writer got there first and under it means
     * corruption (thrown).
     */
    boolean readCell(int segment, int slot, long word, int cell, MapScratch s, boolean copyValue, boolean locked) {
        int at = layout.cell(segment, cell);
        // acquire: pairs with the writer's release of the even generation after it wrote the cell
        int generation = bytes.getIntAcquire(at + GENERATION_OFFSET);
        int keyLength = bytes.getInt(at + KEY_LENGTH_OFFSET);
        int valueLength = bytes.getInt(at + VALUE_LENGTH_OFFSET);
        boolean sane = (generation & 1) == 0 && keyLength >= 0 && keyLength <= layout.maxKeyBytes
                && valueLength >= 0 && valueLength <= layout.maxValueBytes;
        if (sane) {
            bytes.getBytes(at + KEY_OFFSET, s.readKey, 0, keyLength);
            s.readKeyLength = keyLength;
            if (copyValue) {
                bytes.getBytes(at + KEY_OFFSET + layout.maxKeyBytes, s.readValue, 0, valueLength);
                s.readValueLength = valueLength;
            }
        }
        // orders the plain reads of the cell above before the re-reads below, as StampedLock.validate does
        VarHandle.acquireFence();
        // acquire (both): re-reads that cannot be merged with the first reads; equal values mean no writer came between
        boolean unchanged = bytes.getIntAcquire(at + GENERATION_OFFSET) == generation
                && bytes.getLongAcquire(layout.slot(segment, slot)) == word;
        if (unchanged && sane) {
            s.generation = generation;
            return true;
        }
        if (locked || unchanged) {
            throw corrupted("segment " + segment + ", cell " + cell + " has generation " + generation + ", key length "
                    + keyLength + " and value length " + valueLength + " (limits " + layout.maxKeyBytes + " and "
                    + layout.maxValueBytes + ")");
        }
        return false;
    }

    /**
     * For iteration: copies the entry in {@code slot} into {@code s} if the slot is live. Returns false if it is
     * not; retries, then locks, if writers keep changing it.
     */
    boolean readSlot(int segment, int slot, MapScratch s) {
        for (int attempt = 0; attempt < OPTIMISTIC_READS; attempt++) {
            // acquire: pairs with the writer's release store of the slot word
            long word = bytes.getLongAcquire(layout.slot(segment, slot));
            if (!isLive(word)) {
                return false;
            }
            if (readCell(segment, slot, word, cellOf(word, segment), s, true, false)) {
                return true;
            }
        }
        lock(segment);
        try {
            // acquire: as above, though under the lock no writer can change the slot
            long word = bytes.getLongAcquire(layout.slot(segment, slot));
            return isLive(word) && readCell(segment, slot, word, cellOf(word, segment), s, true, true);
        } finally {
            unlock(segment);
        }
    }

    void lock(int segment) {
        int header = layout.segmentHeader(segment);
        boolean tookOver = SegmentLock.acquire(bytes, header + LOCK_OWNER_OFFSET, me, processes);
        try {
            if (tookOver) {
                bytes.putInt(header + TAKEOVERS_OFFSET, bytes.getInt(header + TAKEOVERS_OFFSET) + 1);
            }
            updates.recover(segment);
        } catch (RuntimeException | Error e) {
            SegmentLock.release(bytes, header + LOCK_OWNER_OFFSET, me, name, segment);
            throw e;
        }
    }

    /** Releases the lock, first repairing the segment if an update of this thread failed half way. */
    void unlock(int segment) {
        int header = layout.segmentHeader(segment);
        try {
            updates.recover(segment);
        } finally {
            SegmentLock.release(bytes, header + LOCK_OWNER_OFFSET, me, name, segment);
        }
    }

    /** Live entries in {@code segment}, checked against its size. */
    int liveCount(int segment) {
        // acquire: pairs with the writer's release store of the count
        int count = bytes.getIntAcquire(layout.segmentHeader(segment) + LIVE_COUNT_OFFSET);
        if (count < 0 || count > layout.entriesPerSegment()) {
            throw corrupted("segment " + segment + " claims " + count + " entries, more than its "
                    + layout.entriesPerSegment() + " cells");
        }
        return count;
    }

    /** How many times a segment lock was taken over from a dead owner, over the map's life. */
    int takeovers() {
        int total = 0;
        for (int segment = 0; segment < layout.segments; segment++) {
            total += bytes.getIntVolatile(layout.segmentHeader(segment) + TAKEOVERS_OFFSET);
        }
        return total;
    }

    CorruptedException corrupted(String problem) {
        return new CorruptedException("'" + name + "' is corrupted: " + problem);
    }
}
