package org.ipc4j.bench.workloads;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;

/**
 * {@link LargeOneWay} over TCP loopback (java.nio, blocking, TCP_NODELAY), for the network rows: the producer
 * writes a 4-byte length and the array in one gathering write, the consumer reads the length, then the whole
 * message. Heap buffers on both sides, default socket buffers.
 */
public final class TcpLarge extends LargeOneWay {
    private static final long CONNECT_PATIENCE_NANOS = 60_000_000_000L;

    private final ByteBuffer outHeader = ByteBuffer.allocate(Integer.BYTES);
    private final ByteBuffer inHeader = ByteBuffer.allocate(Integer.BYTES);
    private final ByteBuffer[] out = new ByteBuffer[2];
    private ByteBuffer in;
    private ServerSocketChannel server;
    private SocketChannel channel;
    private boolean eof;

    @Override
    public String implementation() {
        return "TCP loopback (java.nio, TCP_NODELAY)";
    }

    @Override
    public Kind kind() {
        return Kind.PEER;
    }

    @Override
    protected int[] sizes() {
        return UP_TO_16_MIB;
    }

    @Override
    public void create(BenchContext context) throws IOException {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            context.put("port", Integer.toString(((InetSocketAddress) probe.getLocalAddress()).getPort()));
        }
    }

    @Override
    protected void attachTransport(BenchContext context, boolean producer) throws IOException, InterruptedException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(context.get("port")));
        if (producer) {
            long deadline = System.nanoTime() + CONNECT_PATIENCE_NANOS;
            while (channel == null) {
                try {
                    channel = SocketChannel.open(address);
                } catch (IOException notYetListening) {
                    if (System.nanoTime() - deadline > 0) {
                        throw notYetListening;
                    }
                    Thread.sleep(10);
                }
            }
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } else {
            server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address);
            channel = server.accept();
        }
    }

    @Override
    protected boolean offer(byte[] message) throws IOException {
        out[0] = outHeader.clear().putInt(0, message.length);
        out[1] = ByteBuffer.wrap(message);
        while (out[1].hasRemaining()) {
            channel.write(out);
        }
        return true;
    }

    @Override
    protected int poll() throws IOException {
        if (eof) {
            return 0;
        }
        ByteBuffer target = in == null ? inHeader : in;
        if (channel.read(target) < 0) {
            eof = true; // the producer has stopped and closed its end; the coordinator stops this worker next
            return 0;
        }
        if (target.hasRemaining()) {
            return 0;
        }
        if (in == null) {
            in = ByteBuffer.wrap(inbox, 0, inHeader.getInt(0));
            inHeader.clear();
            return 0;
        }
        int length = in.limit();
        received(inbox, length);
        in = null;
        return length;
    }

    @Override
    public String note() {
        return "blocking SocketChannel over TCP loopback, TCP_NODELAY, heap ByteBuffers, default socket buffers, 4-byte length prefix";
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
