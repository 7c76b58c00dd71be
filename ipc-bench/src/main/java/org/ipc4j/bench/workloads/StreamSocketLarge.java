package org.ipc4j.bench.workloads;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import org.ipc4j.bench.harness.BenchContext;

/**
 * {@link LargeOneWay} over a blocking stream socket: the consumer binds and accepts, the producer connects
 * (retrying until the consumer listens); the producer writes a 4-byte length and the array in one gathering
 * write, the consumer reads the length, then until it has the whole message. Heap buffers on both sides, as
 * user code would have. Subclasses say which socket.
 */
abstract class StreamSocketLarge extends LargeOneWay {
    private static final long CONNECT_PATIENCE_NANOS = 60_000_000_000L;

    private final ByteBuffer outHeader = ByteBuffer.allocate(Integer.BYTES);
    private final ByteBuffer inHeader = ByteBuffer.allocate(Integer.BYTES);
    private final ByteBuffer[] out = new ByteBuffer[2];
    private ByteBuffer in;
    private ServerSocketChannel server;
    private SocketChannel channel;
    private boolean eof;

    /** Producer: one attempt to connect; throws while nobody listens yet. */
    protected abstract SocketChannel connect(BenchContext context) throws IOException;

    /** Consumer: the bound server socket. */
    protected abstract ServerSocketChannel listen(BenchContext context) throws IOException;

    protected final boolean isListening() {
        return server != null;
    }

    @Override
    protected final void attachTransport(BenchContext context, boolean producer) throws IOException, InterruptedException {
        if (producer) {
            long deadline = System.nanoTime() + CONNECT_PATIENCE_NANOS;
            while (channel == null) {
                try {
                    channel = connect(context);
                } catch (IOException notYetListening) {
                    if (System.nanoTime() - deadline > 0) {
                        throw notYetListening;
                    }
                    Thread.sleep(10);
                }
            }
        } else {
            server = listen(context);
            channel = server.accept();
        }
    }

    @Override
    protected final boolean offer(byte[] message) throws IOException {
        out[0] = outHeader.clear().putInt(0, message.length);
        out[1] = ByteBuffer.wrap(message);
        while (out[1].hasRemaining()) {
            channel.write(out);
        }
        return true;
    }

    @Override
    protected final int poll() throws IOException {
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
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
