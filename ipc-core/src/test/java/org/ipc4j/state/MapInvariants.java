package org.ipc4j.state;

import java.util.BitSet;

import org.ipc4j.memory.MappedBytes;

/**
 * Checks a quiescent map's structure: no lock held, no update half done, every cell either named by exactly one
 * live slot or on the free list exactly once, and the live counts right. Throws AssertionError otherwise.
 */
final class MapInvariants {
    private MapInvariants() {
    }

    /** Locks and unlocks every segment first, so that updates interrupted by a dead writer are repaired. */
    static String check(SharedMap<?, ?> map) {
        MapTable table = map.table();
        MapLayout layout = table.layout;
        MappedBytes bytes = table.bytes;
        int live = 0;
        int free = 0;
        for (int segment = 0; segment < layout.segments; segment++) {
            table.lock(segment);
            table.unlock(segment);
            int header = layout.segmentHeader(segment);
            require(bytes.getLong(header + MapDescriptor.LOCK_OWNER_OFFSET) == 0, segment, "lock is held");
            require(bytes.getInt(header + MapDescriptor.INTENT_STATE_OFFSET) == MapDescriptor.INTENT_IDLE, segment, "intent is active");
            BitSet used = new BitSet();
            int liveHere = 0;
            for (int slot = 0; slot < layout.slotsPerSegment; slot++) {
                long word = bytes.getLong(layout.slot(segment, slot));
                if (MapTable.isLive(word)) {
                    int cell = table.cellOf(word, segment);
                    require(!used.get(cell), segment, "cell " + cell + " is named by two slots");
                    used.set(cell);
                    liveHere++;
                }
            }
            require(liveHere == table.liveCount(segment), segment, liveHere + " live slots but count " + table.liveCount(segment));
            int freeHere = 0;
            for (int cell = bytes.getInt(header + MapDescriptor.FREE_HEAD_OFFSET); cell != 0;
                    cell = bytes.getInt(layout.cell(segment, cell) + MapDescriptor.NEXT_FREE_OFFSET)) {
                require(cell >= 1 && cell <= layout.cellsPerSegment, segment, "free list names cell " + cell);
                require(!used.get(cell), segment, "cell " + cell + " is live and free, or free twice");
                used.set(cell);
                freeHere++;
            }
            require(liveHere + freeHere == layout.cellsPerSegment, segment, liveHere + " live + " + freeHere
                    + " free cells, not " + layout.cellsPerSegment + ": cells leaked");
            live += liveHere;
            free += freeHere;
        }
        return live + " live and " + free + " free cells in " + layout.segments + " segments, " + map.recoveries()
                + " recoveries of " + table.takeovers() + " lock takeovers";
    }

    private static void require(boolean condition, int segment, String problem) {
        if (!condition) {
            throw new AssertionError("segment " + segment + ": " + problem);
        }
    }
}
