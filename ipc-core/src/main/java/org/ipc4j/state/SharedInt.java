package org.ipc4j.state;

import java.time.Duration;
import java.util.function.IntUnaryOperator;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionNames;

/**
 * An {@code int} shared between processes, Python's {@code Value('i')} with the atomic operations of
 * {@link java.util.concurrent.atomic.AtomicInteger}: {@link #get()}/{@link #set} are volatile, every
 * read-modify-write is one atomic instruction or a compare-and-set loop, and the plain, opaque and
 * acquire/release variants have the meaning of the same-named {@link java.lang.invoke.VarHandle} modes.
 */
public final class SharedInt extends LockableSharedObject {
    private static final long serialVersionUID = 1L;

    private final transient MappedBytes bytes;
    private final transient int offset;

    private SharedInt(Region region) {
        super(region);
        this.offset = ValueDescriptor.valueOffset(region);
        this.bytes = region.bytes();
    }

    /** Creates {@code name} holding {@code initial}; fails if the name exists. */
    public static SharedInt create(String name, int initial) {
        return Region.create(name, ObjectType.VALUE_INT, ValueDescriptor.BODY_LENGTH,
                bytes -> bytes.putInt(ValueDescriptor.VALUE_FILE_OFFSET, initial)).buildOrClose(SharedInt::new);
    }

    /** Creates an anonymous value, to be passed to other processes as a handle. */
    public static SharedInt create(int initial) {
        return create(RegionNames.anonymous(), initial);
    }

    public static SharedInt open(String name) {
        return Region.open(name, ObjectType.VALUE_INT).buildOrClose(SharedInt::new);
    }

    /** As {@link #open(String)}, waiting at most {@code timeout} for another process to create it. */
    public static SharedInt open(String name, Duration timeout) throws InterruptedException {
        Region.awaitCreated(name, timeout);
        return open(name);
    }

    /** Opens {@code name}, or creates it holding {@code initial} if it does not exist. */
    public static SharedInt openOrCreate(String name, int initial) {
        return Region.openOrCreate(name, ObjectType.VALUE_INT, ValueDescriptor.BODY_LENGTH,
                bytes -> bytes.putInt(ValueDescriptor.VALUE_FILE_OFFSET, initial)).buildOrClose(SharedInt::new);
    }

    public int get() {
        ensureOpen();
        return bytes.getIntVolatile(offset);
    }

    public void set(int value) {
        ensureOpen();
        bytes.putIntVolatile(offset, value);
    }

    public int getPlain() {
        ensureOpen();
        return bytes.getInt(offset);
    }

    public void setPlain(int value) {
        ensureOpen();
        bytes.putInt(offset, value);
    }

    public int getOpaque() {
        ensureOpen();
        return bytes.getIntOpaque(offset);
    }

    public void setOpaque(int value) {
        ensureOpen();
        bytes.putIntOpaque(offset, value);
    }

    public int getAcquire() {
        ensureOpen();
        return bytes.getIntAcquire(offset);
    }

    public void setRelease(int value) {
        ensureOpen();
        bytes.putIntRelease(offset, value);
    }

    public boolean compareAndSet(int expected, int value) {
        ensureOpen();
        return bytes.compareAndSetInt(offset, expected, value);
    }

    /** Like {@link #compareAndSet} but returns the value found: {@code expected} if it succeeded. */
    public int compareAndExchange(int expected, int value) {
        ensureOpen();
        return bytes.compareAndExchangeInt(offset, expected, value);
    }

    public int getAndSet(int value) {
        ensureOpen();
        return bytes.getAndSetInt(offset, value);
    }

    public int getAndAdd(int delta) {
        ensureOpen();
        return bytes.getAndAddInt(offset, delta);
    }

    public int addAndGet(int delta) {
        ensureOpen();
        return bytes.getAndAddInt(offset, delta) + delta;
    }

    public int getAndIncrement() {
        return getAndAdd(1);
    }

    public int getAndDecrement() {
        return getAndAdd(-1);
    }

    public int incrementAndGet() {
        return addAndGet(1);
    }

    public int decrementAndGet() {
        return addAndGet(-1);
    }

    /** Applies {@code update} in a compare-and-set loop (it may run more than once) and returns the previous value. */
    public int getAndUpdate(IntUnaryOperator update) {
        ensureOpen();
        int previous = bytes.getIntVolatile(offset);
        while (true) {
            int witness = bytes.compareAndExchangeInt(offset, previous, update.applyAsInt(previous));
            if (witness == previous) {
                return previous;
            }
            previous = witness;
        }
    }

    /** Applies {@code update} in a compare-and-set loop (it may run more than once) and returns the new value. */
    public int updateAndGet(IntUnaryOperator update) {
        ensureOpen();
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

    @Override
    public String toString() {
        return isClosed() ? super.toString() : "SharedInt[" + name() + "=" + get() + "]";
    }
}
