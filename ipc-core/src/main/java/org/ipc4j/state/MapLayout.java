package org.ipc4j.state;

import static org.ipc4j.state.MapDescriptor.CAPACITY_OFFSET;
import static org.ipc4j.state.MapDescriptor.CELLS_PER_SEGMENT_OFFSET;
import static org.ipc4j.state.MapDescriptor.CELL_SIZE_OFFSET;
import static org.ipc4j.state.MapDescriptor.CODEC_ID_FIELD_LENGTH;
import static org.ipc4j.state.MapDescriptor.FORMAT;
import static org.ipc4j.state.MapDescriptor.FORMAT_OFFSET;
import static org.ipc4j.state.MapDescriptor.FREE_HEAD_OFFSET;
import static org.ipc4j.state.MapDescriptor.HEADER_LENGTH;
import static org.ipc4j.state.MapDescriptor.KEY_CODEC_ID_OFFSET;
import static org.ipc4j.state.MapDescriptor.MAX_KEY_BYTES_OFFSET;
import static org.ipc4j.state.MapDescriptor.MAX_SEGMENTS;
import static org.ipc4j.state.MapDescriptor.MAX_SLOTS_PER_SEGMENT;
import static org.ipc4j.state.MapDescriptor.MAX_VALUE_BYTES_OFFSET;
import static org.ipc4j.state.MapDescriptor.NEXT_FREE_OFFSET;
import static org.ipc4j.state.MapDescriptor.SEGMENT_COUNT_OFFSET;
import static org.ipc4j.state.MapDescriptor.SEGMENT_HEADER_LENGTH;
import static org.ipc4j.state.MapDescriptor.SLOTS_PER_SEGMENT_OFFSET;
import static org.ipc4j.state.MapDescriptor.SLOT_LENGTH;
import static org.ipc4j.state.MapDescriptor.VALUE_CODEC_ID_OFFSET;

import java.nio.charset.StandardCharsets;

import org.ipc4j.errors.CorruptedException;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionHeaderDescriptor;

/**
 * The geometry of one map (see {@link MapDescriptor}): chosen from the capacity at creation, or read from the
 * header and validated on open, then used for every absolute offset.
 */
final class MapLayout {
    /** Maps up to this many entries have one segment, so their capacity is exact. */
    private static final int SINGLE_SEGMENT_CAPACITY = 1024;

    final int segments;
    final int cellsPerSegment;
    final int slotsPerSegment;
    final int maxKeyBytes;
    final int maxValueBytes;
    final int cellSize;
    final int capacity;
    private final int body;
    private final int slotTables;
    private final int cells;

    private MapLayout(int body, int segments, int cellsPerSegment, int slotsPerSegment, int maxKeyBytes, int maxValueBytes,
            int cellSize, int capacity) {
        this.body = body;
        this.segments = segments;
        this.cellsPerSegment = cellsPerSegment;
        this.slotsPerSegment = slotsPerSegment;
        this.maxKeyBytes = maxKeyBytes;
        this.maxValueBytes = maxValueBytes;
        this.cellSize = cellSize;
        this.capacity = capacity;
        this.slotTables = body + HEADER_LENGTH + segments * SEGMENT_HEADER_LENGTH;
        this.cells = slotTables + segments * slotsPerSegment * SLOT_LENGTH;
    }

