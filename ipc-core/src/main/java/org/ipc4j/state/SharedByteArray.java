package org.ipc4j.state;

import java.nio.ByteBuffer;
import java.time.Duration;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionNames;

/**
 * A fixed-length {@code byte[]} shared between processes, Python's {@code Array('b', n)}.
 *
 * <p>All access is plain: the JDK has no atomic or ordered access to a single byte of a buffer (its
 * {@code byteBufferViewVarHandle} starts at {@code short}), so there are no per-element atomic operations
 * here. Publish writes with {@code lock()} or a release store on another shared word, and keep counters in
 * a {@link SharedIntArray}. Indexes out of range throw {@link IndexOutOfBoundsException}.
 */
public final class SharedByteArray extends LockableSharedObject {
    private static final long serialVersionUID = 1L;
    private static final int ELEMENT_SIZE = 1;

    private final transient MappedBytes bytes;
    private final transient ArrayBounds bounds;

    private SharedByteArray(Region region) {
        super(region);
        this.bounds = ArrayBounds.of(region, ELEMENT_SIZE);
        this.bytes = region.bytes();
    }

    /** Creates {@code name} with {@code length} zeros; fails if the name exists. */
    public static SharedByteArray create(String name, int length) {
        long body = ArrayBounds.bodyLengthFor(name, ObjectType.ARRAY_BYTE, length, ELEMENT_SIZE);
        return Region.create(name, ObjectType.ARRAY_BYTE, body,
                bytes -> ArrayBounds.initialise(bytes, length, ELEMENT_SIZE)).buildOrClose(SharedByteArray::new);
    }

    /** Creates an anonymous array of {@code length} zeros, to be passed to other processes as a handle. */
    public static SharedByteArray create(int length) {
        return create(RegionNames.anonymous(), length);
    }

    /** Creates {@code name} holding a copy of {@code values}. */
    public static SharedByteArray create(String name, byte[] values) {
        SharedByteArray array = create(name, values.length);
        array.copyFrom(values);
        return array;
    }

    public static SharedByteArray open(String name) {
        return Region.open(name, ObjectType.ARRAY_BYTE).buildOrClose(SharedByteArray::new);
    }

    /** As {@link #open(String)}, waiting at most {@code timeout} for another process to create it. */
    public static SharedByteArray open(String name, Duration timeout) throws InterruptedException {
        Region.awaitCreated(name, timeout);
        return open(name);
    }

    /** Opens {@code name}, or creates it with {@code length} zeros; an existing array keeps its own length. */
    public static SharedByteArray openOrCreate(String name, int length) {
        long body = ArrayBounds.bodyLengthFor(name, ObjectType.ARRAY_BYTE, length, ELEMENT_SIZE);
        return Region.openOrCreate(name, ObjectType.ARRAY_BYTE, body,
                bytes -> ArrayBounds.initialise(bytes, length, ELEMENT_SIZE)).buildOrClose(SharedByteArray::new);
    }

    public int length() {
        return bounds.length();
    }

    public byte get(int index) {
        ensureOpen();
        return bytes.getByte(bounds.offset(index));
    }

    public void set(int index, byte value) {
        ensureOpen();
        bytes.putByte(bounds.offset(index), value);
    }

    /** Copies all of {@code source} to elements {@code 0..source.length - 1}. */
    public void copyFrom(byte[] source) {
        copyFrom(source, 0, 0, source.length);
    }

    /** Copies {@code source[sourceOffset..sourceOffset + count)} to elements {@code [index, index + count)}. */
    public void copyFrom(byte[] source, int sourceOffset, int index, int count) {
        ensureOpen();
        bounds.checkCallerRange(sourceOffset, count, source.length);
        bounds.checkRange(index, count);
        bytes.putBytes(bounds.elementsOffset() + index, source, sourceOffset, count);
    }

    /** Copies elements {@code [index, index + count)} to {@code destination[destinationOffset..)}. */
    public void copyTo(int index, byte[] destination, int destinationOffset, int count) {
        ensureOpen();
        bounds.checkRange(index, count);
        bounds.checkCallerRange(destinationOffset, count, destination.length);
        bytes.getBytes(bounds.elementsOffset() + index, destination, destinationOffset, count);
    }

    public byte[] toArray() {
        byte[] copy = new byte[length()];
        copyTo(0, copy, 0, copy.length);
        return copy;
    }

    /** A view of the elements (position 0, limit {@link #length()}); each call returns a new view. */
    public ByteBuffer buffer() {
        ensureOpen();
        return bytes.slice(bounds.elementsOffset(), length());
    }
}
