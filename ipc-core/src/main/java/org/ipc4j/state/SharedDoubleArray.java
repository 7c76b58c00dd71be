package org.ipc4j.state;

import java.nio.DoubleBuffer;
import java.time.Duration;
import java.util.function.DoubleUnaryOperator;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionNames;

/**
 * A fixed-length {@code double[]} shared between processes, Python's {@code Array('d', n)}. Elements are stored
 * as raw IEEE 754 bits, so each access is as atomic as {@link SharedLongArray}'s; arithmetic is a compare-and-set
 * loop on the bits and {@link #compareAndSet} compares bit patterns (see {@link SharedDouble}). Bulk copies are
 * plain, as in {@link SharedLongArray}. Indexes out of range throw {@link IndexOutOfBoundsException}.
 */
public final class SharedDoubleArray extends LockableSharedObject {
    private static final long serialVersionUID = 1L;
    private static final int ELEMENT_SIZE = Double.BYTES;

    private final transient MappedBytes bytes;
    private final transient ArrayBounds bounds;

    private SharedDoubleArray(Region region) {
        super(region);
        this.bounds = ArrayBounds.of(region, ELEMENT_SIZE);
        this.bytes = region.bytes();
    }

    /** Creates {@code name} with {@code length} zeros; fails if the name exists. */
    public static SharedDoubleArray create(String name, int length) {
        long body = ArrayBounds.bodyLengthFor(name, ObjectType.ARRAY_DOUBLE, length, ELEMENT_SIZE);
        return Region.create(name, ObjectType.ARRAY_DOUBLE, body,
                bytes -> ArrayBounds.initialise(bytes, length, ELEMENT_SIZE)).buildOrClose(SharedDoubleArray::new);
    }

    /** Creates an anonymous array of {@code length} zeros, to be passed to other processes as a handle. */
    public static SharedDoubleArray create(int length) {
        return create(RegionNames.anonymous(), length);
    }

    /** Creates {@code name} holding a copy of {@code values}. */
    public static SharedDoubleArray create(String name, double[] values) {
        SharedDoubleArray array = create(name, values.length);
        array.copyFrom(values);
        return array;
    }

    public static SharedDoubleArray open(String name) {
        return Region.open(name, ObjectType.ARRAY_DOUBLE).buildOrClose(SharedDoubleArray::new);
    }

    /** As {@link #open(String)}, waiting at most {@code timeout} for another process to create it. */
    public static SharedDoubleArray open(String name, Duration timeout) throws InterruptedException {
        Region.awaitCreated(name, timeout);
        return open(name);
    }

    /** Opens {@code name}, or creates it with {@code length} zeros; an existing array keeps its own length. */
    public static SharedDoubleArray openOrCreate(String name, int length) {
        long body = ArrayBounds.bodyLengthFor(name, ObjectType.ARRAY_DOUBLE, length, ELEMENT_SIZE);
        return Region.openOrCreate(name, ObjectType.ARRAY_DOUBLE, body,
                bytes -> ArrayBounds.initialise(bytes, length, ELEMENT_SIZE)).buildOrClose(SharedDoubleArray::new);
    }

    public int length() {
        return bounds.length();
    }

    public double get(int index) {
        ensureOpen();
        return value(bytes.getLongVolatile(bounds.offset(index)));
    }

    public void set(int index, double value) {
        ensureOpen();
        bytes.putLongVolatile(bounds.offset(index), bits(value));
    }

    public double getPlain(int index) {
        ensureOpen();
        return value(bytes.getLong(bounds.offset(index)));
    }

    public void setPlain(int index, double value) {
        ensureOpen();
        bytes.putLong(bounds.offset(index), bits(value));
    }

    public double getOpaque(int index) {
        ensureOpen();
        return value(bytes.getLongOpaque(bounds.offset(index)));
    }

    public void setOpaque(int index, double value) {
        ensureOpen();
        bytes.putLongOpaque(bounds.offset(index), bits(value));
    }

    public double getAcquire(int index) {
        ensureOpen();
        return value(bytes.getLongAcquire(bounds.offset(index)));
    }

    public void setRelease(int index, double value) {
        ensureOpen();
        bytes.putLongRelease(bounds.offset(index), bits(value));
    }

    /** Sets element {@code index} to {@code value} if its bits equal {@code expected}'s raw bits. */
    public boolean compareAndSet(int index, double expected, double value) {
        ensureOpen();
        return bytes.compareAndSetLong(bounds.offset(index), bits(expected), bits(value));
    }

    public double getAndSet(int index, double value) {
        ensureOpen();
        return value(bytes.getAndSetLong(bounds.offset(index), bits(value)));
    }

    public double getAndAdd(int index, double delta) {
        return getAndUpdate(index, previous -> previous + delta);
    }

    public double addAndGet(int index, double delta) {
        return getAndAdd(index, delta) + delta;
    }

    /** Applies {@code update} to element {@code index} in a compare-and-set loop; returns the previous value. */
    public double getAndUpdate(int index, DoubleUnaryOperator update) {
        ensureOpen();
        int offset = bounds.offset(index);
        long previous = bytes.getLongVolatile(offset);
        while (true) {
            long witness = bytes.compareAndExchangeLong(offset, previous, bits(update.applyAsDouble(value(previous))));
            if (witness == previous) {
                return value(previous);
            }
            previous = witness;
        }
    }

    /** Applies {@code update} to element {@code index} in a compare-and-set loop; returns the new value. */
    public double updateAndGet(int index, DoubleUnaryOperator update) {
        ensureOpen();
        int offset = bounds.offset(index);
        long previous = bytes.getLongVolatile(offset);
        while (true) {
            double next = update.applyAsDouble(value(previous));
            long witness = bytes.compareAndExchangeLong(offset, previous, bits(next));
            if (witness == previous) {
                return next;
            }
            previous = witness;
        }
    }

    /** Copies all of {@code source} to elements {@code 0..source.length - 1} (plain stores). */
    public void copyFrom(double[] source) {
        copyFrom(source, 0, 0, source.length);
    }

    /** Copies {@code source[sourceOffset..sourceOffset + count)} to elements {@code [index, index + count)} (plain stores). */
    public void copyFrom(double[] source, int sourceOffset, int index, int count) {
        ensureOpen();
        bounds.checkCallerRange(sourceOffset, count, source.length);
        bounds.checkRange(index, count);
        elements().put(index, source, sourceOffset, count);
    }

    /** Copies elements {@code [index, index + count)} to {@code destination[destinationOffset..)} (plain loads). */
    public void copyTo(int index, double[] destination, int destinationOffset, int count) {
        ensureOpen();
        bounds.checkRange(index, count);
        bounds.checkCallerRange(destinationOffset, count, destination.length);
        elements().get(index, destination, destinationOffset, count);
    }

    /** A copy of all elements (plain loads). */
    public double[] toArray() {
        double[] copy = new double[length()];
        copyTo(0, copy, 0, copy.length);
        return copy;
    }

    /** The elements as doubles; {@link DoubleBuffer#put} stores raw bits, as {@link #bits} does. */
    private DoubleBuffer elements() {
        return bytes.slice(bounds.elementsOffset(), length() * ELEMENT_SIZE).asDoubleBuffer();
    }

    private static long bits(double value) {
        return Double.doubleToRawLongBits(value);
    }

    private static double value(long bits) {
        return Double.longBitsToDouble(bits);
    }
}
