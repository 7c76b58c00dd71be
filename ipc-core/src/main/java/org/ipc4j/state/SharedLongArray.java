package org.ipc4j.state;

import java.nio.LongBuffer;
import java.time.Duration;
import java.util.function.LongUnaryOperator;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionNames;

/**
 * A fixed-length {@code long[]} shared between processes, Python's {@code Array('q', n)}, with the per-element
 * operations of {@link java.util.concurrent.atomic.AtomicLongArray}: {@link #get}/{@link #set} are volatile,
 * read-modify-writes are atomic. The bulk copies ({@link #copyFrom}, {@link #copyTo}, {@link #toArray}) are
 * plain: they are not atomic as a whole, so publish them to other processes with {@code lock()} or a release
 * store on another shared word. Indexes out of range throw {@link IndexOutOfBoundsException}.
 */
public final class SharedLongArray extends LockableSharedObject {
    private static final long serialVersionUID = 1L;
    private static final int ELEMENT_SIZE = Long.BYTES;

    private final transient MappedBytes bytes;
    private final transient ArrayBounds bounds;

    private SharedLongArray(Region region) {
        super(region);
        this.bounds = ArrayBounds.of(region, ELEMENT_SIZE);
        this.bytes = region.bytes();
    }

    /** Creates {@code name} with {@code length} zeros; fails if the name exists. */
    public static SharedLongArray create(String name, int length) {
        long body = ArrayBounds.bodyLengthFor(name, ObjectType.ARRAY_LONG, length, ELEMENT_SIZE);
        return Region.create(name, ObjectType.ARRAY_LONG, body,
                bytes -> ArrayBounds.initialise(bytes, length, ELEMENT_SIZE)).buildOrClose(SharedLongArray::new);
    }

    /** Creates an anonymous array of {@code length} zeros, to be passed to other processes as a handle. */
    public static SharedLongArray create(int length) {
        return create(RegionNames.anonymous(), length);
    }

    /** Creates {@code name} holding a copy of {@code values}. */
    public static SharedLongArray create(String name, long[] values) {
        SharedLongArray array = create(name, values.length);
        array.copyFrom(values);
        return array;
    }

    public static SharedLongArray open(String name) {
        return Region.open(name, ObjectType.ARRAY_LONG).buildOrClose(SharedLongArray::new);
    }

    /** As {@link #open(String)}, waiting at most {@code timeout} for another process to create it. */
    public static SharedLongArray open(String name, Duration timeout) throws InterruptedException {
        Region.awaitCreated(name, timeout);
        return open(name);
    }

    /** Opens {@code name}, or creates it with {@code length} zeros; an existing array keeps its own length. */
    public static SharedLongArray openOrCreate(String name, int length) {
        long body = ArrayBounds.bodyLengthFor(name, ObjectType.ARRAY_LONG, length, ELEMENT_SIZE);
        return Region.openOrCreate(name, ObjectType.ARRAY_LONG, body,
                bytes -> ArrayBounds.initialise(bytes, length, ELEMENT_SIZE)).buildOrClose(SharedLongArray::new);
    }

    public int length() {
        return bounds.length();
    }

    public long get(int index) {
        ensureOpen();
        return bytes.getLongVolatile(bounds.offset(index));
    }

    public void set(int index, long value) {
        ensureOpen();
        bytes.putLongVolatile(bounds.offset(index), value);
    }

    public long getPlain(int index) {
        ensureOpen();
        return bytes.getLong(bounds.offset(index));
    }

    public void setPlain(int index, long value) {
        ensureOpen();
        bytes.putLong(bounds.offset(index), value);
    }

    public long getOpaque(int index) {
        ensureOpen();
        return bytes.getLongOpaque(bounds.offset(index));
    }

    public void setOpaque(int index, long value) {
        ensureOpen();
        bytes.putLongOpaque(bounds.offset(index), value);
    }

    public long getAcquire(int index) {
        ensureOpen();
        return bytes.getLongAcquire(bounds.offset(index));
    }

    public void setRelease(int index, long value) {
        ensureOpen();
        bytes.putLongRelease(bounds.offset(index), value);
    }

    public boolean compareAndSet(int index, long expected, long value) {
        ensureOpen();
        return bytes.compareAndSetLong(bounds.offset(index), expected, value);
    }

    public long getAndSet(int index, long value) {
        ensureOpen();
        return bytes.getAndSetLong(bounds.offset(index), value);
    }

    public long getAndAdd(int index, long delta) {
        ensureOpen();
        return bytes.getAndAddLong(bounds.offset(index), delta);
    }

    public long addAndGet(int index, long delta) {
        return getAndAdd(index, delta) + delta;
    }

    public long incrementAndGet(int index) {
        return getAndAdd(index, 1) + 1;
    }

    public long decrementAndGet(int index) {
        return getAndAdd(index, -1) - 1;
    }

    /** Applies {@code update} to element {@code index} in a compare-and-set loop; returns the previous value. */
    public long getAndUpdate(int index, LongUnaryOperator update) {
        ensureOpen();
        int offset = bounds.offset(index);
        long previous = bytes.getLongVolatile(offset);
        while (true) {
            long witness = bytes.compareAndExchangeLong(offset, previous, update.applyAsLong(previous));
            if (witness == previous) {
                return previous;
            }
            previous = witness;
        }
    }

    /** Applies {@code update} to element {@code index} in a compare-and-set loop; returns the new value. */
    public long updateAndGet(int index, LongUnaryOperator update) {
        ensureOpen();
        int offset = bounds.offset(index);
        long previous = bytes.getLongVolatile(offset);
        while (true) {
            long next = update.applyAsLong(previous);
            long witness = bytes.compareAndExchangeLong(offset, previous, next);
            if (witness == previous) {
                return next;
            }
            previous = witness;
        }
    }

    /** Copies all of {@code source} to elements {@code 0..source.length - 1} (plain stores). */
    public void copyFrom(long[] source) {
        copyFrom(source, 0, 0, source.length);
    }

    /** Copies {@code source[sourceOffset..sourceOffset + count)} to elements {@code [index, index + count)} (plain stores). */
    public void copyFrom(long[] source, int sourceOffset, int index, int count) {
        ensureOpen();
        bounds.checkCallerRange(sourceOffset, count, source.length);
        bounds.checkRange(index, count);
        elements().put(index, source, sourceOffset, count);
    }

    /** Copies elements {@code [index, index + count)} to {@code destination[destinationOffset..)} (plain loads). */
    public void copyTo(int index, long[] destination, int destinationOffset, int count) {
        ensureOpen();
        bounds.checkRange(index, count);
        bounds.checkCallerRange(destinationOffset, count, destination.length);
        elements().get(index, destination, destinationOffset, count);
    }

    /** A copy of all elements (plain loads). */
    public long[] toArray() {
        long[] copy = new long[length()];
        copyTo(0, copy, 0, copy.length);
        return copy;
    }

    private LongBuffer elements() {
        return bytes.slice(bounds.elementsOffset(), length() * ELEMENT_SIZE).asLongBuffer();
    }
}
