package org.ipc4j.bench.workloads;

import java.util.List;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.harness.Flags;

/**
 * {@link TwoByTwo}'s producers into an Agrona {@code ManyToOneRingBuffer}, which allows ONE consumer only: so
 * 2 producers and 1 consumer (3 JVMs), the msg32-2p1c row only. The closest Agrona has to the 2P/2C row.
 */
public final class AgronaManyToOneTwoByOne extends TwoByTwo implements MessageHandler {
    private AgronaRingFile file;
    private RingBuffer ring;

    @Override
    protected int consumers() {
        return 1;
    }

    @Override
    public String implementation() {
        return "Agrona ManyToOneRingBuffer";
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
        file = AgronaRingFile.create(context.dir().resolve(context.name("m2o-2p1c.ring")), true);
    }

    @Override
    protected void attachTransport(BenchContext context, boolean producer) {
        file = AgronaRingFile.open(context.dir().resolve(context.name("m2o-2p1c.ring")), true);
        ring = file.ring();
    }

    @Override
    protected boolean offer(int producer, long sequence) {
        int index = ring.tryClaim(AgronaRingFile.MESSAGE_TYPE, size());
        if (index < 0) {
            return false;
        }
        AtomicBuffer buffer = ring.buffer();
        buffer.putLong(index, producer);
        buffer.putLong(index + 8, sequence);
        buffer.putLong(index + 16, sequence);
        buffer.putLong(index + 24, sequence);
        ring.commit(index);
        return true;
    }

    @Override
    protected int poll() {
        return ring.read(this, BATCH);
    }

    @Override
    public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
        received(buffer.getLong(index), buffer.getLong(index + 8), buffer.getLong(index + 24));
    }

    @Override
    public String note() {
        return "2 producer JVMs tryClaim/commit, 1 consumer JVM (it allows no more) reads up to " + BATCH
                + " per poll; 64 KiB ring in a mapped file";
    }

    @Override
    public void close() throws Exception {
        if (file != null) {
            file.close();
        }
    }
}
