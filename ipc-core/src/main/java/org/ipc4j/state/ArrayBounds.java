package org.ipc4j.state;

import org.ipc4j.errors.CorruptedException;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;

/** Where a shared array's elements are, and the index checks every access goes through. */
final class ArrayBounds {
    private final String name;
    private final int length;
    private final int elementsOffset;
    private final int shift;

    private ArrayBounds(String name, int length, int elementsOffset, int elementSize) {
        this.name = name;
        this.length = length;
        this.elementsOffset = elementsOffset;
        this.shift = Integer.numberOfTrailingZeros(elementSize);
    }

    /** Checks {@code length} before a region of that many elements is created. */
    static long bodyLengthFor(String name, ObjectType type, int length, int elementSize) {
        if (length < 0) {
            throw new IllegalArgumentException("'" + name + "': a " + type + " cannot have a negative length (" + length + ")");
        }
        if (length > ArrayDescriptor.maxLength(elementSize)) {
            throw new IllegalArgumentException("'" + name + "': " + length + " elements of " + elementSize
                    + " bytes do not fit in one region; the most is " + ArrayDescriptor.maxLength(elementSize));
        }
        return ArrayDescriptor.bodyLength(length, elementSize);
    }

    static void initialise(MappedBytes bytes, int length, int elementSize) {
        bytes.putLong(ArrayDescriptor.LENGTH_FILE_OFFSET, length);
        bytes.putInt(ArrayDescriptor.ELEMENT_SIZE_FILE_OFFSET, elementSize);
    }

    /** Reads and validates the array header of {@code region}; throws if the header does not fit. */
    static ArrayBounds of(Region region, int elementSize) {
        region.requireBodyAtLeast(ArrayDescriptor.ELEMENTS_OFFSET, "shared array");
        MappedBytes bytes = region.bytes();
        int body = region.bodyOffset();
        long length = bytes.getLong(body + ArrayDescriptor.LENGTH_OFFSET);
        int storedSize = bytes.getInt(body + ArrayDescriptor.ELEMENT_SIZE_OFFSET);
        String problem = null;
        if (storedSize != elementSize) {
            problem = "element size " + storedSize + ", expected " + elementSize;
        } else if (length < 0 || length > ArrayDescriptor.maxLength(elementSize)) {
            problem = "length " + length + " is out of range";
        } else if (ArrayDescriptor.bodyLength(length, elementSize) != region.bodyLength()) {
            problem = "length " + length + " needs a " + ArrayDescriptor.bodyLength(length, elementSize)
                    + "-byte body, the region has " + region.bodyLength();
        }
        if (problem != null) {
            throw new CorruptedException("'" + region.name() + "' is not a valid " + region.type() + ": " + problem);
        }
        return new ArrayBounds(region.name(), (int) length, body + ArrayDescriptor.ELEMENTS_OFFSET, elementSize);
    }

    int length() {
        return length;
    }

    int elementsOffset() {
        return elementsOffset;
    }

    /** The file offset of element {@code index}. */
    int offset(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("'" + name + "': index " + index + " is out of bounds for length " + length);
        }
        return elementsOffset + (index << shift);
    }

    /** Checks that {@code [index, index + count)} lies in this array. */
    void checkRange(int index, int count) {
        if (count < 0 || index < 0 || index > length - count) {
            throw new IndexOutOfBoundsException("'" + name + "': range [" + index + ", " + index + " + " + count
                    + ") is out of bounds for length " + length);
        }
    }

    /** Checks that {@code [offset, offset + count)} lies in a caller's array of {@code arrayLength}. */
    void checkCallerRange(int offset, int count, int arrayLength) {
        if (count < 0 || offset < 0 || offset > arrayLength - count) {
            throw new IndexOutOfBoundsException("'" + name + "': range [" + offset + ", " + offset + " + " + count
                    + ") is out of bounds for the given array of length " + arrayLength);
        }
    }
}
