package org.ipc4j.state;

import static org.ipc4j.state.MapDescriptor.DELETED_SLOT;
import static org.ipc4j.state.MapDescriptor.EMPTY_SLOT;
import static org.ipc4j.state.MapDescriptor.FREE_HEAD_OFFSET;
import static org.ipc4j.state.MapDescriptor.GENERATION_OFFSET;
import static org.ipc4j.state.MapDescriptor.INTENT_ACTIVE;
import static org.ipc4j.state.MapDescriptor.INTENT_COUNT_AFTER_OFFSET;
import static org.ipc4j.state.MapDescriptor.INTENT_IDLE;
import static org.ipc4j.state.MapDescriptor.INTENT_NEW_CELL_OFFSET;
import static org.ipc4j.state.MapDescriptor.INTENT_NEW_WORD_OFFSET;
import static org.ipc4j.state.MapDescriptor.INTENT_OLD_CELL_OFFSET;
import static org.ipc4j.state.MapDescriptor.INTENT_OLD_WORD_OFFSET;
import static org.ipc4j.state.MapDescriptor.INTENT_SLOT_OFFSET;
import static org.ipc4j.state.MapDescriptor.INTENT_STATE_OFFSET;
import static org.ipc4j.state.MapDescriptor.KEY_LENGTH_OFFSET;
import static org.ipc4j.state.MapDescriptor.KEY_OFFSET;
import static org.ipc4j.state.MapDescriptor.LIVE_COUNT_OFFSET;
import static org.ipc4j.state.MapDescriptor.NEXT_FREE_OFFSET;
import static org.ipc4j.state.MapDescriptor.RECOVERIES_OFFSET;
import static org.ipc4j.state.MapDescriptor.VALUE_LENGTH_OFFSET;

import java.lang.invoke.VarHandle;

import org.ipc4j.errors.CapacityExceededException;
import org.ipc4j.memory.MappedBytes;

/**
 * Every change to a map segment, made under its lock as one crash-safe step (see {@link MapDescriptor}):
 * write the intent, take a free cell, fill it, publish it with one release store of the slot word, free the
 * old cell, count, clear the intent. Every store is a release so that the steps reach memory in this order
 * even if the process dies between two of them; {@link #recover} finishes or undoes a step found half done.
 */
final class MapUpdates {
    /**
     * Fault injection for the crash tests only: a child JVM sets this to a step number and the process halts
     * (as if killed) when an update reaches that step. 0, never a step, in normal use.
     */
    static int haltAtStepForTests;
    static final int STEP_INTENT_WRITTEN = 1;
    static final int STEP_INTENT_ACTIVE = 2;
    static final int STEP_CELL_TAKEN = 3;
    static final int STEP_CELL_HALF_WRITTEN = 4;
    static final int STEP_CELL_WRITTEN = 5;
    static final int STEP_PUBLISHED = 6;
    static final int STEP_OLD_CELL_LINKED = 7;
    static final int STEP_OLD_CELL_FREED = 8;
    static final int STEP_COUNTED = 9;
    static final int STEP_DONE = 10;

    private final MapTable table;
    private final MappedBytes bytes;
    private final MapLayout layout;

    MapUpdates(MapTable table) {
        this.table = table;
        this.bytes = table.bytes;
        this.layout = table.layout;
    }

    /** Inserts {@code s}'s key and value at {@code s.insertSlot}, found empty or deleted by a locked probe. */
    void insert(int segment, MapScratch s) {
        int count = table.liveCount(segment);
        if (count >= layout.entriesPerSegment()) {
            throw full(segment);
        }
        if (s.insertSlot < 0) {
            throw table.corrupted("segment " + segment + " has no free slot but only " + count + " entries");
        }
        long before = bytes.getLong(layout.slot(segment, s.insertSlot));
        update(segment, s.insertSlot, before, s, count + 1);
    }

    /** Replaces the value of the entry a locked probe found at {@code s.slot}. */
    void replace(int segment, MapScratch s) {
        update(segment, s.slot, s.word, s, table.liveCount(segment));
    }

    /** Deletes the entry a locked probe found at {@code s.slot}. */
    void remove(int segment, MapScratch s, boolean reclaimDeletedSlots) {
        update(segment, s.slot, s.word, null, Math.max(0, table.liveCount(segment) - 1));
        if (reclaimDeletedSlots) {
            reclaimDeletedSlots(segment, s.slot);
        }
    }

