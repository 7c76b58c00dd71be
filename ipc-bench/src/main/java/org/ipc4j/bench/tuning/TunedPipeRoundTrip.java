package org.ipc4j.bench.tuning;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.latency.RoundTripWorkload;
import org.ipc4j.channel.Connection;

/**
 * Round trip through a duplex {@link org.ipc4j.channel.Pipe}, set up from the context: {@code strategy} (a
 * {@link WaitChoice} spec, both ends), {@code size} (bytes each way, default 32), the ring options of
 * {@link PipeEnds}, and {@code codec}: {@code bytes} (sendBytes/recvBytesInto, no allocation) or
 * {@code serial} ({@code send(Object)}/{@code recv()} of a {@code long[4]} through the default codec, Java
 * serialisation, which allocates a few KB per message: the load the JVM-option sweep needs).
 */
public final class TunedPipeRoundTrip implements RoundTripWorkload {
    private PipeEnds ends;
    private Connection connection;
    private boolean serial;
    private byte[] outgoing;
    private byte[] incoming;

    @Override
    public String workload() {
        return "tuning-rtt";
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
        ends = PipeEnds.create(context, true);
        setUp(context);
    }

    @Override
    public void attach(BenchContext context) throws Exception {
        ends = PipeEnds.attach(context);
        setUp(context);
    }

    private void setUp(BenchContext context) {
        connection = ends.own().withWaitStrategy(WaitChoice.parse(PipeEnds.property(context, "strategy", WaitChoice.DEFAULT_SPEC)));
        serial = PipeEnds.property(context, "codec", "bytes").equals("serial");
        int size = Integer.parseInt(PipeEnds.property(context, "size", "32"));
        outgoing = new byte[size];
        incoming = new byte[size];
    }

    @Override
    public void ping(long token) throws Exception {
        long received;
        if (serial) {
            connection.send(new long[] {token, 0, 0, 0});
            received = ((long[]) connection.recv())[0];
        } else {
            Bytes.putLong(outgoing, token);
            connection.sendBytes(outgoing, 0, outgoing.length);
            connection.recvBytesInto(incoming, 0);
            received = Bytes.getLong(incoming);
        }
        if (received != token) {
            throw new IllegalStateException("sent " + token + ", the reply carried " + received);
        }
    }

    @Override
    public long pong() throws Exception {
        if (serial) {
            long[] message = (long[]) connection.recv();
            connection.send(message);
            return message[0];
        }
        int length = connection.recvBytesInto(incoming, 0);
        connection.sendBytes(incoming, 0, length);
        return Bytes.getLong(incoming);
    }

    @Override
    public void close() {
        if (ends != null) {
            ends.close();
        }
    }
}
