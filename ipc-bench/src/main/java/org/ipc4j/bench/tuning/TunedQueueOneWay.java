package org.ipc4j.bench.tuning;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.throughput.OneWayWorkload;
import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codec;
import org.ipc4j.codec.Codecs;

/**
 * One-way elements through a {@link SharedQueue} (256 KiB) with the codec named {@code codec} in the context:
 * {@code bytes} (a 32-byte array), {@code string} (32 ASCII characters), {@code bytebuffer} (32 bytes),
 * {@code long} (a boxed Long) or {@code serial} (a small Serializable record, Java serialisation). Each element
 * carries its sequence number, which the consumer checks. {@code receive} is {@code poll} (one
 * {@code poll()} per element, up to 256 per call) or {@code drain} ({@code drainTo(list, 256)}).
 */
public final class TunedQueueOneWay implements OneWayWorkload {
    private static final int CAPACITY = 256 * 1024;
    private static final int BATCH = 256;
    private static final int SIZE = 32;

    /** The Serializable fallback's element: what an application might send without choosing a codec. */
    public record Quote(long sequence, String symbol, double price) implements Serializable {
    }

    private SharedQueue<Object> queue;
    private String codecId;
    private boolean drain;
    private boolean creator;
    private long expected;
    private final byte[] bytes = new byte[SIZE];
    private final ByteBuffer byteBuffer = ByteBuffer.allocate(SIZE);
    private final StringBuilder text = new StringBuilder(SIZE);
    private final List<Object> drained = new ArrayList<>(BATCH);

    @Override
    public String workload() {
        return "tuning-queue";
    }

    @Override
    public String implementation() {
        return "ipc4j SharedQueue";
    }

    @Override
    public Kind kind() {
        return Kind.IPC4J;
    }

    @SuppressWarnings("unchecked")
    private static Codec<Object> codec(String id) {
        switch (id) {
            case "bytes": return (Codec<Object>) (Codec<?>) Codecs.bytes();
            case "string": return (Codec<Object>) (Codec<?>) Codecs.strings();
            case "bytebuffer": return (Codec<Object>) (Codec<?>) Codecs.byteBuffers();
            case "long": return (Codec<Object>) (Codec<?>) Codecs.longs();
            case "serial": return Codecs.serializable();
            default: throw new IllegalArgumentException("unknown codec '" + id + "'");
        }
    }

    @Override
    public void create(BenchContext context) {
        setUp(context);
        queue = SharedQueue.create(context.name("queue"), CAPACITY, codec(codecId));
        creator = true;
        context.put("queue", queue.name());
    }

    @Override
    public void attach(BenchContext context) {
        setUp(context);
        queue = SharedQueue.open(context.get("queue"), codec(codecId));
    }

    private void setUp(BenchContext context) {
        codecId = PipeEnds.property(context, "codec", "bytes");
        drain = PipeEnds.property(context, "receive", "poll").equals("drain");
    }

    @Override
    public boolean offer(long sequence) {
        return queue.offer(element(sequence));
    }

    private Object element(long sequence) {
        switch (codecId) {
            case "bytes":
                Bytes.putLong(bytes, sequence);
                return bytes;
            case "bytebuffer":
                byteBuffer.putLong(0, sequence);
                return byteBuffer;
            case "string":
                text.setLength(0);
                text.append(sequence);
                while (text.length() < SIZE) {
                    text.append('.');
                }
                return text.toString();
            case "long":
                return sequence;
            default:
                return new Quote(sequence, "IPC4J", 1.5);
        }
    }

    private long sequenceOf(Object element) {
        switch (codecId) {
            case "bytes":
                return Bytes.getLong((byte[]) element);
            case "bytebuffer":
                return ((ByteBuffer) element).getLong(0);
            case "string":
                String s = (String) element;
                return Long.parseLong(s, 0, s.indexOf('.'), 10);
            case "long":
                return (Long) element;
            default:
                return ((Quote) element).sequence();
        }
    }

    @Override
    public int poll() {
        if (drain) {
            drained.clear();
            int n = queue.drainTo(drained, BATCH);
            for (int i = 0; i < n; i++) {
                check(drained.get(i));
            }
            return n;
        }
        int n = 0;
        Object element;
        while (n < BATCH && (element = queue.poll()) != null) {
            check(element);
            n++;
        }
        return n;
    }

    private void check(Object element) {
        long sequence = sequenceOf(element);
        if (sequence != expected) {
            throw new IllegalStateException("expected element " + expected + ", received " + sequence);
        }
        expected++;
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
