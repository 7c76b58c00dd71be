package org.ipc4j.bench.workloads;

import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;

/** A long in a small region that carries the round trip's token beside a synchronisation primitive. */
final class TokenWord implements AutoCloseable {
    private final Region region;
    private final MappedBytes bytes;
    private final int offset;
    private final boolean creator;

    private TokenWord(Region region, boolean creator) {
        this.region = region;
        this.bytes = region.bytes();
        this.offset = region.bodyOffset();
        this.creator = creator;
    }

    static TokenWord create(BenchContext context) {
        TokenWord word = new TokenWord(Region.create(context.name("token"), ObjectType.RAW, 64, b -> { }), true);
        context.put("token", word.region.name());
        return word;
    }

    static TokenWord attach(BenchContext context) {
        return new TokenWord(Region.open(context.get("token"), ObjectType.RAW), false);
    }

    /** Plain store: the primitive's release (unlock, set, release) publishes it to the side that acquires next. */
    void put(long token) {
        bytes.putLong(offset, token);
    }

    /** Plain load, after the primitive's acquire that pairs with the writer's release. */
    long get() {
        return bytes.getLong(offset);
    }

    @Override
    public void close() {
        region.close();
        if (creator) {
            region.unlink();
        }
    }
}
