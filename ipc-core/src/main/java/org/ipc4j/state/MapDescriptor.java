package org.ipc4j.state;

/**
 * Layout of the body of a {@link SharedMap}: a header, then {@code S} segments (a power of two, 1 to 64), each
 * with its own header, slot table and cell pool. A key's hash picks its segment, its home slot and a 32-bit tag.
 * Offsets below are relative to the start of the body; every size is fixed at creation.
 *
 * <pre>
 *  Map header (256 bytes)
 *  +-------------------------------+-------------------------------+
 *  |       Format ("SMP1")         |       Segment count S         |   0
 *  +-------------------------------+-------------------------------+
 *  |   Cells per segment C         |  Slots per segment T (pow 2)  |   8
 *  +-------------------------------+-------------------------------+
 *  |       Max key bytes K         |      Max value bytes V        |  16
 *  +-------------------------------+-------------------------------+
 *  |  Cell size (16 + K + V, x8)   |  Capacity asked at creation   |  24
 *  +-------------------------------+-------------------------------+
 *  |  Key codec id: length byte, then up to 63 bytes of UTF-8      |  32
 *  +---------------------------------------------------------------+
 *  |  Value codec id: the same                                     |  96
 *  +---------------------------------------------------------------+
 *  |  Unused up to byte 256                                        | 160
 *  +---------------------------------------------------------------+
 *  Segment headers: S x 128 bytes, from byte 256
 *  +---------------------------------------------------------------+
 *  |  Lock owner: pid << 32 | 1 << 31 | procfs << 30 | start time  |   0
 *  +-------------------------------+-------------------------------+
 *  |     Live entries              |  Free-list head (cell, 0=end) |   8
 *  +-------------------------------+-------------------------------+
 *  |     Intent state (0/1)        |      Intent slot              |  16
 *  +-------------------------------+-------------------------------+
 *  |     Intent: slot word before the update                       |  24
 *  +---------------------------------------------------------------+
 *  |     Intent: slot word after the update                        |  32
 *  +-------------------------------+-------------------------------+
 *  |  Intent: new cell (0 = none)  |  Intent: old cell (0 = none)  |  40
 *  +-------------------------------+-------------------------------+
 *  |  Intent: live entries after   |  Recoveries (diagnostic)      |  48
 *  +-------------------------------+-------------------------------+
 *  |  Takeovers (diagnostic)       |     Unused up to byte 128     |  56
 *  +-------------------------------+-------------------------------+
 *  Slot tables: S x T x 8 bytes. A slot word is 0 (empty: ends a probe), 0x00000000FFFFFFFF (deleted: a
 *  probe goes on), or tag << 32 | cell (live; cell in 1..C).
 *  Cells: S x C x cell size. Cell c of a segment is its (c - 1)th.
 *  +-------------------------------+-------------------------------+
 *  |  Generation (odd: writing)    |  Next free cell (0 = end)     |   0
 *  +-------------------------------+-------------------------------+
 *  |     Key length                |      Value length             |   8
 *  +-------------------------------+-------------------------------+
 *  |  Key bytes (K), then value bytes (V), zero padded to 8        |  16
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Writers of a segment take its lock; each update writes a fresh cell, then publishes it with one release
 * store of the slot word, then frees the old cell. The intent fields describe that update while it runs, so
 * whoever takes the lock over from a dead writer rolls it back (slot still old) or forward (slot already new).
 * Readers never lock: they read the slot word, the cell, then check that neither the cell's generation nor
 * the slot word changed.
 */
public final class MapDescriptor {
    public static final int FORMAT = 0x31504D53; // "SMP1" read as a little-endian int

    public static final int FORMAT_OFFSET = 0;
    public static final int SEGMENT_COUNT_OFFSET = 4;
    public static final int CELLS_PER_SEGMENT_OFFSET = 8;
    public static final int SLOTS_PER_SEGMENT_OFFSET = 12;
    public static final int MAX_KEY_BYTES_OFFSET = 16;
    public static final int MAX_VALUE_BYTES_OFFSET = 20;
    public static final int CELL_SIZE_OFFSET = 24;
    public static final int CAPACITY_OFFSET = 28;
    public static final int KEY_CODEC_ID_OFFSET = 32;
    public static final int VALUE_CODEC_ID_OFFSET = 96;
    public static final int CODEC_ID_FIELD_LENGTH = 64;
    public static final int HEADER_LENGTH = 256;

    public static final int SEGMENT_HEADER_LENGTH = 128;
    public static final int LOCK_OWNER_OFFSET = 0;
    public static final int LIVE_COUNT_OFFSET = 8;
    public static final int FREE_HEAD_OFFSET = 12;
    public static final int INTENT_STATE_OFFSET = 16;
    public static final int INTENT_SLOT_OFFSET = 20;
    public static final int INTENT_OLD_WORD_OFFSET = 24;
    public static final int INTENT_NEW_WORD_OFFSET = 32;
    public static final int INTENT_NEW_CELL_OFFSET = 40;
    public static final int INTENT_OLD_CELL_OFFSET = 44;
    public static final int INTENT_COUNT_AFTER_OFFSET = 48;
    public static final int RECOVERIES_OFFSET = 52;
    public static final int TAKEOVERS_OFFSET = 56;
    public static final int INTENT_IDLE = 0;
    public static final int INTENT_ACTIVE = 1;

    public static final int SLOT_LENGTH = Long.BYTES;
    public static final long EMPTY_SLOT = 0L;
    public static final long DELETED_SLOT = 0xFFFF_FFFFL;

    public static final int GENERATION_OFFSET = 0;
    public static final int NEXT_FREE_OFFSET = 4;
    public static final int KEY_LENGTH_OFFSET = 8;
    public static final int VALUE_LENGTH_OFFSET = 12;
    public static final int KEY_OFFSET = 16;

    public static final int MAX_SEGMENTS = 64;
    /** Slot indexes come from the low 26 bits of the hash; the segment from the next 6. */
    public static final int MAX_SLOTS_PER_SEGMENT = 1 << 26;

    private MapDescriptor() {
    }

    /** The cell size for these limits: header, key and value, rounded up to 8 bytes. */
    public static long cellSize(long maxKeyBytes, long maxValueBytes) {
        return (KEY_OFFSET + maxKeyBytes + maxValueBytes + Long.BYTES - 1) & -Long.BYTES;
    }

    public static long bodyLength(long segments, long cellsPerSegment, long slotsPerSegment, long cellSize) {
        return HEADER_LENGTH + segments * (SEGMENT_HEADER_LENGTH + slotsPerSegment * SLOT_LENGTH + cellsPerSegment * cellSize);
    }
}
