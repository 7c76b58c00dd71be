package org.ipc4j.bench.workloads;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.latency.RoundTripWorkload;

/**
 * 32-byte message round trip over a java.nio stream socket in blocking mode: a Unix domain socket or TCP
 * loopback with TCP_NODELAY. The measuring side listens, the peer connects.
 */
public abstract class SocketRoundTrip implements RoundTripWorkload {
    private ServerSocketChannel server;
    private SocketChannel channel;
    private ByteBuffer out;
    private ByteBuffer in;

    protected abstract ServerSocketChannel listen(BenchContext context) throws IOException;

    protected abstract SocketChannel connect(BenchContext context) throws IOException;

    @Override
    public String workload() {
        return WorkloadIds.MSG32_RTT;
    }

    @Override
    public Kind kind() {
        return Kind.PEER;
    }

    @Override
    public void create(BenchContext context) throws IOException {
        server = listen(context);
        buffers();
    }

    @Override
    public void attach(BenchContext context) throws IOException {
        channel = connect(context);
        buffers();
    }

    @Override
    public void connected() throws IOException {
        channel = server.accept();
        configure(channel);
    }

    private void buffers() {
        out = ByteBuffer.allocateDirect(BenchContext.MESSAGE_SIZE).order(ByteOrder.nativeOrder());
        in = ByteBuffer.allocateDirect(BenchContext.MESSAGE_SIZE).order(ByteOrder.nativeOrder());
    }

    protected void configure(SocketChannel socket) throws IOException {
        socket.configureBlocking(true);
    }

    @Override
    public void ping(long token) throws IOException {
        send(token);
        long echoed = receive();
        if (echoed != token) {
            throw new IllegalStateException("sent " + token + ", the reply carried " + echoed);
        }
    }

    @Override
    public long pong() throws IOException {
        long token = receive();
        send(token);
        return token;
    }

    private void send(long token) throws IOException {
        out.clear();
        for (int i = 0; i < BenchContext.MESSAGE_SIZE; i += Long.BYTES) {
            out.putLong(i, token);
        }
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }

    private long receive() throws IOException {
        in.clear();
        while (in.hasRemaining()) {
            if (channel.read(in) < 0) {
                throw new EOFException("the other side closed the connection");
            }
        }
        return in.getLong(0);
    }

    @Override
    public String note() {
        return "blocking java.nio SocketChannel, 32-byte writes and reads";
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

    public static final class UnixDomain extends SocketRoundTrip {
        private Path socketFile;

        @Override
        public String implementation() {
            return "Unix domain socket (java.nio)";
        }

        @Override
        protected ServerSocketChannel listen(BenchContext context) throws IOException {
            socketFile = context.dir().resolve(context.name("uds.sock"));
            ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            listener.bind(UnixDomainSocketAddress.of(socketFile));
            return listener;
        }

        @Override
        protected SocketChannel connect(BenchContext context) throws IOException {
            SocketAddress address = UnixDomainSocketAddress.of(context.dir().resolve(context.name("uds.sock")));
            SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
            socket.connect(address);
            configure(socket);
            return socket;
        }

        @Override
        public void close() throws IOException {
            super.close();
            if (socketFile != null) {
                Files.deleteIfExists(socketFile);
            }
        }
    }

    public static final class TcpLoopback extends SocketRoundTrip {
        @Override
        public String implementation() {
            return "TCP loopback (java.nio, TCP_NODELAY)";
        }

        @Override
        protected ServerSocketChannel listen(BenchContext context) throws IOException {
            ServerSocketChannel listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            context.put("port", Integer.toString(((InetSocketAddress) listener.getLocalAddress()).getPort()));
            return listener;
        }

        @Override
        protected SocketChannel connect(BenchContext context) throws IOException {
            SocketChannel socket = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    Integer.parseInt(context.get("port"))));
            configure(socket);
            return socket;
        }

        @Override
        protected void configure(SocketChannel socket) throws IOException {
            super.configure(socket);
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
    }
}
