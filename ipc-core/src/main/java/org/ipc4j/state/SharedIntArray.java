package org.ipc4j.state;

import java.nio.IntBuffer;
import java.time.Duration;
import java.util.function.IntUnaryOperator;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionNames;

/**
 * A fixed-length {@code int[]} shared between processes, Python's {@code Array('i', n)}, with the per-element
 * operations of {@link java.util.concurrent.atomic.AtomicIntegerArray}: {@link #get}/{@link #set} are volatile,
 * read-modify-writes are atomic. The bulk copies ({@link #copyFrom}, {@link #copyTo}, {@link #toArray}) are
 * plain: they are not atomic as a whole, so publish them to other processes with {@code lock()} or a release
 * store on another shared word. Indexes out of range throw {@link IndexOutOfBoundsException}.
 */
public final class SharedIntArray extends LockableSharedObject {
    private static final long serialVersionUID = 1L;
    private static final int ELEMENT_SIZE = Integer.BYTES;

    private final transient MappedBytes bytes;
    private final transient ArrayBounds bounds;

    private SharedIntArray(Region region) {
        super(region);
        this.bounds = ArrayBounds.of(region, ELEMENT_SIZE);
        this.bytes = region.bytes();
    }

    /** Creates {@code name} with {@code length} zeros; fails if the name exists. */
    public static SharedIntArray create(String name, int length) {
        long body = ArrayBounds.bodyLengthFor(name, ObjectType.ARRAY_INT, length, ELEMENT_SIZE);
        return Region.create(name, ObjectType.ARRAY_INT, body,
                bytes -> ArrayBounds.initialise(bytes, length, ELEMENT_SIZE)).buildOrClose(SharedIntArray::new);
    }

    /** Creates an anonymous array of {@code length} zeros, to be passed to other processes as a handle. */
    public static SharedIntArray create(int length) {
        return create(RegionNames.anonymous(), length);
    }

    /** Creates {@code name} holding a copy of {@code values}. */
    public static SharedIntArray create(String name, int[] values) {
        SharedIntArray array = create(name, values.length);
        array.copyFrom(values);
        return array;
    }

    public static SharedIntArray open(String name) {
        return Region.open(name, ObjectType.ARRAY_INT).buildOrClose(SharedIntArray::new);
    }

    /** As {@link #open(String)}, waiting at most {@code timeout} for another process to create it. */
    public static SharedIntArray open(String name, Duration timeout) throws InterruptedException {
        Region.awaitCreated(name, timeout);
        return open(name);
    }

    /** Opens {@code name}, or creates it with {@code length} zeros; an existing array keeps its own length. */
    public static SharedIntArray openOrCreate(String name, int length) {
        long body = ArrayBounds.bodyLengthFor(name, ObjectType.ARRAY_INT, length, ELEMENT_SIZE);
        return Region.openOrCreate(name, ObjectType.ARRAY_INT, body,
                bytes -> ArrayBounds.initialise(bytes, length, ELEMENT_SIZE)).buildOrClose(SharedIntArray::new);
    }

    public int length() {
        return bounds.length();
    }

    public int get(int index) {
        ensureOpen();
        return bytes.getIntVolatile(bounds.offset(index));
    }

    public void set(int index, int value) {
        ensureOpen();
        bytes.putIntVolatile(bounds.offset(index), value);
    }

    public int getPlain(int index) {
        ensureOpen();
        return bytes.getInt(bounds.offset(index));
    }

    public void setPlain(int index, int value) {
        ensureOpen();
        bytes.putInt(bounds.offset(index), value);
    }

    public int getOpaque(int index) {
        ensureOpen();
        return bytes.getIntOpaque(bounds.offset(index));
    }

    public void setOpaque(int index, int value) {
        ensureOpen();
        bytes.putIntOpaque(bounds.offset(index), value);
    }

    public int getAcquire(int index) {
        ensureOpen();
        return bytes.getIntAcquire(bounds.offset(index));
    }

    public void setRelease(int index, int value) {
        ensureOpen();
        bytes.putIntRelease(bounds.offset(index), value);
    }

    public boolean compareAndSet(int index, int expected, int value) {
        ensureOpen();
        return bytes.compareAndSetInt(bounds.offset(index), expected, value);
    }

    public int getAndSet(int index, int value) {
        ensureOpen();
        return bytes.getAndSetInt(bounds.offset(index), value);
    }

    public int getAndAdd(int index, int delta) {
        ensureOpen();
        return bytes.getAndAddInt(bounds.offset(index), delta);
    }

    public int addAndGet(int index, int delta) {
        return getAndAdd(index, delta) + delta;
    }

    public int incrementAndGet(int index) {
        return getAndAdd(index, 1) + 1;
    }

    public int decrementAndGet(int index) {
        return getAndAdd(index, -1) - 1;
    }

    /** Applies {@code update} to element {@code index} in a compare-and-set loop; returns the previous value. */
    public int getAndUpdate(int index, IntUnaryOperator update) {
        ensureOpen();
        int offset = bounds.offset(index);
        int previous = bytes.getIntVolatile(offset);
        while (true) {
            int witness = bytes.compareAndExchangeInt(offset, previous, update.applyAsInt(previous));
            if (witness == previous) {
                return previous;
            }
            previous = witness;
        }
    }

    /** Applies {@code update} to element {@code index} in a compare-and-set loop; returns the new value. */
    public int updateAndGet(int index, IntUnaryOperator update) {
        ensureOpen();
        int offset = bounds.offset(index);
        int previous = bytes.getIntVolatile(offset);
        while (true) {
            int next = update.applyAsInt(previous);
            int witness = bytes.compareAndExchangeInt(offset, previous, next);
            if (witness == previous) {
                return next;
            }
            previous = witness;
        }
    }

    /** Copies all of {@code source} to elements {@code 0..source.length - 1} (plain stores). */
    public void copyFrom(int[] source) {
        copyFrom(source, 0, 0, source.length);
    }

    /** Copies {@code source[sourceOffset..sourceOffset + count)} to elements {@code [index, index + count)} (plain stores). */
    public void copyFrom(int[] source, int sourceOffset, int index, int count) {
        ensureOpen();
        bounds.checkCallerRange(sourceOffset, count, source.length);
        bounds.checkRange(index, count);
        elements().put(index, source, sourceOffset, count);
    }

    /** Copies elements {@code [index, index + count)} to {@code destination[destinationOffset..)} (plain loads). */
    public void copyTo(int index, int[] destination, int destinationOffset, int count) {
        ensureOpen();
        bounds.checkRange(index, count);
        bounds.checkCallerRange(destinationOffset, count, destination.length);
        elements().get(index, destination, destinationOffset, count);
    }

    /** A copy of all elements (plain loads). */
    public int[] toArray() {
        int[] copy = new int[length()];
        copyTo(0, copy, 0, copy.length);
        return copy;
    }

    private IntBuffer elements() {
        return bytes.slice(bounds.elementsOffset(), length() * ELEMENT_SIZE).asIntBuffer();
    }
}
