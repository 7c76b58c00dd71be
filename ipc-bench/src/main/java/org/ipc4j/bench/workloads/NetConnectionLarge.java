package org.ipc4j.bench.workloads;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.harness.Flags;
import org.ipc4j.codec.Codecs;
import org.ipc4j.net.NetConnection;
import org.ipc4j.net.NetListener;

/**
 * {@link LargeOneWay} through ipc-net's {@link NetConnection} over Aeron UDP on loopback, default settings
 * (1 MiB terms, so a message goes in parts of at most 128 KiB): the consumer listens at a port chosen up
 * front, the producer dials ({@code connect} waits for the listener).
 */
public final class NetConnectionLarge extends LargeOneWay {
    private NetListener listener;
    private NetConnection connection;
    private boolean eof;

    @Override
    public String implementation() {
        return "ipc4j NetConnection (Aeron UDP loopback)";
    }

    @Override
    public Kind kind() {
        return Kind.IPC4J;
    }

    @Override
    protected int[] sizes() {
        return UP_TO_16_MIB;
    }

    @Override
    public List<String> jvmArgs() {
        return Flags.AERON;
    }

    @Override
    public void create(BenchContext context) throws IOException {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            context.put("endpoint", "127.0.0.1:" + ((InetSocketAddress) probe.getLocalAddress()).getPort());
        }
    }

    @Override
    protected void attachTransport(BenchContext context, boolean producer) throws Exception {
        if (producer) {
            connection = NetConnection.connect(context.get("endpoint"), Codecs.bytes(), 60, TimeUnit.SECONDS);
        } else {
            listener = NetListener.bind(context.get("endpoint"), Codecs.bytes());
            connection = listener.accept(60, TimeUnit.SECONDS);
        }
    }

    @Override
    protected boolean offer(byte[] message) throws InterruptedException {
        connection.sendBytes(message);
        return true;
    }

    @Override
    protected int poll() throws Exception {
        if (eof || !connection.poll()) {
            return 0;
        }
        int length;
        try {
            length = connection.recvBytesInto(inbox, 0);
        } catch (EOFException producerDone) {
            eof = true; // the producer has stopped and closed its end; the coordinator stops this worker next
            return 0;
        }
        received(inbox, length);
        return length;
    }

    @Override
    public String note() {
        return "NetConnection.sendBytes / poll + recvBytesInto, embedded Aeron driver per JVM, 8 KiB MTU on loopback";
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
        if (listener != null) {
            listener.close();
        }
    }
}
