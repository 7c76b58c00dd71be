package org.ipc4j.bench.workloads;

import java.nio.ByteBuffer;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.latency.RoundTripWorkload;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionHeaderDescriptor;
import org.ipc4j.ring.RecordHandler;
import org.ipc4j.ring.Ring;
import org.ipc4j.ring.RingDescriptor;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.ring.SpscRing;

/**
 * 32-byte round trip through two ipc4j SPSC rings (request, reply) in one region with the zero-copy API,
 * both sides busy-spinning on {@code read}: the same shape as {@link AgronaRingRoundTrip}, without the
 * {@code Connection} layer of a Pipe (liveness checks, EOF, blocks) on top.
 */
public final class Ipc4jRingRoundTrip implements RoundTripWorkload, RecordHandler {
    private static final int CAPACITY = 64 * 1024;
    private static final int RING_LENGTH = RingDescriptor.ringLength(CAPACITY);

    private Region region;
    private Ring requests;
    private Ring replies;
    private boolean creator;
    private long received;

    @Override
    public String workload() {
        return WorkloadIds.MSG32_RTT;
    }

    @Override
    public String implementation() {
        return "ipc4j SpscRing pair, zero-copy (busy-spin)";
    }

    @Override
    public Kind kind() {
        return Kind.IPC4J;
    }

    @Override
    public void create(BenchContext context) {
        RingOptions options = RingOptions.ofCapacity(CAPACITY).withWakeups(false);
        int base = RegionHeaderDescriptor.HEADER_LENGTH;
        region = Region.create(context.name("rings"), ObjectType.RAW, 2 * RING_LENGTH, memory -> {
            SpscRing.initialise(memory, base, options);
            SpscRing.initialise(memory, base + RING_LENGTH, options);
        });
        creator = true;
        context.put("region", region.name());
        open();
    }

    @Override
    public void attach(BenchContext context) {
        region = Region.open(context.get("region"), ObjectType.RAW);
        open();
    }

    private void open() {
        MappedBytes memory = region.bytes();
        requests = new SpscRing(region.name(), memory, region.bodyOffset());
        replies = new SpscRing(region.name(), memory, region.bodyOffset() + RING_LENGTH);
    }

    @Override
    public void ping(long token) {
        send(requests, token);
        receive(replies);
        if (received != token) {
            throw new IllegalStateException("sent " + token + ", the reply carried " + received);
        }
    }

    @Override
    public long pong() {
        long token = receive(requests);
        send(replies, token);
        return token;
    }

    private static void send(Ring ring, long token) {
        int at;
        while ((at = ring.tryClaim(BenchContext.MESSAGE_SIZE)) == Ring.FULL) {
            Thread.onSpinWait();
        }
        ByteBuffer buffer = ring.buffer();
        for (int i = 0; i < BenchContext.MESSAGE_SIZE; i += Long.BYTES) {
            buffer.putLong(at + i, token);
        }
        ring.commit(at);
    }

    private long receive(Ring ring) {
        while (ring.read(this, 1) == 0) {
            Thread.onSpinWait();
        }
        return received;
    }

    @Override
    public void onRecord(int type, ByteBuffer buffer, int offset, int length) {
        received = buffer.getLong(offset);
    }

    @Override
    public String note() {
        return "two 64 KiB SPSC rings (no wakeups) in one region, tryClaim/commit and read in place, both sides busy-spin";
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
