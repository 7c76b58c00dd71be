package org.ipc4j.sync;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;

/** Test helper: a RAW region of plain longs that tests update under a lock (so they are not atomic). */
final class SharedCounter implements AutoCloseable {
    static final int SLOTS = 16;
    private final Region region;

    private SharedCounter(Region region) {
        this.region = region;
    }

    static SharedCounter create(String name) {
        return new SharedCounter(Region.create(name, ObjectType.RAW, SLOTS * Long.BYTES, bytes -> { }));
    }

    static SharedCounter open(String name) {
        return new SharedCounter(Region.open(name, ObjectType.RAW));
    }

    /** A plain read: no ordering of its own. */
    long get(int slot) {
        return region.bytes().getLong(offset(slot));
    }

    /** A plain write: no ordering of its own. */
    void set(int slot, long value) {
        region.bytes().putLong(offset(slot), value);
    }

    long getVolatile(int slot) {
        return region.bytes().getLongVolatile(offset(slot));
    }

    void setVolatile(int slot, long value) {
        region.bytes().putLongVolatile(offset(slot), value);
    }

    long getAndAdd(int slot, long delta) {
        return region.bytes().getAndAddLong(offset(slot), delta);
    }

    /** Raises slot to at least {@code value}. */
    void max(int slot, long value) {
        MappedBytes bytes = region.bytes();
        long current;
        while ((current = bytes.getLongVolatile(offset(slot))) < value && !bytes.compareAndSetLong(offset(slot), current, value)) {
            Thread.onSpinWait();
        }
    }

    void unlink() {
        region.unlink();
    }

    @Override
    public void close() {
        region.close();
    }

    private int offset(int slot) {
        return region.bodyOffset() + slot * Long.BYTES;
    }
}
