package org.ipc4j.bench.workloads;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

import org.ipc4j.bench.group.GroupWorkload;
import org.ipc4j.bench.harness.BenchContext;

/**
 * One-way large messages from a producer JVM (worker 0) to a consumer JVM (worker 1), in GB/s, one row per
 * size ({@link #SIZES}, one phase each, same JVMs). The producer sends prepared arrays (one per size), stamped
 * with the message's sequence number and length in its first 16 bytes and the sequence in its last 8; the
 * consumer receives each message into an array of its own (or gets one from the API) and checks the stamps and
 * a pattern byte, so a torn, shortened or reordered message fails the benchmark. Bytes received are counted,
 * so a message of the previous size still in flight when a phase starts counts for what it is.
 */
public abstract class LargeOneWay implements GroupWorkload {
    /** 64 KiB, 256 KiB, 1 MiB, 16 MiB, 256 MiB. */
    static final int[] SIZES = {64 << 10, 256 << 10, 1 << 20, 16 << 20, 256 << 20};
    /** The sizes a transport bounded at 2 MiB per message carries (an Agrona ring of 16 MiB, say). */
    static final int[] UP_TO_1_MIB = {64 << 10, 256 << 10, 1 << 20};
    /** The sizes of the network rows (ipc-net and TCP): 256 MiB over a network is a bulk transfer, not a message. */
    static final int[] UP_TO_16_MIB = {64 << 10, 256 << 10, 1 << 20, 16 << 20};

    private byte[][] payloads;
    protected byte[] inbox;
    private long sequence;
    private long expected;

    /** The message sizes of this transport's rows, ascending: {@link #SIZES} unless it carries fewer. */
    protected int[] sizes() {
        return SIZES;
    }

    /** Producer: tries to send {@code message} (all of it); false if there is no room now. */
    protected abstract boolean offer(byte[] message) throws Exception;

    /** Consumer: receives one message if there is one, passing it to {@link #received}; returns its length or 0. */
    protected abstract int poll() throws Exception;

    protected abstract void attachTransport(BenchContext context, boolean producer) throws Exception;

    @Override
    public String group() {
        return WorkloadIds.LARGE_MESSAGE_GROUP;
    }

    @Override
    public String workload() {
        return WorkloadIds.largeOneWay(sizes()[0]);
    }

    @Override
    public int workers() {
        return 2;
    }

    @Override
    public boolean counts(int worker) {
        return worker == 1;
    }

    @Override
    public String unit() {
        return "GB/s";
    }

    @Override
    public double unitsPerCount() {
        return 1e-9;
    }

    @Override
    public List<Phase> phases() {
        return phases(sizes(), 2);
    }

    /** One row per size, {@code workers} taking part in each. */
    static List<Phase> phases(int[] sizes, int workers) {
        return Arrays.stream(sizes).mapToObj(size -> new Phase(WorkloadIds.largeOneWay(size), workers)).toList();
    }

    @Override
    public final void attach(BenchContext context) throws Exception {
        boolean producer = Integer.parseInt(context.get(WORKER)) == 0;
        int[] sizes = sizes();
        if (producer) {
            payloads = new byte[sizes.length][];
            for (int p = 0; p < sizes.length; p++) {
                payloads[p] = pattern(sizes[p]);
            }
        } else {
            inbox = new byte[sizes[sizes.length - 1]];
        }
        attachTransport(context, producer);
    }

    static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    @Override
    public long step(int worker, int phase) throws Exception {
        if (worker == 0) {
            byte[] message = payloads[phase];
            ByteBuffer stamp = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
            stamp.putLong(0, sequence).putLong(8, message.length).putLong(message.length - Long.BYTES, sequence);
            if (offer(message)) {
                sequence++;
                return 1;
            }
            return 0;
        }
        return poll();
    }

    /** Consumer: checks a received message of {@code length} bytes in {@code message}. */
    protected final void received(byte[] message, int length) {
        ByteBuffer in = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        long first = in.getLong(0);
        long stampedLength = in.getLong(8);
        long last = length >= 24 ? in.getLong(length - Long.BYTES) : -1;
        if (stampedLength != length || first != expected || last != expected
                || message[length / 2] != (byte) ((length / 2) * 31 + 7)) {
            throw new IllegalStateException("expected message " + expected + ", received " + length + " bytes stamped "
                    + first + " / " + stampedLength + " bytes / " + last);
        }
        expected++;
    }
}
