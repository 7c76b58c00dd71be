package org.ipc4j.bench.workloads;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;

/**
 * {@link LargeOneWay} over a Unix domain stream socket (JDK 16+ {@code SocketChannel}, blocking), framed as
 * {@link StreamSocketLarge} describes.
 */
public final class UnixSocketLarge extends StreamSocketLarge {
    private Path path;
    private boolean creator;

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
    protected SocketChannel connect(BenchContext context) throws IOException {
        SocketChannel attempt = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            attempt.connect(UnixDomainSocketAddress.of(context.get("socket")));
            return attempt;
        } catch (IOException notYetBound) {
            attempt.close();
            throw notYetBound;
        }
    }

    @Override
    protected ServerSocketChannel listen(BenchContext context) throws IOException {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(context.get("socket"));
        path = address.getPath();
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(address);
        return server;
    }

    @Override
    public String note() {
        return "blocking SocketChannel over a Unix domain socket, heap ByteBuffers, default socket buffers, 4-byte length prefix";
    }

    @Override
    public void close() throws IOException {
        super.close();
        if ((creator || isListening()) && path != null) {
            Files.deleteIfExists(path);
        }
    }
}