    /** Moves slot {@code slot} from {@code before} to a new cell holding {@code s}'s entry, or to deleted if {@code s} is null. */
    private void update(int segment, int slot, long before, MapScratch s, int countAfter) {
        int header = layout.segmentHeader(segment);
        int oldCell = MapTable.isLive(before) ? table.cellOf(before, segment) : 0;
        int newCell = 0;
        int nextFree = 0;
        long after = DELETED_SLOT;
        if (s != null) {
            newCell = bytes.getInt(header + FREE_HEAD_OFFSET);
            if (newCell == 0) {
                throw full(segment);
            }
            checkCell(segment, newCell, "free-list head");
            nextFree = bytes.getInt(layout.cell(segment, newCell) + NEXT_FREE_OFFSET);
            if (nextFree != 0) {
                checkCell(segment, nextFree, "free-list link");
            }
            after = MapTable.liveWord(s.hash, newCell);
        }
        bytes.putInt(header + INTENT_SLOT_OFFSET, slot);
        bytes.putLong(header + INTENT_OLD_WORD_OFFSET, before);
        bytes.putLong(header + INTENT_NEW_WORD_OFFSET, after);
        bytes.putInt(header + INTENT_NEW_CELL_OFFSET, newCell);
        bytes.putInt(header + INTENT_OLD_CELL_OFFSET, oldCell);
        bytes.putInt(header + INTENT_COUNT_AFTER_OFFSET, countAfter);
        step(STEP_INTENT_WRITTEN);
        // release: whoever later reads ACTIVE (a recoverer, after this process died) also reads the intent above
        bytes.putIntRelease(header + INTENT_STATE_OFFSET, INTENT_ACTIVE);
        step(STEP_INTENT_ACTIVE);
        if (newCell != 0) {
            // release: the pop lands after the intent that lets a recoverer undo it
            bytes.putIntRelease(header + FREE_HEAD_OFFSET, nextFree);
            step(STEP_CELL_TAKEN);
            writeCell(segment, newCell, s);
            step(STEP_CELL_WRITTEN);
        }
        // release: pairs with readers' acquire of the slot word; they see the complete new cell
        bytes.putLongRelease(layout.slot(segment, slot), after);
        step(STEP_PUBLISHED);
        if (oldCell != 0) {
            pushFree(segment, oldCell);
            step(STEP_OLD_CELL_FREED);
        }
        // release: the count lands after the publish it counts; readers read it with acquire
        bytes.putIntRelease(header + LIVE_COUNT_OFFSET, countAfter);
        step(STEP_COUNTED);
        // release: the update is complete in memory before the intent says so
        bytes.putIntRelease(header + INTENT_STATE_OFFSET, INTENT_IDLE);
        step(STEP_DONE);
    }

    private static void step(int step) {
        if (step == haltAtStepForTests) {
            Runtime.getRuntime().halt(99);
        }
    }

    private void writeCell(int segment, int cell, MapScratch s) {
        int at = layout.cell(segment, cell);
        int writing = (bytes.getInt(at + GENERATION_OFFSET) + 1) | 1;
        bytes.putInt(at + GENERATION_OFFSET, writing);
        // the odd generation is visible before any byte of the cell changes: a reader still holding this cell
        // from before it was freed sees its generation move and retries
        VarHandle.releaseFence();
        bytes.putInt(at + KEY_LENGTH_OFFSET, s.keyLength);
        bytes.putInt(at + VALUE_LENGTH_OFFSET, s.valueLength);
        bytes.putBytes(at + KEY_OFFSET, s.key, 0, s.keyLength);
        step(STEP_CELL_HALF_WRITTEN);
        bytes.putBytes(at + KEY_OFFSET + layout.maxKeyBytes, s.value, 0, s.valueLength);
        // release: pairs with readers' acquire of the generation; even means the cell is complete
        bytes.putIntRelease(at + GENERATION_OFFSET, writing + 1);
    }

    private void pushFree(int segment, int cell) {
        int header = layout.segmentHeader(segment);
        // release (both): the link is in memory before the head names the cell, so the list is whole at every step
        bytes.putIntRelease(layout.cell(segment, cell) + NEXT_FREE_OFFSET, bytes.getInt(header + FREE_HEAD_OFFSET));
        step(STEP_OLD_CELL_LINKED);
        bytes.putIntRelease(header + FREE_HEAD_OFFSET, cell);
    }

