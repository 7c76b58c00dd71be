package org.ipc4j.bench.workloads;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.harness.Flags;
import org.ipc4j.bench.latency.RoundTripWorkload;
import org.ipc4j.codec.Codecs;
import org.ipc4j.net.NetConnection;
import org.ipc4j.net.NetListener;

/**
 * 32-byte round trip through ipc-net's {@link NetConnection} over Aeron UDP on loopback, each JVM with its
 * embedded media driver: the measuring side listens and accepts, the peer dials. Compared with TCP loopback in
 * the same table.
 */
public final class NetConnectionRoundTrip implements RoundTripWorkload {
    private final byte[] outgoing = new byte[BenchContext.MESSAGE_SIZE];
    private final byte[] incoming = new byte[BenchContext.MESSAGE_SIZE];
    private NetListener listener;
    private NetConnection connection;

    @Override
    public String workload() {
        return WorkloadIds.MSG32_RTT;
    }

    @Override
    public String implementation() {
        return "ipc4j NetConnection (Aeron UDP loopback)";
    }

    @Override
    public Kind kind() {
        return Kind.IPC4J;
    }

    @Override
    public List<String> jvmArgs() {
        return Flags.AERON;
    }

    @Override
    public void create(BenchContext context) {
        listener = NetListener.bind("127.0.0.1:0", Codecs.bytes());
        context.put("endpoint", listener.endpoint());
    }

    @Override
    public void attach(BenchContext context) throws Exception {
        connection = NetConnection.connect(context.get("endpoint"), Codecs.bytes());
    }

    @Override
    public void connected() throws Exception {
        connection = listener.accept(60, TimeUnit.SECONDS);
    }

    @Override
    public void ping(long token) throws Exception {
        ArrayStamp.put(outgoing, token);
        connection.sendBytes(outgoing, 0, outgoing.length);
        connection.recvBytesInto(incoming, 0);
        long received = ArrayStamp.get(incoming);
        if (received != token) {
            throw new IllegalStateException("sent " + token + ", the reply carried " + received);
        }
    }

    @Override
    public long pong() throws Exception {
        int length = connection.recvBytesInto(incoming, 0);
        connection.sendBytes(incoming, 0, length);
        return ArrayStamp.get(incoming);
    }

    @Override
    public String note() {
        return "NetConnection.sendBytes/recvBytesInto, embedded Aeron driver per JVM (INVOKER mode: the waiting thread runs it),"
                + " 8 KiB MTU on loopback";
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
