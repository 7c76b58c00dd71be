package org.ipc4j.bench.group;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionHeaderDescriptor;

/**
 * The small region through which the coordinator of a {@link GroupWorkload} steers its workers and reads
 * their progress, outside the measured operations:
 * <pre>
 *   0                 128                128 * (1 + i)
 *   +-----------------+------------------+-----
 *   | phase (int)     | worker 0 count   | worker i count (long), one 128-byte line each
 *   +-----------------+------------------+-----
 * </pre>
 * The phase is -1 until the coordinator starts the first one.
 */
final class GroupControl implements AutoCloseable {
    static final int LINE = 128;
    static final int NOT_STARTED = -1;

    private final Region region;
    private final MappedBytes bytes;
    private final int base;
    private final boolean creator;

    private GroupControl(Region region, boolean creator) {
        this.region = region;
        this.bytes = region.bytes();
        this.base = region.bodyOffset();
        this.creator = creator;
    }

    static GroupControl create(String name, int workers) {
        return new GroupControl(Region.create(name, ObjectType.RAW, LINE * (1 + workers),
                memory -> memory.putInt(RegionHeaderDescriptor.HEADER_LENGTH, NOT_STARTED)), true);
    }

    static GroupControl open(String name) {
        return new GroupControl(Region.open(name, ObjectType.RAW), false);
    }

    String name() {
        return region.name();
    }

    void startPhase(int phase) {
        // release: pairs with the workers' acquire in phase(); nothing else is published through it
        bytes.putIntRelease(base, phase);
    }

    int phase() {
        // acquire: pairs with startPhase's release
        return bytes.getIntAcquire(base);
    }

    void publish(int worker, long count) {
        // release: pairs with count()'s acquire; the count is only a number, read for rates
        bytes.putLongRelease(base + LINE * (1 + worker), count);
    }

    long count(int worker) {
        // acquire: pairs with publish's release
        return bytes.getLongAcquire(base + LINE * (1 + worker));
    }

    @Override
    public void close() {
        region.close();
        if (creator) {
            region.unlink();
        }
    }
}
