package org.ipc4j.bench.workloads;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codecs;

/**
 * {@link TwoByTwo} through {@code SharedQueue<byte[]>} (the bytes codec): the producer offers one prepared
 * array per message (rewritten in place), the consumer polls a new array per message, as the API does.
 */
public final class SharedQueueBytesTwoByTwo extends TwoByTwo {
    private static final int CAPACITY = 64 * 1024;

    private final byte[] message = new byte[size()];
    private final ByteBuffer writer = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
    private SharedQueue<byte[]> queue;
    private boolean creator;

    @Override
    public String implementation() {
        return "ipc4j SharedQueue<byte[]>";
    }

    @Override
    public Kind kind() {
        return Kind.IPC4J;
    }

    @Override
    public void create(BenchContext context) {
        queue = SharedQueue.create(context.name("queue-2p2c"), CAPACITY, Codecs.bytes());
        creator = true;
        context.put("queue", queue.name());
    }

    @Override
    protected void attachTransport(BenchContext context, boolean producer) {
        queue = SharedQueue.open(context.get("queue"), Codecs.bytes());
    }

    @Override
    protected boolean offer(int producer, long sequence) {
        writer.putLong(0, producer).putLong(8, sequence).putLong(16, sequence).putLong(24, sequence);
        return queue.offer(message);
    }

    @Override
    protected int poll() {
        int n = 0;
        byte[] m;
        while (n < BATCH && (m = queue.poll()) != null) {
            ByteBuffer reader = ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN);
            received(reader.getLong(0), reader.getLong(8), reader.getLong(24));
            n++;
        }
        return n;
    }

    @Override
    public String note() {
        return "2 producer JVMs offer(byte[32]), 2 (then 1) consumer JVMs poll() up to " + BATCH + " per call;"
                + " 64 KiB queue";
    }

    @Override
    public void close() {
        if (queue != null) {
            if (creator) {
                queue.unlink();
            }
            queue.close();
        }
    }
}
