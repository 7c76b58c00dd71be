package org.ipc4j.bench.workloads;

import java.nio.ByteBuffer;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.throughput.OneWayWorkload;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionHeaderDescriptor;
import org.ipc4j.ring.MpmcRing;
import org.ipc4j.ring.RecordHandler;
import org.ipc4j.ring.Ring;
import org.ipc4j.ring.RingDescriptor;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.ring.SpscRing;

/**
 * One-way 32-byte messages through an ipc4j ring in a region, with the zero-copy API: the producer
 * {@code tryClaim}s, writes the payload in place and {@code commit}s; the consumer reads in place in batches.
 * The same 64 KiB of data and the same batch as the Agrona workload it is compared with.
 */
public abstract class Ipc4jRingOneWay implements OneWayWorkload, RecordHandler {
    private static final int CAPACITY = 64 * 1024;
    private static final int BATCH = 256;

    private Region region;
    private Ring ring;
    private ByteBuffer buffer;
    private boolean creator;
    private long expected;

    protected abstract boolean mpmc();

    @Override
    public String workload() {
        return WorkloadIds.MSG32_ONE_WAY;
    }

    @Override
    public Kind kind() {
        return Kind.IPC4J;
    }

    @Override
    public void create(BenchContext context) {
        RingOptions options = RingOptions.ofCapacity(CAPACITY).withWakeups(false);
        region = Region.create(context.name("ring"), ObjectType.RAW, RingDescriptor.ringLength(CAPACITY),
                memory -> initialise(memory, RegionHeaderDescriptor.HEADER_LENGTH, options));
        creator = true;
        context.put("region", region.name());
        open();
    }

    private void initialise(MappedBytes memory, int base, RingOptions options) {
        if (mpmc()) {
            MpmcRing.initialise(memory, base, options);
        } else {
            SpscRing.initialise(memory, base, options);
        }
    }

    @Override
    public void attach(BenchContext context) {
        region = Region.open(context.get("region"), ObjectType.RAW);
        open();
    }

    private void open() {
        MappedBytes memory = region.bytes();
        ring = mpmc() ? new MpmcRing(region.name(), memory, region.bodyOffset())
                : new SpscRing(region.name(), memory, region.bodyOffset());
        buffer = ring.buffer();
    }

    @Override
    public boolean offer(long sequence) {
        int at = ring.tryClaim(BenchContext.MESSAGE_SIZE);
        if (at == Ring.FULL) {
            return false;
        }
        for (int i = 0; i < BenchContext.MESSAGE_SIZE; i += Long.BYTES) {
            buffer.putLong(at + i, sequence);
        }
        ring.commit(at);
        return true;
    }

    @Override
    public int poll() {
        return ring.read(this, BATCH);
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
    public String note() {
        return "64 KiB ring (no wakeups) in a region, zero-copy tryClaim/commit, consumer reads up to " + BATCH
                + " per poll in place";
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

    public static final class Spsc extends Ipc4jRingOneWay {
        @Override
        protected boolean mpmc() {
            return false;
        }

        @Override
        public String implementation() {
            return "ipc4j SpscRing (zero-copy)";
        }
    }

    /** The MPMC ring with one producer and one consumer (the harness runs one producer JVM). */
    public static final class Mpmc extends Ipc4jRingOneWay {
        @Override
        protected boolean mpmc() {
            return true;
        }

        @Override
        public String implementation() {
            return "ipc4j MpmcRing 1P/1C (zero-copy)";
        }
    }
}
