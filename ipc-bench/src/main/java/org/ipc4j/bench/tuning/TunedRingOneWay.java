package org.ipc4j.bench.tuning;

import java.nio.ByteBuffer;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.throughput.OneWayWorkload;
import org.ipc4j.ring.MessageHandler;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.ring.SharedRing;

/**
 * One-way messages through an ipc4j SPSC {@link SharedRing}, zero-copy on both sides ({@code tryClaim}/{@code
 * commit}, {@code read(handler, limit)} in place), without wakeups (both sides spin). From the context:
 * {@code capacity} (bytes, default 64 KiB), {@code batch} (the consumer's read limit, default 256), {@code size}
 * (payload bytes, default 32).
 */
public final class TunedRingOneWay implements OneWayWorkload, MessageHandler {
    private SharedRing ring;
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
        return "ipc4j SharedRing SPSC";
    }

    @Override
    public Kind kind() {
        return Kind.IPC4J;
    }

    @Override
    public void create(BenchContext context) {
        int capacity = Integer.parseInt(PipeEnds.property(context, "capacity", Integer.toString(64 * 1024)));
        ring = SharedRing.create(context.name("ring"), SharedRing.Kind.SPSC,
                RingOptions.ofCapacity(capacity).withWakeups(false));
        creator = true;
        context.put("ring", ring.name());
        configure(context);
    }

    @Override
    public void attach(BenchContext context) {
        ring = SharedRing.open(context.get("ring"));
        configure(context);
    }

    private void configure(BenchContext context) {
        buffer = ring.buffer();
        batch = Integer.parseInt(PipeEnds.property(context, "batch", "256"));
        size = Integer.parseInt(PipeEnds.property(context, "size", "32"));
    }

    @Override
    public boolean offer(long sequence) {
        int at = ring.tryClaim(size);
        if (at == SharedRing.FULL) {
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
    public void onMessage(ByteBuffer messages, int offset, int length) {
        long sequence = messages.getLong(offset);
        if (sequence != expected) {
            throw new IllegalStateException("expected message " + expected + ", received " + sequence);
        }
        expected++;
    }

    @Override
    public void close() {
        if (ring != null) {
            if (creator) {
                ring.unlink();
            }
            ring.close();
        }
    }
}
