package org.ipc4j.bench.workloads;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;

/**
 * {@link LargeOneWay} over TCP loopback (java.nio, blocking, TCP_NODELAY), framed as {@link StreamSocketLarge}
 * describes: the network rows' peer.
 */
public final class TcpLarge extends StreamSocketLarge {
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

    private static InetSocketAddress address(BenchContext context) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(context.get("port")));
    }

    @Override
    protected SocketChannel connect(BenchContext context) throws IOException {
        SocketChannel channel = SocketChannel.open(address(context));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        return channel;
    }

    @Override
    protected ServerSocketChannel listen(BenchContext context) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(address(context));
        return server;
    }

    @Override
    public String note() {
        return "blocking SocketChannel over TCP loopback, TCP_NODELAY, heap ByteBuffers, default socket buffers, 4-byte length prefix";
    }
}
