package org.ipc4j.bench.workloads;

import java.util.List;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.harness.Flags;

/**
 * {@link LargeOneWay} through an Agrona {@code OneToOneRingBuffer} of 16 MiB in a mapped file (its largest
 * message is an eighth of the capacity: 2 MiB, so its rows stop at 1 MiB). The producer copies the array in
 * with {@code putBytes}, the consumer copies each message out with {@code getBytes}.
 */
public final class AgronaRingLarge extends LargeOneWay implements MessageHandler {
    private static final int CAPACITY = 16 << 20;

    private AgronaRingFile file;
    private RingBuffer ring;
    private int lastLength;

    @Override
    public String implementation() {
        return "Agrona OneToOneRingBuffer (16 MiB)";
    }

    @Override
    public Kind kind() {
        return Kind.PEER;
    }

    @Override
    protected int[] sizes() {
        return UP_TO_1_MIB;
    }

    @Override
    public List<String> jvmArgs() {
        return Flags.AGRONA;
    }

    @Override
    public void create(BenchContext context) {
        file = AgronaRingFile.create(context.dir().resolve(context.name("one-way-1m.ring")), false, CAPACITY);
    }

    @Override
    protected void attachTransport(BenchContext context, boolean producer) {
        file = AgronaRingFile.open(context.dir().resolve(context.name("one-way-1m.ring")), false);
        ring = file.ring();
    }

    @Override
    protected boolean offer(byte[] message) {
        int index = ring.tryClaim(AgronaRingFile.MESSAGE_TYPE, message.length);
        if (index < 0) {
            return false;
        }
        ring.buffer().putBytes(index, message, 0, message.length);
        ring.commit(index);
        return true;
    }

    @Override
    protected int poll() {
        lastLength = 0;
        ring.read(this, 1);
        return lastLength;
    }

    @Override
    public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
        buffer.getBytes(index, inbox, 0, length);
        received(inbox, length);
        lastLength = length;
    }

    @Override
    public String note() {
        return "16 MiB ring in a mapped file; tryClaim + putBytes + commit, read(handler, 1) + getBytes";
    }

    @Override
    public void close() throws Exception {
        if (file != null) {
            file.close();
        }
    }
}
