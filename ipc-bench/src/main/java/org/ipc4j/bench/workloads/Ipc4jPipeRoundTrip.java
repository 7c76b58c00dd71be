package org.ipc4j.bench.workloads;

import java.io.IOException;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.latency.RoundTripWorkload;
import org.ipc4j.channel.Connection;
import org.ipc4j.channel.Pipe;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.wait.WaitStrategies;
import org.ipc4j.wait.WaitStrategy;

/**
 * 32-byte round trip through an ipc4j duplex {@link Pipe} ({@link Connection#sendBytes} /
 * {@link Connection#recvBytesInto}, no allocation): the measuring JVM opens the pipe and hands the second end
 * to the peer by serialising it, as a user passes an end to another process.
 */
public abstract class Ipc4jPipeRoundTrip implements RoundTripWorkload {
    /** Each direction's ring, the same size as the Agrona rings it is compared with. */
    private static final int CAPACITY = 64 * 1024;

    private final byte[] outgoing = new byte[BenchContext.MESSAGE_SIZE];
    private final byte[] incoming = new byte[BenchContext.MESSAGE_SIZE];
    private Connection connection;
    private Connection handedOver;

    protected abstract WaitStrategy strategy();

    protected abstract RingOptions options();

    @Override
    public String workload() {
        return WorkloadIds.MSG32_RTT;
    }

    @Override
    public Kind kind() {
        return Kind.IPC4J;
    }

    @Override
    public void create(BenchContext context) throws IOException {
        Pipe pipe = Pipe.open(true, options());
        connection = pipe.first().withWaitStrategy(strategy());
        handedOver = pipe.second();
        context.put("connection", ConnectionHandover.serialise(handedOver));
    }

    @Override
    public void attach(BenchContext context) throws IOException, ClassNotFoundException {
        connection = ConnectionHandover.attach(context.get("connection")).withWaitStrategy(strategy());
    }

    @Override
    public void ping(long token) throws Exception {
        putLong(outgoing, token);
        connection.sendBytes(outgoing, 0, outgoing.length);
        connection.recvBytesInto(incoming, 0);
        long received = getLong(incoming);
        if (received != token) {
            throw new IllegalStateException("sent " + token + ", the reply carried " + received);
        }
    }

    @Override
    public long pong() throws Exception {
        int length = connection.recvBytesInto(incoming, 0);
        connection.sendBytes(incoming, 0, length);
        return getLong(incoming);
    }

    private static void putLong(byte[] message, long value) {
        for (int i = 0; i < message.length; i++) {
            message[i] = (byte) (value >>> ((i & 7) * 8));
        }
    }

    private static long getLong(byte[] message) {
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value |= (message[i] & 0xFFL) << (i * 8);
        }
        return value;
    }

    @Override
    public void close() {
        ConnectionHandover.close(connection, handedOver);
    }

    /** Both ends busy-spin; the rings are made without wakeups, as Pipe documents for busy-spinning ends. */
    public static final class BusySpin extends Ipc4jPipeRoundTrip {
        @Override
        protected WaitStrategy strategy() {
            return WaitStrategies.BUSY_SPIN;
        }

        @Override
        protected RingOptions options() {
            return RingOptions.ofCapacity(CAPACITY).withWakeups(false);
        }

        @Override
        public String implementation() {
            return "ipc4j Pipe (busy-spin)";
        }

        @Override
        public String note() {
            return "Connection.sendBytes/recvBytesInto, 64 KiB SPSC ring per direction without wakeups, both ends"
                    + " WaitStrategies.BUSY_SPIN";
        }
    }

    /** Both ends use the default blocking strategy: spin, yield, then sleep on the ring's futex word. */
    public static final class Blocking extends Ipc4jPipeRoundTrip {
        @Override
        protected WaitStrategy strategy() {
            return WaitStrategies.BLOCKING;
        }

        @Override
        protected RingOptions options() {
            return RingOptions.ofCapacity(CAPACITY);
        }

        @Override
        public String implementation() {
            return "ipc4j Pipe (spin, yield, futex sleep)";
        }

        @Override
        public String note() {
            return "Connection.sendBytes/recvBytesInto, 64 KiB SPSC ring per direction, both ends"
                    + " WaitStrategies.BLOCKING (spin, yield, then futex sleep)";
        }
    }
}
