package org.ipc4j.state;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionNames;

/**
 * A {@code long} shared between processes, Python's {@code Value('q')} with the atomic operations of
 * {@link java.util.concurrent.atomic.AtomicLong}: {@link #get()}/{@link #set} are volatile, every
 * read-modify-write is one atomic instruction or a compare-and-set loop, and the plain, opaque and
 * acquire/release variants have the meaning of the same-named {@link java.lang.invoke.VarHandle} modes.
 */
public final class SharedLong extends LockableSharedObject {
    private static final long serialVersionUID = 1L;

    private final transient MappedBytes bytes;
    private final transient int offset;

    private SharedLong(Region region) {
        super(region);
        this.offset = ValueDescriptor.valueOffset(region);
        this.bytes = region.bytes();
    }

    /** Creates {@code name} holding {@code initial}; fails if the name exists. */
    public static SharedLong create(String name, long initial) {
        return Region.create(name, ObjectType.VALUE_LONG, ValueDescriptor.BODY_LENGTH,
                bytes -> bytes.putLong(ValueDescriptor.VALUE_FILE_OFFSET, initial)).buildOrClose(SharedLong::new);
    }

    /** Creates an anonymous value, to be passed to other processes as a handle. */
    public static SharedLong create(long initial) {
        return create(RegionNames.anonymous(), initial);
    }

    public static SharedLong open(String name) {
        return Region.open(name, ObjectType.VALUE_LONG).buildOrClose(SharedLong::new);
    }

    /** As {@link #open(String)}, waiting at most {@code timeout} for another process to create it. */
    public static SharedLong open(String name, Duration timeout) throws InterruptedException {
        Region.awaitCreated(name, timeout);
        return open(name);
    }

    /** Opens {@code name}, or creates it holding {@code initial} if it does not exist. */
    public static SharedLong openOrCreate(String name, long initial) {
        return Region.openOrCreate(name, ObjectType.VALUE_LONG, ValueDescriptor.BODY_LENGTH,
                bytes -> bytes.putLong(ValueDescriptor.VALUE_FILE_OFFSET, initial)).buildOrClose(SharedLong::new);
    }

    public long get() {
        ensureOpen();
        return bytes.getLongVolatile(offset);
    }

    public void set(long value) {
        ensureOpen();
        bytes.putLongVolatile(offset, value);
    }

    public long getPlain() {
        ensureOpen();
        return bytes.getLong(offset);
    }

    public void setPlain(long value) {
        ensureOpen();
        bytes.putLong(offset, value);
    }

    public long getOpaque() {
        ensureOpen();
        return bytes.getLongOpaque(offset);
    }

    public void setOpaque(long value) {
        ensureOpen();
        bytes.putLongOpaque(offset, value);
    }

    public long getAcquire() {
        ensureOpen();
        return bytes.getLongAcquire(offset);
    }

    public void setRelease(long value) {
        ensureOpen();
        bytes.putLongRelease(offset, value);
    }

    public boolean compareAndSet(long expected, long value) {
        ensureOpen();
        return bytes.compareAndSetLong(offset, expected, value);
    }

    /** Like {@link #compareAndSet} but returns the value found: {@code expected} if it succeeded. */
    public long compareAndExchange(long expected, long value) {
        ensureOpen();
        return bytes.compareAndExchangeLong(offset, expected, value);
    }

    public long getAndSet(long value) {
        ensureOpen();
        return bytes.getAndSetLong(offset, value);
    }

    public long getAndAdd(long delta) {
        ensureOpen();
        return bytes.getAndAddLong(offset, delta);
    }

    public long addAndGet(long delta) {
        ensureOpen();
        return bytes.getAndAddLong(offset, delta) + delta;
    }

    public long getAndIncrement() {
        return getAndAdd(1);
    }

    public long getAndDecrement() {
        return getAndAdd(-1);
    }

    public long incrementAndGet() {
        return addAndGet(1);
    }

    public long decrementAndGet() {
        return addAndGet(-1);
    }

    /** Applies {@code update} in a compare-and-set loop (it may run more than once) and returns the previous value. */
    public long getAndUpdate(LongUnaryOperator update) {
        ensureOpen();
        long previous = bytes.getLongVolatile(offset);
        while (true) {
            long witness = bytes.compareAndExchangeLong(offset, previous, update.applyAsLong(previous));
            if (witness == previous) {
                return previous;
            }
            previous = witness;
        }
    }

    /** Applies {@code update} in a compare-and-set loop (it may run more than once) and returns the new value. */
    public long updateAndGet(LongUnaryOperator update) {
        ensureOpen();
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

    @Override
    public String toString() {
        return isClosed() ? super.toString() : "SharedLong[" + name() + "=" + get() + "]";
    }
}
