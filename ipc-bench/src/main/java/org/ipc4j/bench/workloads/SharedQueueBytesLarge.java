package org.ipc4j.bench.workloads;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codecs;
import org.ipc4j.ring.RingOptions;

/** {@link LargeOneWay} through {@code SharedQueue<byte[]>}: each 1 MiB message travels in a MessageBlock. */
public final class SharedQueueBytesLarge extends LargeOneWay {
    private static final int CAPACITY = 256 * 1024;
    private static final int IN_FLIGHT = 8;

    private SharedQueue<byte[]> queue;
    private boolean creator;

    @Override
    public String implementation() {
        return "ipc4j SharedQueue<byte[]> (1 MiB in a MessageBlock)";
    }

    @Override
    public Kind kind() {
        return Kind.IPC4J;
    }

    @Override
    public void create(BenchContext context) {
        queue = SharedQueue.create(context.name("queue-1m"), RingOptions.ofCapacity(CAPACITY).withMaxCount(IN_FLIGHT),
                Codecs.bytes());
        creator = true;
        context.put("queue", queue.name());
    }

    @Override
    protected void attachTransport(BenchContext context, boolean producer) {
        queue = SharedQueue.open(context.get("queue"), Codecs.bytes());
    }

    @Override
    protected boolean offer() {
        return queue.offer(payload);
    }

    @Override
    protected int poll() {
        byte[] message = queue.poll();
        if (message == null) {
            return 0;
        }
        received(message, message.length);
        return 1;
    }

    @Override
    public String note() {
        return "256 KiB queue, at most " + IN_FLIGHT + " messages in flight; offer(byte[]) writes a block region,"
                + " poll() returns a new array and unlinks the block";
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
