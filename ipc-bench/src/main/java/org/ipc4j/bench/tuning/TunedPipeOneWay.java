package org.ipc4j.bench.tuning;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.throughput.OneWayWorkload;
import org.ipc4j.channel.Connection;

/**
 * One-way messages of {@code size} bytes (context, default 32) through a one-way {@link org.ipc4j.channel.Pipe}
 * with the ring options of {@link PipeEnds}: the peer {@code sendBytes}, the measuring side
 * {@code recvBytesInto} a reused array. Messages above the ring's inline limit travel in a block region
 * each, as Pipe does for them. Both ends use the default blocking strategy.
 */
public final class TunedPipeOneWay implements OneWayWorkload {
    private static final int BATCH = 64;

    private PipeEnds ends;
    private Connection connection;
    private byte[] message;
    private long expected;

    @Override
    public String workload() {
        return "tuning-one-way";
    }

    @Override
    public String implementation() {
        return "ipc4j Pipe";
    }

    @Override
    public Kind kind() {
        return Kind.IPC4J;
    }

    @Override
    public void create(BenchContext context) throws Exception {
        ends = PipeEnds.create(context, false);
        setUp(context);
    }

    @Override
    public void attach(BenchContext context) throws Exception {
        ends = PipeEnds.attach(context);
        setUp(context);
    }

    private void setUp(BenchContext context) {
        connection = ends.own();
        message = new byte[Integer.parseInt(PipeEnds.property(context, "size", "32"))];
    }

    @Override
    public boolean offer(long sequence) throws Exception {
        Bytes.putLong(message, sequence);
        connection.sendBytes(message, 0, message.length);
        return true;
    }

    @Override
    public int poll() throws Exception {
        int n = 0;
        while (n < BATCH && connection.poll()) {
            connection.recvBytesInto(message, 0);
            long sequence = Bytes.getLong(message);
            if (sequence != expected) {
                throw new IllegalStateException("expected message " + expected + ", received " + sequence);
            }
            expected++;
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        if (ends != null) {
            ends.close();
        }
    }
}
