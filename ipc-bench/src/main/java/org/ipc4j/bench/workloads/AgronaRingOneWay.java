package org.ipc4j.bench.workloads;

import java.util.List;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.harness.Flags;
import org.ipc4j.bench.throughput.OneWayWorkload;

/** One-way 32-byte messages through an Agrona ring buffer in a mapped file; the consumer reads in batches. */
public abstract class AgronaRingOneWay implements OneWayWorkload, MessageHandler {
    private static final int BATCH = 256;

    private AgronaRingFile file;
    private RingBuffer ring;
    private long expected;

    protected abstract boolean manyToOne();

    @Override
    public String workload() {
        return WorkloadIds.MSG32_ONE_WAY;
    }

    @Override
    public Kind kind() {
        return Kind.PEER;
    }

    @Override
    public List<String> jvmArgs() {
        return Flags.AGRONA;
    }

    @Override
    public void create(BenchContext context) {
        file = AgronaRingFile.create(context.dir().resolve(context.name("one-way.ring")), manyToOne());
        ring = file.ring();
    }

    @Override
    public void attach(BenchContext context) {
        file = AgronaRingFile.open(context.dir().resolve(context.name("one-way.ring")), manyToOne());
        ring = file.ring();
    }

    @Override
    public boolean offer(long sequence) {
        int index = ring.tryClaim(AgronaRingFile.MESSAGE_TYPE, BenchContext.MESSAGE_SIZE);
        if (index < 0) {
            return false;
        }
        AtomicBuffer buffer = ring.buffer();
        for (int i = 0; i < BenchContext.MESSAGE_SIZE; i += Long.BYTES) {
            buffer.putLong(index + i, sequence);
        }
        ring.commit(index);
        return true;
    }

    @Override
    public int poll() {
        return ring.read(this, BATCH);
    }

    @Override
    public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
        long sequence = buffer.getLong(index);
        if (sequence != expected) {
            throw new IllegalStateException("expected message " + expected + ", received " + sequence);
        }
        expected++;
    }

    @Override
    public String note() {
        return "64 KiB ring in a mapped file, producer tryClaim/commit, consumer reads up to " + BATCH + " per poll";
    }

    @Override
    public void close() throws Exception {
        if (file != null) {
            file.close();
        }
    }

    public static final class OneToOne extends AgronaRingOneWay {
        @Override
        protected boolean manyToOne() {
            return false;
        }

        @Override
        public String implementation() {
            return "Agrona OneToOneRingBuffer";
        }
    }

    public static final class ManyToOne extends AgronaRingOneWay {
        @Override
        protected boolean manyToOne() {
            return true;
        }

        @Override
        public String implementation() {
            return "Agrona ManyToOneRingBuffer";
        }
    }
}
