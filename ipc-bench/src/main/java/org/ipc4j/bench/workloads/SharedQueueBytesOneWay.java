package org.ipc4j.bench.workloads;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.throughput.OneWayWorkload;
import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codecs;
import org.ipc4j.ring.RingOptions;

/**
 * One-way 32-byte messages through {@code SharedQueue<byte[]>} (the bytes codec), one producer JVM and one
 * consumer: the producer offers one prepared array (rewritten in place), the consumer polls a new array per
 * message, as the API does. The queue's MPMC ring is 64 KiB, as the rings it is compared with.
 */
public final class SharedQueueBytesOneWay implements OneWayWorkload {
    private static final int CAPACITY = 64 * 1024;
    private static final int BATCH = 256;

    private final byte[] message = new byte[BenchContext.MESSAGE_SIZE];
    private SharedQueue<byte[]> queue;
    private boolean creator;
    private long expected;

    @Override
    public String workload() {
        return WorkloadIds.MSG32_ONE_WAY;
    }

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
        queue = SharedQueue.create(context.name("queue"), RingOptions.ofCapacity(CAPACITY), Codecs.bytes());
        creator = true;
        context.put("queue", queue.name());
    }

    @Override
    public void attach(BenchContext context) {
        queue = SharedQueue.open(context.get("queue"), Codecs.bytes());
    }

    @Override
    public boolean offer(long sequence) {
        ArrayStamp.put(message, sequence);
        return queue.offer(message);
    }

    @Override
    public int poll() {
        int n = 0;
        byte[] m;
        while (n < BATCH && (m = queue.poll()) != null) {
            long sequence = ArrayStamp.get(m);
            if (sequence != expected) {
                throw new IllegalStateException("expected message " + expected + ", received " + sequence);
            }
            expected++;
            n++;
        }
        return n;
    }

    @Override
    public String note() {
        return "SharedQueue.create(64 KiB ring), producer offer(byte[32]), consumer poll() up to " + BATCH
                + " per call (a new byte[] each, as the API returns)";
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
