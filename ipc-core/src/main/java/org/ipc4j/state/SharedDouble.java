package org.ipc4j.state;

import java.time.Duration;
import java.util.function.DoubleUnaryOperator;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionNames;

/**
 * A {@code double} shared between processes, Python's {@code Value('d')}. It is stored as its raw IEEE 754
 * bits in a {@code long}, so every access is as atomic as {@link SharedLong}'s; arithmetic is a
 * compare-and-set loop on those bits. {@link #compareAndSet} compares bit patterns, not {@code ==}: {@code -0.0}
 * does not match {@code 0.0}, and a NaN matches a NaN with the same bits.
 */
public final class SharedDouble extends LockableSharedObject {
    private static final long serialVersionUID = 1L;

    private final transient MappedBytes bytes;
    private final transient int offset;

    private SharedDouble(Region region) {
        super(region);
        this.offset = ValueDescriptor.valueOffset(region);
        this.bytes = region.bytes();
    }

    /** Creates {@code name} holding {@code initial}; fails if the name exists. */
    public static SharedDouble create(String name, double initial) {
        return Region.create(name, ObjectType.VALUE_DOUBLE, ValueDescriptor.BODY_LENGTH,
                bytes -> bytes.putLong(ValueDescriptor.VALUE_FILE_OFFSET, bits(initial))).buildOrClose(SharedDouble::new);
    }

    /** Creates an anonymous value, to be passed to other processes as a handle. */
    public static SharedDouble create(double initial) {
        return create(RegionNames.anonymous(), initial);
    }

    public static SharedDouble open(String name) {
        return Region.open(name, ObjectType.VALUE_DOUBLE).buildOrClose(SharedDouble::new);
    }

    /** As {@link #open(String)}, waiting at most {@code timeout} for another process to create it. */
    public static SharedDouble open(String name, Duration timeout) throws InterruptedException {
        Region.awaitCreated(name, timeout);
        return open(name);
    }

    /** Opens {@code name}, or creates it holding {@code initial} if it does not exist. */
    public static SharedDouble openOrCreate(String name, double initial) {
        return Region.openOrCreate(name, ObjectType.VALUE_DOUBLE, ValueDescriptor.BODY_LENGTH,
                bytes -> bytes.putLong(ValueDescriptor.VALUE_FILE_OFFSET, bits(initial))).buildOrClose(SharedDouble::new);
    }

    public double get() {
        ensureOpen();
        return value(bytes.getLongVolatile(offset));
    }

    public void set(double value) {
        ensureOpen();
        bytes.putLongVolatile(offset, bits(value));
    }

    public double getPlain() {
        ensureOpen();
        return value(bytes.getLong(offset));
    }

    public void setPlain(double value) {
        ensureOpen();
        bytes.putLong(offset, bits(value));
    }

    public double getOpaque() {
        ensureOpen();
        return value(bytes.getLongOpaque(offset));
    }

    public void setOpaque(double value) {
        ensureOpen();
        bytes.putLongOpaque(offset, bits(value));
    }

    public double getAcquire() {
        ensureOpen();
        return value(bytes.getLongAcquire(offset));
    }

    public void setRelease(double value) {
        ensureOpen();
        bytes.putLongRelease(offset, bits(value));
    }

    /** Sets {@code value} if the current bits equal {@code expected}'s raw bits. */
    public boolean compareAndSet(double expected, double value) {
        ensureOpen();
        return bytes.compareAndSetLong(offset, bits(expected), bits(value));
    }

    public double getAndSet(double value) {
        ensureOpen();
        return value(bytes.getAndSetLong(offset, bits(value)));
    }

    public double getAndAdd(double delta) {
        ensureOpen();
        long previous = bytes.getLongVolatile(offset);
        while (true) {
            long witness = bytes.compareAndExchangeLong(offset, previous, bits(value(previous) + delta));
            if (witness == previous) {
                return value(previous);
            }
            previous = witness;
        }
    }

    public double addAndGet(double delta) {
        return getAndAdd(delta) + delta;
    }

    /** Applies {@code update} in a compare-and-set loop (it may run more than once) and returns the previous value. */
    public double getAndUpdate(DoubleUnaryOperator update) {
        ensureOpen();
        long previous = bytes.getLongVolatile(offset);
        while (true) {
            long witness = bytes.compareAndExchangeLong(offset, previous, bits(update.applyAsDouble(value(previous))));
            if (witness == previous) {
                return value(previous);
            }
            previous = witness;
        }
    }

    /** Applies {@code update} in a compare-and-set loop (it may run more than once) and returns the new value. */
    public double updateAndGet(DoubleUnaryOperator update) {
        ensureOpen();
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

    private static long bits(double value) {
        return Double.doubleToRawLongBits(value);
    }

    private static double value(long bits) {
        return Double.longBitsToDouble(bits);
    }

    @Override
    public String toString() {
        return isClosed() ? super.toString() : "SharedDouble[" + name() + "=" + get() + "]";
    }
}
