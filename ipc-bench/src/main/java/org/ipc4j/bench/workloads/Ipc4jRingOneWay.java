package org.ipc4j.bench.workloads;

import java.nio.ByteBuffer;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.throughput.OneWayWorkload;
import org.ipc4j.ring.MessageHandler;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.ring.SharedRing;

/**
 * One-way 32-byte messages through an ipc4j {@link SharedRing} with its zero-copy API: the producer
 * {@code tryClaim}s, writes the payload in place and {@code commit}s; the consumer reads in place in batches.
 * The same 64 KiB of data and the same batch as the Agrona workload it is compared with.
 */
public abstract class Ipc4jRingOneWay implements OneWayWorkload, MessageHandler {
    private static final int CAPACITY = 64 * 1024;
    private static final int BATCH = 256;

    private SharedRing ring;
    private ByteBuffer buffer;
    private boolean creator;
    private long expected;

    protected abstract SharedRing.Kind ringKind();

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
        ring = SharedRing.create(context.name("ring"), ringKind(), RingOptions.ofCapacity(CAPACITY).withWakeups(false));
        creator = true;
        context.put("ring", ring.name());
        buffer = ring.buffer();
    }

    @Override
    public void attach(BenchContext context) {
        ring = SharedRing.open(context.get("ring"));
        buffer = ring.buffer();
    }

    @Override
    public boolean offer(long sequence) {
        int at = ring.tryClaim(BenchContext.MESSAGE_SIZE);
        if (at == SharedRing.FULL) {
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
    public void onMessage(ByteBuffer messages, int offset, int length) {
        long sequence = messages.getLong(offset);
        if (sequence != expected) {
            throw new IllegalStateException("expected message " + expected + ", received " + sequence);
        }
        expected++;
    }

    @Override
    public String note() {
        return "SharedRing.create(" + ringKind() + ", 64 KiB, no wakeups), zero-copy tryClaim/commit, consumer reads"
                + " up to " + BATCH + " per poll in place";
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

    public static final class Spsc extends Ipc4jRingOneWay {
        @Override
        protected SharedRing.Kind ringKind() {
            return SharedRing.Kind.SPSC;
        }

        @Override
        public String implementation() {
            return "ipc4j SharedRing SPSC (zero-copy)";
        }
    }

    /** The MPMC ring with one producer and one consumer (the harness runs one producer JVM). */
    public static final class Mpmc extends Ipc4jRingOneWay {
        @Override
        protected SharedRing.Kind ringKind() {
            return SharedRing.Kind.MPMC;
        }

        @Override
        public String implementation() {
            return "ipc4j SharedRing MPMC 1P/1C (zero-copy)";
        }
    }
}
