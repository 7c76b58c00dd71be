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
import org.ipc4j.bench.latency.RoundTripWorkload;

/**
 * 32-byte message round trip through two Chronicle Queues (requests, replies): each JVM appends to one and
 * tails the other, busy-spinning on the tailer.
 */
public final class ChronicleRoundTrip implements RoundTripWorkload {
    private ChronicleQueueDir requests;
    private ChronicleQueueDir replies;
    private ExcerptAppender appender;
    private ExcerptTailer tailer;

    @Override
    public String workload() {
        return WorkloadIds.MSG32_RTT;
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
        requests = ChronicleQueueDir.create(context.dir().resolve(context.name("requests.cq")));
        replies = ChronicleQueueDir.create(context.dir().resolve(context.name("replies.cq")));
        appender = requests.queue().createAppender();
        tailer = replies.queue().createTailer();
    }

    @Override
    public void attach(BenchContext context) {
        requests = ChronicleQueueDir.open(context.dir().resolve(context.name("requests.cq")));
        replies = ChronicleQueueDir.open(context.dir().resolve(context.name("replies.cq")));
        appender = replies.queue().createAppender();
        tailer = requests.queue().createTailer();
    }

    @Override
    public void ping(long token) {
        send(token);
        long echoed = receive();
        if (echoed != token) {
            throw new IllegalStateException("sent " + token + ", the reply carried " + echoed);
        }
    }

    @Override
    public long pong() {
        long token = receive();
        send(token);
        return token;
    }

    private void send(long token) {
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> bytes = dc.wire().bytes();
            for (int i = 0; i < BenchContext.MESSAGE_SIZE; i += Long.BYTES) {
                bytes.writeLong(token);
            }
        }
    }

    private long receive() {
        while (true) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (dc.isPresent()) {
                    Bytes<?> bytes = dc.wire().bytes();
                    long token = bytes.readLong();
                    bytes.readSkip(BenchContext.MESSAGE_SIZE - Long.BYTES);
                    return token;
                }
            }
            Thread.onSpinWait();
        }
    }

    /** Hundreds of MB of queue files are deleted at the end. */
    @Override
    public double settleSeconds() {
        return 10;
    }

    @Override
    public String note() {
        return "two queues (requests, replies) in /dev/shm, writingDocument/readingDocument, tailers busy-spin";
    }

    @Override
    public void close() throws IOException {
        if (requests != null) {
            requests.close();
        }
        if (replies != null) {
            replies.close();
        }
    }
}
