package org.ipc4j.state;

import org.ipc4j.region.RegionHeaderDescriptor;

/**
 * Layout of the body of {@link SharedIntArray}, {@link SharedLongArray}, {@link SharedDoubleArray} and
 * {@link SharedByteArray}: the element count and size, then the elements from byte 128, each naturally aligned
 * (doubles as their raw IEEE 754 bits). The body is exactly {@link #bodyLength} long, which an opener checks.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     Length (element count)                    |  0
 *  +-------------------------------+-------------------------------+
 *  |    Element size (1, 4, 8)     |     Unused up to byte 128     |  8
 *  +-------------------------------+-------------------------------+
 *  |                  Element 0, element 1, ...                    | 128
 *  |               padded with zeros to a multiple of 8            |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class ArrayDescriptor {
    public static final int LENGTH_OFFSET = 0;
    public static final int ELEMENT_SIZE_OFFSET = 8;
    public static final int ELEMENTS_OFFSET = 128;

    static final int LENGTH_FILE_OFFSET = RegionHeaderDescriptor.HEADER_LENGTH + LENGTH_OFFSET;
    static final int ELEMENT_SIZE_FILE_OFFSET = RegionHeaderDescriptor.HEADER_LENGTH + ELEMENT_SIZE_OFFSET;

    /** The most elements of {@code elementSize} bytes one region can hold. */
    static int maxLength(int elementSize) {
        return (Integer.MAX_VALUE - RegionHeaderDescriptor.HEADER_LENGTH - ELEMENTS_OFFSET - Long.BYTES) / elementSize;
    }

    private ArrayDescriptor() {
    }

    public static long bodyLength(long length, int elementSize) {
        long elements = length * elementSize;
        return ELEMENTS_OFFSET + ((elements + Long.BYTES - 1) & -Long.BYTES);
    }
}
