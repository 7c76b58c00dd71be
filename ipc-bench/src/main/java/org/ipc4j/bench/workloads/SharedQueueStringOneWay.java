package org.ipc4j.bench.workloads;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.throughput.OneWayWorkload;
import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codecs;

/**
 * One-way 32-character strings through {@code SharedQueue<String>} (the strings codec), the object-level
 * counterpart of Python's {@code Queue.put/get}. The producer cycles through prepared strings so that it
 * allocates nothing; the consumer decodes a new String per message (that is the API) and checks the order.
 */
public final class SharedQueueStringOneWay implements OneWayWorkload {
    private static final int CAPACITY = 256 * 1024;
    private static final int BATCH = 256;
    private static final int DISTINCT = 1024;

    private final String[] messages = new String[DISTINCT];
    private SharedQueue<String> queue;
    private boolean creator;
    private long expected;

    @Override
    public String workload() {
        return WorkloadIds.STR32_ONE_WAY;
    }

    @Override
    public String implementation() {
        return "ipc4j SharedQueue<String>";
    }

    @Override
    public Kind kind() {
        return Kind.IPC4J;
    }

    @Override
    public void create(BenchContext context) {
        queue = SharedQueue.create(context.name("strings"), CAPACITY, Codecs.strings());
        creator = true;
        context.put("queue", queue.name());
        prepare();
    }

    @Override
    public void attach(BenchContext context) {
        queue = SharedQueue.open(context.get("queue"), Codecs.strings());
        prepare();
    }

    private void prepare() {
        for (int i = 0; i < DISTINCT; i++) {
            messages[i] = String.format("message %06d ..................", i).substring(0, BenchContext.MESSAGE_SIZE);
        }
    }

    @Override
    public boolean offer(long sequence) {
        return queue.offer(messages[(int) (sequence % DISTINCT)]);
    }

    @Override
    public int poll() {
        int n = 0;
        String message;
        while (n < BATCH && (message = queue.poll()) != null) {
            String wanted = messages[(int) (expected % DISTINCT)];
            if (!wanted.equals(message)) {
                throw new IllegalStateException("expected message " + expected + " '" + wanted + "', received '"
                        + message + "'");
            }
            expected++;
            n++;
        }
        return n;
    }

    @Override
    public String note() {
        return "256 KiB queue, strings codec, 32 ASCII characters per message; consumer polls up to " + BATCH
                + " per call";
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