    /**
     * The layout for {@code capacity} entries. Small maps get one segment holding exactly {@code capacity};
     * larger ones spread keys over segments by hash, each sized for its share plus six standard deviations of
     * the binomial spread, so that {@code capacity} uniformly hashed keys fit unless something near a one in
     * a billion chance happens. Every segment keeps one spare cell so that a full segment can still replace.
     */
    static MapLayout forCapacity(String name, int capacity, int maxKeyBytes, int maxValueBytes) {
        if (capacity <= 0 || maxKeyBytes <= 0 || maxValueBytes <= 0) {
            throw new IllegalArgumentException("'" + name + "': capacity (" + capacity + "), maxKeyBytes (" + maxKeyBytes
                    + ") and maxValueBytes (" + maxValueBytes + ") must all be positive");
        }
        int segments = capacity <= SINGLE_SEGMENT_CAPACITY ? 1 : Math.min(MAX_SEGMENTS, Integer.highestOneBit(capacity / 256));
        long share = ((long) capacity + segments - 1) / segments;
        long perSegment = segments == 1 ? share : share + (long) Math.ceil(6 * Math.sqrt(share));
        long cells = perSegment + 1;
        long slots = Long.highestOneBit(Math.max(2, cells * 2 - 1)) << 1;
        long cellSize = MapDescriptor.cellSize(maxKeyBytes, maxValueBytes);
        long total = RegionHeaderDescriptor.HEADER_LENGTH + MapDescriptor.bodyLength(segments, cells, slots, cellSize);
        if (slots > MAX_SLOTS_PER_SEGMENT || total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + name + "': " + capacity + " entries of up to " + maxKeyBytes + " + "
                    + maxValueBytes + " bytes need " + total + " bytes, more than one region can map (2 GiB)");
        }
        return new MapLayout(RegionHeaderDescriptor.HEADER_LENGTH, segments, (int) cells, (int) slots, maxKeyBytes,
                maxValueBytes, (int) cellSize, capacity);
    }

    long bodyLength() {
        return MapDescriptor.bodyLength(segments, cellsPerSegment, slotsPerSegment, cellSize);
    }

    /** Writes the header and links every cell of every segment into its free list. */
    void initialise(MappedBytes bytes, String keyCodecId, String valueCodecId) {
        bytes.putInt(body + FORMAT_OFFSET, FORMAT);
        bytes.putInt(body + SEGMENT_COUNT_OFFSET, segments);
        bytes.putInt(body + CELLS_PER_SEGMENT_OFFSET, cellsPerSegment);
        bytes.putInt(body + SLOTS_PER_SEGMENT_OFFSET, slotsPerSegment);
        bytes.putInt(body + MAX_KEY_BYTES_OFFSET, maxKeyBytes);
        bytes.putInt(body + MAX_VALUE_BYTES_OFFSET, maxValueBytes);
        bytes.putInt(body + CELL_SIZE_OFFSET, cellSize);
        bytes.putInt(body + CAPACITY_OFFSET, capacity);
        writeCodecId(bytes, body + KEY_CODEC_ID_OFFSET, keyCodecId);
        writeCodecId(bytes, body + VALUE_CODEC_ID_OFFSET, valueCodecId);
        for (int segment = 0; segment < segments; segment++) {
            bytes.putInt(segmentHeader(segment) + FREE_HEAD_OFFSET, 1);
            for (int cell = 1; cell < cellsPerSegment; cell++) {
                bytes.putInt(cell(segment, cell) + NEXT_FREE_OFFSET, cell + 1);
            }
        }
    }

    /** Checks a codec id fits its header field before anything is created. */
    static void checkCodecId(String name, String role, String id) {
        if (id == null || id.isEmpty() || id.getBytes(StandardCharsets.UTF_8).length >= CODEC_ID_FIELD_LENGTH) {
            throw new IllegalArgumentException("'" + name + "': the " + role + " codec's id must be 1 to "
                    + (CODEC_ID_FIELD_LENGTH - 1) + " bytes of UTF-8, not " + (id == null ? "null" : "'" + id + "'"));
        }
    }

    private static void writeCodecId(MappedBytes bytes, int offset, String id) {
        byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
        bytes.putByte(offset, (byte) utf8.length);
        bytes.putBytes(offset + 1, utf8, 0, utf8.length);
    }

    /** Reads and validates the geometry of an opened map; every later offset computation relies on these checks. */
    static MapLayout read(Region region) {
        MappedBytes bytes = region.bytes();
        int body = region.bodyOffset();
        if (region.bodyLength() < HEADER_LENGTH) {
            throw corrupted(region, "its " + region.bodyLength() + "-byte body is smaller than the map header");
        }
        if (bytes.getInt(body + FORMAT_OFFSET) != FORMAT) {
            throw corrupted(region, "unknown map format 0x" + Integer.toHexString(bytes.getInt(body + FORMAT_OFFSET)));
        }
        int segments = bytes.getInt(body + SEGMENT_COUNT_OFFSET);
        int cells = bytes.getInt(body + CELLS_PER_SEGMENT_OFFSET);
        int slots = bytes.getInt(body + SLOTS_PER_SEGMENT_OFFSET);
        int maxKey = bytes.getInt(body + MAX_KEY_BYTES_OFFSET);
        int maxValue = bytes.getInt(body + MAX_VALUE_BYTES_OFFSET);
        int cellSize = bytes.getInt(body + CELL_SIZE_OFFSET);
        int capacity = bytes.getInt(body + CAPACITY_OFFSET);
        if (segments < 1 || segments > MAX_SEGMENTS || Integer.bitCount(segments) != 1) {
            throw corrupted(region, "segment count " + segments + " is not a power of two up to " + MAX_SEGMENTS);
        }
        if (slots < 2 || slots > MAX_SLOTS_PER_SEGMENT || Integer.bitCount(slots) != 1 || cells < 2 || cells >= slots) {
            throw corrupted(region, cells + " cells and " + slots + " slots per segment do not make a valid table");
        }
        if (maxKey < 1 || maxValue < 1 || capacity < 1 || cellSize != MapDescriptor.cellSize(maxKey, maxValue)) {
            throw corrupted(region, "limits do not agree: key " + maxKey + ", value " + maxValue + ", cell " + cellSize
                    + ", capacity " + capacity);
        }
        long expected = MapDescriptor.bodyLength(segments, cells, slots, cellSize);
        if (expected != region.bodyLength()) {
            throw corrupted(region, "its geometry needs a " + expected + "-byte body, the region has " + region.bodyLength());
        }
        return new MapLayout(body, segments, cells, slots, maxKey, maxValue, cellSize, capacity);
    }

    static String readCodecId(Region region, boolean key) {
        MappedBytes bytes = region.bytes();
        int offset = region.bodyOffset() + (key ? KEY_CODEC_ID_OFFSET : VALUE_CODEC_ID_OFFSET);
        int length = bytes.getByte(offset) & 0xFF;
        if (length == 0 || length >= CODEC_ID_FIELD_LENGTH) {
            throw corrupted(region, "the " + (key ? "key" : "value") + " codec id has length " + length);
        }
        byte[] utf8 = new byte[length];
        bytes.getBytes(offset + 1, utf8, 0, length);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static CorruptedException corrupted(Region region, String problem) {
        return new CorruptedException("'" + region.name() + "' is not a valid SharedMap: " + problem);
    }

    /** The most live entries one segment may hold: all its cells but the spare. */
    int entriesPerSegment() {
        return cellsPerSegment - 1;
    }

    int segmentHeader(int segment) {
        return body + HEADER_LENGTH + segment * SEGMENT_HEADER_LENGTH;
    }

    int slot(int segment, int slot) {
        return slotTables + (segment * slotsPerSegment + slot) * SLOT_LENGTH;
    }

    /** The offset of cell {@code cell} (1-based) of {@code segment}. */
    int cell(int segment, int cell) {
        return cells + (segment * cellsPerSegment + cell - 1) * cellSize;
    }
}
