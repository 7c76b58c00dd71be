package org.ipc4j.bench.workloads;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.throughput.OneWayWorkload;

/**
 * One-way 32-byte messages over TCP loopback (java.nio, TCP_NODELAY): the producer writes each message with
 * its own blocking write, as a per-message sender does; the consumer reads what has arrived (non-blocking,
 * 64 KiB at a time) and counts the whole messages in it.
 */
public final class TcpOneWay implements OneWayWorkload {
    private final ByteBuffer out = ByteBuffer.allocateDirect(BenchContext.MESSAGE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    private ServerSocketChannel server;
    private SocketChannel channel;
    private long expected;

    @Override
    public String workload() {
        return WorkloadIds.MSG32_ONE_WAY;
    }

    @Override
    public String implementation() {
        return "TCP loopback (java.nio, TCP_NODELAY)";
    }

    @Override
    public Kind kind() {
        return Kind.PEER;
    }

    @Override
    public void create(BenchContext context) throws IOException {
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        context.put("port", Integer.toString(((InetSocketAddress) server.getLocalAddress()).getPort()));
    }

    @Override
    public void attach(BenchContext context) throws IOException {
        channel = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(context.get("port"))));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }

    @Override
    public void connected() throws IOException {
        channel = server.accept();
        channel.configureBlocking(false);
    }

    @Override
    public boolean offer(long sequence) throws IOException {
        out.clear();
        for (int i = 0; i < BenchContext.MESSAGE_SIZE; i += Long.BYTES) {
            out.putLong(i, sequence);
        }
        while (out.hasRemaining()) {
            channel.write(out);
        }
        return true;
    }

    @Override
    public int poll() throws IOException {
        if (channel.read(in) < 0) {
            throw new EOFException("the producer closed the connection");
        }
        in.flip();
        int n = 0;
        while (in.remaining() >= BenchContext.MESSAGE_SIZE) {
            long sequence = in.getLong(in.position());
            if (sequence != expected) {
                throw new IllegalStateException("expected message " + expected + ", received " + sequence);
            }
            in.position(in.position() + BenchContext.MESSAGE_SIZE);
            expected++;
            n++;
        }
        in.compact();
        return n;
    }

    @Override
    public String note() {
        return "a blocking 32-byte write per message; the consumer reads non-blocking, 64 KiB at a time";
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
