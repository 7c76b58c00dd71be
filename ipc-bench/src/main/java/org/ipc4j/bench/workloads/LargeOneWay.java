package org.ipc4j.bench.workloads;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import org.ipc4j.bench.group.GroupWorkload;
import org.ipc4j.bench.harness.BenchContext;

/**
 * One-way 1 MiB messages from a producer JVM (worker 0) to a consumer JVM (worker 1), in GB/s. The producer
 * sends one prepared array, stamped with the message's sequence number in its first and last 8 bytes; the
 * consumer receives each message into an array of its own (or gets one from the API) and checks both stamps,
 * so a torn or reordered message fails the benchmark.
 */
public abstract class LargeOneWay implements GroupWorkload {
    /** 1 MiB. */
    static final int SIZE = 1 << 20;

    protected final byte[] payload = new byte[SIZE];
    protected final byte[] inbox = new byte[SIZE];
    private final ByteBuffer stamp = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
    private long sequence;
    private long expected;

    /** Producer: tries to send {@link #payload}; false if there is no room now. */
    protected abstract boolean offer() throws Exception;

    /** Consumer: receives one message if there is one, passing it to {@link #received}; returns 1 or 0. */
    protected abstract int poll() throws Exception;

    protected abstract void attachTransport(BenchContext context, boolean producer) throws Exception;

    @Override
    public String group() {
        return WorkloadIds.LARGE_MESSAGE_GROUP;
    }

    @Override
    public String workload() {
        return WorkloadIds.MSG1M_ONE_WAY;
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
        return SIZE / 1e9;
    }

    @Override
    public List<Phase> phases() {
        return List.of(new Phase(WorkloadIds.MSG1M_ONE_WAY, 2));
    }

    @Override
    public final void attach(BenchContext context) throws Exception {
        boolean producer = Integer.parseInt(context.get(WORKER)) == 0;
        if (producer) {
            for (int i = 0; i < SIZE; i++) {
                payload[i] = (byte) (i * 31 + 7);
            }
        }
        attachTransport(context, producer);
    }

    @Override
    public long step(int worker, int phase) throws Exception {
        if (worker == 0) {
            stamp.putLong(0, sequence).putLong(SIZE - Long.BYTES, sequence);
            if (offer()) {
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
        long last = in.getLong(SIZE - Long.BYTES);
        if (length != SIZE || first != expected || last != expected || message[SIZE / 2] != (byte) ((SIZE / 2) * 31 + 7)) {
            throw new IllegalStateException("expected message " + expected + " of " + SIZE + " bytes, received " + length
                    + " bytes stamped " + first + " / " + last);
        }
        expected++;
    }
}
