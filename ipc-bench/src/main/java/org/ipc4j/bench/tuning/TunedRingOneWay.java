package org.ipc4j.bench.tuning;

import java.nio.ByteBuffer;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.throughput.OneWayWorkload;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionHeaderDescriptor;
import org.ipc4j.ring.RecordHandler;
import org.ipc4j.ring.Ring;
import org.ipc4j.ring.RingDescriptor;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.ring.SpscRing;

/**
 * One-way messages through an ipc4j {@link SpscRing} in a region, zero-copy on both sides
 * ({@code tryClaim}/{@code commit}, {@code read(handler, limit)} in place), without wakeups (both sides spin).
 * From the context: {@code capacity} (bytes, default 64 KiB), {@code batch} (the consumer's read limit,
 * default 256), {@code size} (payload bytes, default 32).
 */
public final class TunedRingOneWay implements OneWayWorkload, RecordHandler {
    private Region region;
    private Ring ring;
    private ByteBuffer buffer;
    private boolean creator;
    private int batch;
    private int size;
    private long expected;

    @Override
    public String workload() {
        return "tuning-one-way";
    }

    @Override
    public String implementation() {
        return "ipc4j SpscRing";
    }

    @Override
    public Kind kind() {
        return Kind.IPC4J;
    }

    @Override
    public void create(BenchContext context) {
        int capacity = Integer.parseInt(PipeEnds.property(context, "capacity", Integer.toString(64 * 1024)));
        RingOptions options = RingOptions.ofCapacity(capacity).withWakeups(false);
        region = Region.create(context.name("ring"), ObjectType.RAW, RingDescriptor.ringLength(options.capacity()),
                memory -> SpscRing.initialise(memory, RegionHeaderDescriptor.HEADER_LENGTH, options));
        creator = true;
        context.put("region", region.name());
        open(context);
    }

    @Override
    public void attach(BenchContext context) {
        region = Region.open(context.get("region"), ObjectType.RAW);
        open(context);
    }

    private void open(BenchContext context) {
        ring = new SpscRing(region.name(), region.bytes(), region.bodyOffset());
        buffer = ring.buffer();
        batch = Integer.parseInt(PipeEnds.property(context, "batch", "256"));
        size = Integer.parseInt(PipeEnds.property(context, "size", "32"));
    }

    @Override
    public boolean offer(long sequence) {
        int at = ring.tryClaim(size);
        if (at == Ring.FULL) {
            return false;
        }
        buffer.putLong(at, sequence);
        ring.commit(at);
        return true;
    }

    @Override
    public int poll() {
        return ring.read(this, batch);
    }

    @Override
    public void onRecord(int type, ByteBuffer records, int offset, int length) {
        long sequence = records.getLong(offset);
        if (sequence != expected) {
            throw new IllegalStateException("expected message " + expected + ", received " + sequence);
        }
        expected++;
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
