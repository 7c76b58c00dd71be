package org.ipc4j.bench.workloads;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.harness.Flags;
import org.ipc4j.bench.throughput.OneWayWorkload;
import org.ipc4j.codec.Codecs;
import org.ipc4j.net.NetConnection;
import org.ipc4j.net.NetListener;
import org.ipc4j.net.NetQueue;

/**
 * One-way 32-byte messages between two JVMs over ipc-net (Aeron UDP on loopback), the APIs users call: a
 * {@link NetConnection} ({@code sendBytes}, {@code poll} + {@code recvBytesInto}) or a {@code NetQueue<byte[]>}
 * ({@code offer}, {@code poll}). The measuring side listens; the peer sends.
 */
public abstract class NetOneWay implements OneWayWorkload {
    private static final int BATCH = 256;

    protected final byte[] message = new byte[BenchContext.MESSAGE_SIZE];
    private long expected;

    @Override
    public String workload() {
        return WorkloadIds.MSG32_ONE_WAY;
    }

    @Override
    public Kind kind() {
        return Kind.IPC4J;
    }

    @Override
    public List<String> jvmArgs() {
        return Flags.AERON;
    }

    /** Consumer: the next message into {@link #message}, false if none is there now. */
    protected abstract boolean receive() throws Exception;

    @Override
    public int poll() throws Exception {
        int n = 0;
        while (n < BATCH && receive()) {
            long sequence = ArrayStamp.get(message);
            if (sequence != expected) {
                throw new IllegalStateException("expected message " + expected + ", received " + sequence);
            }
            expected++;
            n++;
        }
        return n;
    }

    /** Through a NetConnection dialled by the peer. */
    public static final class Connection extends NetOneWay {
        private NetListener listener;
        private NetConnection connection;

        @Override
        public String implementation() {
            return "ipc4j NetConnection (Aeron UDP loopback)";
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
        public boolean offer(long sequence) throws InterruptedException {
            ArrayStamp.put(message, sequence);
            connection.sendBytes(message, 0, message.length);
            return true;
        }

        @Override
        protected boolean receive() throws Exception {
            if (!connection.poll()) {
                return false;
            }
            connection.recvBytesInto(message, 0);
            return true;
        }

        @Override
        public String note() {
            return "NetConnection.sendBytes, poll + recvBytesInto; embedded Aeron driver per JVM";
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

    /** Through a NetQueue&lt;byte[]&gt;: the measuring side listens (holds the queue), the peer connects and offers. */
    public static final class Queue extends NetOneWay {
        private NetQueue<byte[]> queue;

        @Override
        public String implementation() {
            return "ipc4j NetQueue<byte[]> (Aeron UDP loopback)";
        }

        @Override
        public void create(BenchContext context) {
            queue = NetQueue.listen("127.0.0.1:0", Codecs.bytes());
            context.put("endpoint", queue.endpoint());
        }

        @Override
        public void attach(BenchContext context) {
            queue = NetQueue.connect(context.get("endpoint"), Codecs.bytes());
        }

        @Override
        public boolean offer(long sequence) {
            ArrayStamp.put(message, sequence);
            return queue.offer(message);
        }

        @Override
        protected boolean receive() {
            byte[] element = queue.poll();
            if (element == null) {
                return false;
            }
            System.arraycopy(element, 0, message, 0, message.length);
            return true;
        }

        @Override
        public String note() {
            return "NetQueue.offer / poll, 1024 elements held at the listening end; embedded Aeron driver per JVM";
        }

        @Override
        public void close() {
            if (queue != null) {
                queue.close();
            }
        }
    }
}
