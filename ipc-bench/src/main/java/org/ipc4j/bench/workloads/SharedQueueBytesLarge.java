package org.ipc4j.bench.workloads;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codecs;
import org.ipc4j.ring.RingOptions;

/**
 * {@link LargeOneWay} through {@code SharedQueue<byte[]>} with the default 1 MiB ring: {@code put} (it waits
 * for room; an element that does not fit whole streams in fragments while consumed) and {@code poll()}, which
 * returns a new array.
 */
public final class SharedQueueBytesLarge extends LargeOneWay {
    /** What {@code SharedQueue.create(codec)} makes. */
    private static final int CAPACITY = 1 << 20;

    private SharedQueue<byte[]> queue;
    private boolean creator;

    @Override
    public String implementation() {
        return "ipc4j SharedQueue<byte[]> (default)";
    }

    @Override
    public Kind kind() {
        return Kind.IPC4J;
    }

    @Override
    public void create(BenchContext context) {
        queue = SharedQueue.create(context.name("queue-large"), RingOptions.ofCapacity(CAPACITY), Codecs.bytes());
        creator = true;
        context.put("queue", queue.name());
    }

    @Override
    protected void attachTransport(BenchContext context, boolean producer) {
        queue = SharedQueue.open(context.get("queue"), Codecs.bytes());
    }

    @Override
    protected boolean offer(byte[] message) throws InterruptedException {
        queue.put(message);
        return true;
    }

    @Override
    protected int poll() {
        byte[] message = queue.poll();
        if (message == null) {
            return 0;
        }
        received(message, message.length);
        return message.length;
    }

    @Override
    public String note() {
        return "1 MiB queue (the default); put(byte[]) copies in (in 128 KiB fragments above that),"
                + " poll() returns a new array";
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
