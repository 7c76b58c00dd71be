package org.ipc4j.bench.workloads;

import java.io.IOException;
import java.util.List;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.harness.Flags;
import org.ipc4j.bench.throughput.OneWayWorkload;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;

/**
 * One-way 32-byte messages through a Chronicle Queue: the producer JVM appends, the measuring JVM tails.
 * A Chronicle Queue is unbounded, so to keep the run's memory bounded (and compare with fixed-capacity rings)
 * the producer stays at most {@link #MAX_BACKLOG} messages ahead of the count the consumer publishes every
 * {@link #PUBLISH_EVERY} messages in a small ipc4j region.
 */
public final class ChronicleOneWay implements OneWayWorkload {
    static final long MAX_BACKLOG = 1 << 16;
    static final long PUBLISH_EVERY = 1 << 10;

    private ChronicleQueueDir queue;
    private ExcerptAppender appender;
    private ExcerptTailer tailer;
    private Region progress;
    private MappedBytes consumed;
    private int consumedOffset;
    private boolean creator;
    private long expected;
    private long consumedSeen;

    @Override
    public String workload() {
        return WorkloadIds.MSG32_ONE_WAY;
    }

    @Override
    public String implementation() {
        return "Chronicle Queue 5.27ea0";
    }

    @Override
    public Kind kind() {
        return Kind.PEER;
    }

    @Override
    public List<String> jvmArgs() {
        return Flags.CHRONICLE;
    }

    @Override
    public void create(BenchContext context) throws IOException {
        queue = ChronicleQueueDir.create(context.dir().resolve(context.name("one-way.cq")));
        tailer = queue.queue().createTailer();
        progress = Region.create(context.name("consumed"), ObjectType.RAW, 128, b -> { });
        creator = true;
        context.put("progress", progress.name());
        consumed = progress.bytes();
        consumedOffset = progress.bodyOffset();
    }

    @Override
    public void attach(BenchContext context) {
        queue = ChronicleQueueDir.open(context.dir().resolve(context.name("one-way.cq")));
        appender = queue.queue().createAppender();
        progress = Region.open(context.get("progress"), ObjectType.RAW);
        consumed = progress.bytes();
        consumedOffset = progress.bodyOffset();
    }

    @Override
    public boolean offer(long sequence) {
        if (sequence - consumedSeen >= MAX_BACKLOG) {
            // acquire: pairs with the consumer's release of its count; only a bound, nothing is read through it
            consumedSeen = consumed.getLongAcquire(consumedOffset);
            if (sequence - consumedSeen >= MAX_BACKLOG) {
                return false;
            }
        }
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> bytes = dc.wire().bytes();
            for (int i = 0; i < BenchContext.MESSAGE_SIZE; i += Long.BYTES) {
                bytes.writeLong(sequence);
            }
        }
        return true;
    }

    @Override
    public int poll() {
        int received = 0;
        while (received < 256) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    break;
                }
                Bytes<?> bytes = dc.wire().bytes();
                long sequence = bytes.readLong();
                bytes.readSkip(BenchContext.MESSAGE_SIZE - Long.BYTES);
                if (sequence != expected) {
                    throw new IllegalStateException("expected message " + expected + ", received " + sequence);
                }
                expected++;
                received++;
            }
            if (expected % PUBLISH_EVERY == 0) {
                // release: the producer's acquire in offer() pairs with it
                consumed.putLongRelease(consumedOffset, expected);
            }
        }
        return received;
    }

    /** Hundreds of MB of queue files are deleted at the end. */
    @Override
    public double settleSeconds() {
        return 10;
    }

    @Override
    public String note() {
        return "queue in /dev/shm; producer kept at most " + MAX_BACKLOG + " messages ahead (the queue itself is unbounded)";
    }

    @Override
    public void close() throws IOException {
        if (queue != null) {
            queue.close();
        }
        if (progress != null) {
            progress.close();
            if (creator) {
                progress.unlink();
            }
        }
    }
}
