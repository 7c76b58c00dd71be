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
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;

/**
 * {@link LargeOneWay} through a Chronicle Queue in /dev/shm: the producer appends documents, the
 * consumer tails them into its array. As in {@link ChronicleOneWay}, the unbounded queue is bounded here by
 * keeping the producer at most {@link #MAX_BACKLOG} messages ahead of the count the consumer publishes.
 */
public final class ChronicleLarge extends LargeOneWay {
    static final long MAX_BACKLOG = 16;

    private ChronicleQueueDir queue;
    private ExcerptAppender appender;
    private ExcerptTailer tailer;
    private Region progress;
    private MappedBytes consumed;
    private int consumedOffset;
    private boolean creator;
    private long sent;
    private long received;
    private long consumedSeen;

    @Override
    public String implementation() {
        return "Chronicle Queue 5.27ea0";
    }

    @Override
    public Kind kind() {
        return Kind.PEER;
    }

    /** Documents of a queue's default block size: up to 1 MiB here. */
    @Override
    protected int[] sizes() {
        return UP_TO_1_MIB;
    }

    @Override
    public List<String> jvmArgs() {
        return Flags.CHRONICLE;
    }

    @Override
    public void create(BenchContext context) throws IOException {
        queue = ChronicleQueueDir.create(context.dir().resolve(context.name("one-way-1m.cq")));
        progress = Region.create(context.name("consumed-1m"), ObjectType.RAW, 128, b -> { });
        creator = true;
        context.put("progress", progress.name());
    }

    @Override
    protected void attachTransport(BenchContext context, boolean producer) {
        queue = ChronicleQueueDir.open(context.dir().resolve(context.name("one-way-1m.cq")));
        if (producer) {
            appender = queue.queue().createAppender();
        } else {
            tailer = queue.queue().createTailer();
        }
        progress = Region.open(context.get("progress"), ObjectType.RAW);
        consumed = progress.bytes();
        consumedOffset = progress.bodyOffset();
    }

    @Override
    protected boolean offer(byte[] message) {
        if (sent - consumedSeen >= MAX_BACKLOG) {
            // acquire: pairs with the consumer's release of its count; only a bound, nothing is read through it
            consumedSeen = consumed.getLongAcquire(consumedOffset);
            if (sent - consumedSeen >= MAX_BACKLOG) {
                return false;
            }
        }
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().write(message, 0, message.length);
        }
        sent++;
        return true;
    }

    @Override
    protected int poll() {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return 0;
            }
            Bytes<?> bytes = dc.wire().bytes();
            int length = (int) bytes.readRemaining();
            bytes.read(inbox, 0, Math.min(length, inbox.length));
            received(inbox, length);
            received++;
            // release: the producer's acquire in offer() pairs with it
            consumed.putLongRelease(consumedOffset, received);
            return length;
        }
    }

    /** Gigabytes of queue files are deleted at the end. */
    @Override
    public double settleSeconds() {
        return 5;
    }

    @Override
    public String note() {
        return "queue in /dev/shm, documents (write(byte[]) / read(byte[])); producer kept at most "
                + MAX_BACKLOG + " messages ahead (the queue itself is unbounded)";
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