    /**
     * Finishes or undoes an update its writer left half done (it died, or threw), under the segment lock.
     * Published (the slot holds the new word): free the old cell if not yet freed, store the count. Not
     * published (the slot holds the old word): put the new cell back on the free list if it was taken.
     */
    void recover(int segment) {
        int header = layout.segmentHeader(segment);
        int state = bytes.getInt(header + INTENT_STATE_OFFSET);
        if (state == INTENT_IDLE) {
            return;
        }
        if (state != INTENT_ACTIVE) {
            throw table.corrupted("segment " + segment + " has intent state " + state);
        }
        int slot = bytes.getInt(header + INTENT_SLOT_OFFSET);
        if (slot < 0 || slot >= layout.slotsPerSegment) {
            throw table.corrupted("segment " + segment + "'s intent names slot " + slot + " of " + layout.slotsPerSegment);
        }
        long before = bytes.getLong(header + INTENT_OLD_WORD_OFFSET);
        long after = bytes.getLong(header + INTENT_NEW_WORD_OFFSET);
        int newCell = bytes.getInt(header + INTENT_NEW_CELL_OFFSET);
        int oldCell = bytes.getInt(header + INTENT_OLD_CELL_OFFSET);
        int countAfter = bytes.getInt(header + INTENT_COUNT_AFTER_OFFSET);
        if (newCell != 0) {
            checkCell(segment, newCell, "intent's new cell");
        }
        if (oldCell != 0) {
            checkCell(segment, oldCell, "intent's old cell");
        }
        if (countAfter < 0 || countAfter > layout.entriesPerSegment()) {
            throw table.corrupted("segment " + segment + "'s intent counts " + countAfter + " entries");
        }
        int freeHead = bytes.getInt(header + FREE_HEAD_OFFSET);
        long now = bytes.getLong(layout.slot(segment, slot));
        if (now == after && after != before) {
            if (oldCell != 0 && freeHead != oldCell) {
                pushFree(segment, oldCell);
            }
            // release: the count lands after the freeing it follows, as in update()
            bytes.putIntRelease(header + LIVE_COUNT_OFFSET, countAfter);
        } else if (now == before) {
            if (newCell != 0 && freeHead != newCell) {
                // the new cell's link still names the rest of the list: popping it changed only the head
                bytes.putIntRelease(header + FREE_HEAD_OFFSET, newCell);
            }
            if (newCell != 0) {
                int at = layout.cell(segment, newCell);
                int generation = bytes.getInt(at + GENERATION_OFFSET);
                // release: an even generation again (the cell is free, its bytes unused); pairs with readers' acquire
                bytes.putIntRelease(at + GENERATION_OFFSET, (generation + 1) & ~1);
            }
        } else {
            throw table.corrupted("segment " + segment + ", slot " + slot + " holds 0x" + Long.toHexString(now)
                    + ", neither the word before (0x" + Long.toHexString(before) + ") nor after (0x"
                    + Long.toHexString(after) + ") the update its intent describes");
        }
        bytes.putInt(header + RECOVERIES_OFFSET, bytes.getInt(header + RECOVERIES_OFFSET) + 1);
        // release: the repairs above land before the intent is cleared
        bytes.putIntRelease(header + INTENT_STATE_OFFSET, INTENT_IDLE);
    }

    /**
     * Turns the deleted slots just before an empty slot back into empty ones, walking back from {@code slot}, so
     * that deletions do not lengthen probes forever. Safe for lock-free readers: no live key lies beyond a run
     * of deleted slots that ends at an empty slot, so ending their probe earlier loses nothing.
     */
    void reclaimDeletedSlots(int segment, int slot) {
        int mask = layout.slotsPerSegment - 1;
        if (bytes.getLong(layout.slot(segment, (slot + 1) & mask)) != EMPTY_SLOT) {
            return;
        }
        int at = slot;
        for (int i = 0; i < layout.slotsPerSegment && bytes.getLong(layout.slot(segment, at)) == DELETED_SLOT; i++) {
            // release: keeps the slot stores in order; readers take EMPTY as the end of a probe, correct as said above
            bytes.putLongRelease(layout.slot(segment, at), EMPTY_SLOT);
            at = (at - 1) & mask;
        }
    }

    /** Deletes every entry of {@code segment}, one crash-safe step each, then empties its deleted slots. */
    void clear(int segment, MapScratch s) {
        for (int slot = 0; slot < layout.slotsPerSegment; slot++) {
            long word = bytes.getLong(layout.slot(segment, slot));
            if (MapTable.isLive(word)) {
                table.cellOf(word, segment);
                s.slot = slot;
                s.word = word;
                remove(segment, s, false);
            }
        }
        for (int slot = 0; slot < layout.slotsPerSegment; slot++) {
            if (bytes.getLong(layout.slot(segment, slot)) == DELETED_SLOT) {
                // release: ordering only; with no live entry left in the segment, any probe may end anywhere
                bytes.putLongRelease(layout.slot(segment, slot), EMPTY_SLOT);
            }
        }
    }

    int recoveries(int segment) {
        return bytes.getIntVolatile(layout.segmentHeader(segment) + RECOVERIES_OFFSET);
    }

    private void checkCell(int segment, int cell, String what) {
        if (cell < 1 || cell > layout.cellsPerSegment) {
            throw table.corrupted("segment " + segment + "'s " + what + " is cell " + cell + " of " + layout.cellsPerSegment);
        }
    }

    private CapacityExceededException full(int segment) {
        if (layout.segments == 1) {
            return new CapacityExceededException("'" + table.name + "' is full: it holds its capacity of "
                    + layout.capacity + " entries");
        }
        return new CapacityExceededException("'" + table.name + "' is full for this key: segment " + segment + " of "
                + layout.segments + " holds its " + layout.entriesPerSegment() + " entries (the map was created for "
                + layout.capacity + " entries, spread over segments by key hash)");
    }
}
