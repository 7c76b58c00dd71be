package org.ipc4j.bench.workloads;

import java.nio.ByteBuffer;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionHeaderDescriptor;
import org.ipc4j.ring.MpmcRing;
import org.ipc4j.ring.RecordHandler;
import org.ipc4j.ring.Ring;
import org.ipc4j.ring.RingDescriptor;
import org.ipc4j.ring.RingOptions;

/** {@link TwoByTwo} through an ipc4j MPMC ring with the zero-copy API (the 64 KiB ring of the 1P/1C rows). */
public final class Ipc4jRingTwoByTwo extends TwoByTwo implements RecordHandler {
    private static final int CAPACITY = 64 * 1024;

    private Region region;
    private Ring ring;
    private ByteBuffer buffer;
    private boolean creator;

    @Override
    public String implementation() {
        return "ipc4j MpmcRing (zero-copy)";
    }

    @Override
    public Kind kind() {
        return Kind.IPC4J;
    }

    @Override
    public void create(BenchContext context) {
        RingOptions options = RingOptions.ofCapacity(CAPACITY).withWakeups(false);
        region = Region.create(context.name("ring-2p2c"), ObjectType.RAW, RingDescriptor.ringLength(CAPACITY),
                memory -> MpmcRing.initialise(memory, RegionHeaderDescriptor.HEADER_LENGTH, options));
        creator = true;
        context.put("region", region.name());
    }

    @Override
    protected void attachTransport(BenchContext context, boolean producer) {
        region = Region.open(context.get("region"), ObjectType.RAW);
        MappedBytes memory = region.bytes();
        ring = new MpmcRing(region.name(), memory, region.bodyOffset());
        buffer = ring.buffer();
    }

    @Override
    protected boolean offer(int producer, long sequence) {
        int at = ring.tryClaim(size());
        if (at == Ring.FULL) {
            return false;
        }
        buffer.putLong(at, producer);
        buffer.putLong(at + 8, sequence);
        buffer.putLong(at + 16, sequence);
        buffer.putLong(at + 24, sequence);
        ring.commit(at);
        return true;
    }

    @Override
    protected int poll() {
        return ring.read(this, BATCH);
    }

    @Override
    public void onRecord(int type, ByteBuffer records, int offset, int length) {
        received(records.getLong(offset), records.getLong(offset + 8), records.getLong(offset + 24));
    }

    @Override
    public String note() {
        return "2 producer JVMs tryClaim/commit in place, 2 (then 1) consumer JVMs read up to " + BATCH
                + " per call in place; 64 KiB ring without wakeups";
    }

    @Override
    public void close() {
        if (region != null) {
            region.close();
            if (creator) {
                region.unlink();
            }
        }
    }
}
