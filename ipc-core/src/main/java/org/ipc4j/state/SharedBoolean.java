package org.ipc4j.state;

import java.time.Duration;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionNames;

/**
 * A {@code boolean} shared between processes, Python's {@code Value('b')} used as a flag, with the operations
 * of {@link java.util.concurrent.atomic.AtomicBoolean}. Stored as an {@code int}: 1 is true, 0 is false, and
 * any other word (written by something else) reads as true.
 */
public final class SharedBoolean extends LockableSharedObject {
    private static final long serialVersionUID = 1L;

    private final transient MappedBytes bytes;
    private final transient int offset;

    private SharedBoolean(Region region) {
        super(region);
        this.offset = ValueDescriptor.valueOffset(region);
        this.bytes = region.bytes();
    }

    /** Creates {@code name} holding {@code initial}; fails if the name exists. */
    public static SharedBoolean create(String name, boolean initial) {
        return Region.create(name, ObjectType.VALUE_BOOLEAN, ValueDescriptor.BODY_LENGTH,
                bytes -> bytes.putInt(ValueDescriptor.VALUE_FILE_OFFSET, word(initial))).buildOrClose(SharedBoolean::new);
    }

    /** Creates an anonymous value, to be passed to other processes as a handle. */
    public static SharedBoolean create(boolean initial) {
        return create(RegionNames.anonymous(), initial);
    }

    public static SharedBoolean open(String name) {
        return Region.open(name, ObjectType.VALUE_BOOLEAN).buildOrClose(SharedBoolean::new);
    }

    /** As {@link #open(String)}, waiting at most {@code timeout} for another process to create it. */
    public static SharedBoolean open(String name, Duration timeout) throws InterruptedException {
        Region.awaitCreated(name, timeout);
        return open(name);
    }

    /** Opens {@code name}, or creates it holding {@code initial} if it does not exist. */
    public static SharedBoolean openOrCreate(String name, boolean initial) {
        return Region.openOrCreate(name, ObjectType.VALUE_BOOLEAN, ValueDescriptor.BODY_LENGTH,
                bytes -> bytes.putInt(ValueDescriptor.VALUE_FILE_OFFSET, word(initial))).buildOrClose(SharedBoolean::new);
    }

    public boolean get() {
        ensureOpen();
        return bytes.getIntVolatile(offset) != 0;
    }

    public void set(boolean value) {
        ensureOpen();
        bytes.putIntVolatile(offset, word(value));
    }

    public boolean getPlain() {
        ensureOpen();
        return bytes.getInt(offset) != 0;
    }

    public void setPlain(boolean value) {
        ensureOpen();
        bytes.putInt(offset, word(value));
    }

    public boolean getOpaque() {
        ensureOpen();
        return bytes.getIntOpaque(offset) != 0;
    }

    public void setOpaque(boolean value) {
        ensureOpen();
        bytes.putIntOpaque(offset, word(value));
    }

    public boolean getAcquire() {
        ensureOpen();
        return bytes.getIntAcquire(offset) != 0;
    }

    public void setRelease(boolean value) {
        ensureOpen();
        bytes.putIntRelease(offset, word(value));
    }

    public boolean compareAndSet(boolean expected, boolean value) {
        ensureOpen();
        return bytes.compareAndSetInt(offset, word(expected), word(value));
    }

    public boolean getAndSet(boolean value) {
        ensureOpen();
        return bytes.getAndSetInt(offset, word(value)) != 0;
    }

    private static int word(boolean value) {
        return value ? 1 : 0;
    }

    @Override
    public String toString() {
        return isClosed() ? super.toString() : "SharedBoolean[" + name() + "=" + get() + "]";
    }
}
