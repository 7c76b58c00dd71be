package org.ipc4j.bench.workloads;

import java.util.List;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.harness.Flags;
import org.ipc4j.bench.latency.RoundTripWorkload;

/**
 * 32-byte message round trip through two Agrona ring buffers in mapped files (request ring, reply ring),
 * both sides busy-spinning: the figure ipc4j's rings are compared with.
 */
public abstract class AgronaRingRoundTrip implements RoundTripWorkload, MessageHandler {
    private AgronaRingFile requests;
    private AgronaRingFile replies;
    private long received;

    /** True for ManyToOneRingBuffer (CAS on claim), false for OneToOneRingBuffer. */
    protected abstract boolean manyToOne();

    @Override
    public String workload() {
        return WorkloadIds.MSG32_RTT;
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
        requests = AgronaRingFile.create(context.dir().resolve(context.name("requests.ring")), manyToOne());
        replies = AgronaRingFile.create(context.dir().resolve(context.name("replies.ring")), manyToOne());
    }

    @Override
    public void attach(BenchContext context) {
        requests = AgronaRingFile.open(context.dir().resolve(context.name("requests.ring")), manyToOne());
        replies = AgronaRingFile.open(context.dir().resolve(context.name("replies.ring")), manyToOne());
    }

    @Override
    public void ping(long token) {
        send(requests.ring(), token);
        received(replies.ring());
        if (received != token) {
            throw new IllegalStateException("sent " + token + ", the reply carried " + received);
        }
    }

    @Override
    public long pong() {
        long token = received(requests.ring());
        send(replies.ring(), token);
        return token;
    }

    private static void send(RingBuffer ring, long token) {
        int index;
        while ((index = ring.tryClaim(AgronaRingFile.MESSAGE_TYPE, BenchContext.MESSAGE_SIZE)) < 0) {
            Thread.onSpinWait();
        }
        AtomicBuffer buffer = ring.buffer();
        for (int i = 0; i < BenchContext.MESSAGE_SIZE; i += Long.BYTES) {
            buffer.putLong(index + i, token);
        }
        ring.commit(index);
    }

    private long received(RingBuffer ring) {
        while (ring.read(this, 1) == 0) {
            Thread.onSpinWait();
        }
        return received;
    }

    @Override
    public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
        received = buffer.getLong(index);
    }

    @Override
    public String note() {
        return "two rings (request, reply) in mapped files, both sides busy-spin";
    }

    @Override
    public void close() throws Exception {
        if (requests != null) {
            requests.close();
        }
        if (replies != null) {
            replies.close();
        }
    }

    public static final class OneToOne extends AgronaRingRoundTrip {
        @Override
        protected boolean manyToOne() {
            return false;
        }

        @Override
        public String implementation() {
            return "Agrona OneToOneRingBuffer";
        }
    }

    public static final class ManyToOne extends AgronaRingRoundTrip {
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
