package org.ipc4j.state;

import org.ipc4j.region.Region;
import org.ipc4j.region.RegionHeaderDescriptor;

/**
 * Layout of the body of {@link SharedInt}, {@link SharedLong}, {@link SharedDouble} and {@link SharedBoolean}:
 * one naturally aligned word alone in a 128-byte block, so that no other data shares its cache line (nor the
 * adjacent line the prefetcher pairs with it). The region header before it is written once at creation.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |   Value: int or boolean (0/1) in bytes 0-3, long or double    |  0
 *  |   bits (IEEE 754, raw) in bytes 0-7                           |
 *  +---------------------------------------------------------------+
 *  |                     Unused up to byte 128                     |  8
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class ValueDescriptor {
    public static final int VALUE_OFFSET = 0;
    public static final int BODY_LENGTH = 128;
    /** Where the value sits in the file, for initialisers, which get the whole mapping. */
    static final int VALUE_FILE_OFFSET = RegionHeaderDescriptor.HEADER_LENGTH + VALUE_OFFSET;

    private ValueDescriptor() {
    }

    /** The absolute offset of the value in {@code region}, after checking the body has this layout's size. */
    static int valueOffset(Region region) {
        region.requireBodyLength(BODY_LENGTH, "shared value");
        return region.bodyOffset() + VALUE_OFFSET;
    }
}
