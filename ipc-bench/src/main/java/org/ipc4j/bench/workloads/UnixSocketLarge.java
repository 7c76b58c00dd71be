package org.ipc4j.bench.workloads;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;

/**
 * {@link LargeOneWay} over a Unix domain stream socket (JDK 16+ {@code SocketChannel}, blocking): the consumer
 * binds and accepts, the producer connects; the producer writes a 4-byte length and the array (one gathering
 * write), the consumer reads the length, then until it has the whole message. Heap buffers on both sides, as
 * user code would have.
 */
public final class UnixSocketLarge extends LargeOneWay {
    private static final long CONNECT_PATIENCE_NANOS = 60_000_000_000L;

    private final ByteBuffer outHeader = ByteBuffer.allocate(Integer.BYTES);
    private final ByteBuffer inHeader = ByteBuffer.allocate(Integer.BYTES);
    private final ByteBuffer[] out = new ByteBuffer[2];
    private ByteBuffer in;
    private Path path;
    private ServerSocketChannel server;
    private SocketChannel channel;
    private boolean creator;
    private boolean eof;

    @Override
    public String implementation() {
        return "Unix domain socket";
    }

    @Override
    public Kind kind() {
        return Kind.PEER;
    }

    @Override
    public void create(BenchContext context) {
        path = context.dir().resolve(context.name("large.sock"));
        creator = true;
        context.put("socket", path.toString());
    }

    @Override
    protected void attachTransport(BenchContext context, boolean producer) throws IOException, InterruptedException {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(context.get("socket"));
        if (producer) {
            long deadline = System.nanoTime() + CONNECT_PATIENCE_NANOS;
            while (channel == null) {
                SocketChannel attempt = SocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    attempt.connect(address);
                    channel = attempt;
                } catch (IOException notYetBound) {
                    attempt.close();
                    if (System.nanoTime() - deadline > 0) {
                        throw notYetBound;
                    }
                    Thread.sleep(10);
                }
            }
        } else {
            path = address.getPath();
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
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
            // the producer has stopped and closed its end; the coordinator stops this worker next
            eof = true;
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
        return "blocking SocketChannel over a Unix domain socket, heap ByteBuffers, default socket buffers, 4-byte length prefix";
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
        if (server != null) {
            server.close();
        }
        if ((creator || server != null) && path != null) {
            Files.deleteIfExists(path);
        }
    }
}
