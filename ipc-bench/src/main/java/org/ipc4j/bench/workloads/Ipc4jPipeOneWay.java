package org.ipc4j.bench.workloads;

import java.io.EOFException;
import java.io.IOException;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.throughput.OneWayWorkload;
import org.ipc4j.channel.Connection;
import org.ipc4j.channel.Pipe;
import org.ipc4j.codec.Codecs;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.wait.WaitStrategies;
import org.ipc4j.wait.WaitStrategy;

/**
 * One-way 32-byte messages through a one-way ipc4j {@link Pipe}, the API users call: the peer
 * {@link Connection#sendBytes}, the measuring side {@link Connection#poll} (so the harness is never blocked)
 * and {@link Connection#recvBytesInto} a reused array. The measuring JVM opens the pipe and hands the sending
 * end to the peer by serialising it. The same 64 KiB ring and batch as the ring and Agrona workloads.
 */
public abstract class Ipc4jPipeOneWay implements OneWayWorkload {
    private static final int CAPACITY = 64 * 1024;
    private static final int BATCH = 256;

    private final byte[] message = new byte[BenchContext.MESSAGE_SIZE];
    private Connection connection;
    private Connection handedOver;
    private long expected;

    protected abstract WaitStrategy strategy();

    protected abstract RingOptions options();

    @Override
    public String workload() {
        return WorkloadIds.MSG32_ONE_WAY;
    }

    @Override
    public Kind kind() {
        return Kind.IPC4J;
    }

    @Override
    public void create(BenchContext context) throws IOException {
        Pipe pipe = Pipe.open(false, options(), Codecs.bytes());
        connection = pipe.first().withWaitStrategy(strategy());
        handedOver = pipe.second();
        context.put("connection", ConnectionHandover.serialise(handedOver));
    }

    @Override
    public void attach(BenchContext context) throws IOException, ClassNotFoundException {
        connection = ConnectionHandover.attach(context.get("connection")).withWaitStrategy(strategy());
    }

    @Override
    public boolean offer(long sequence) throws InterruptedException {
        ArrayStamp.put(message, sequence);
        connection.sendBytes(message, 0, message.length);
        return true;
    }

    @Override
    public int poll() throws InterruptedException, EOFException {
        int n = 0;
        while (n < BATCH && connection.poll()) {
            connection.recvBytesInto(message, 0);
            long sequence = ArrayStamp.get(message);
            if (sequence != expected) {
                throw new IllegalStateException("expected message " + expected + ", received " + sequence);
            }
            expected++;
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        ConnectionHandover.close(connection, handedOver);
    }

    /** Both ends busy-spin; the ring is made without wakeups, as Pipe documents for busy-spinning ends. */
    public static final class BusySpin extends Ipc4jPipeOneWay {
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
            return "Pipe.open(false, 64 KiB ring without wakeups): producer sendBytes, consumer poll() + recvBytesInto"
                    + " a reused array, up to " + BATCH + " per poll; both ends WaitStrategies.BUSY_SPIN";
        }
    }

    /** The defaults: a ring with wakeups, the blocking strategy (a producer that finds the ring full sleeps). */
    public static final class Blocking extends Ipc4jPipeOneWay {
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
            return "Pipe.open(false, 64 KiB ring): producer sendBytes (on a full ring WaitStrategies.BLOCKING: spin,"
                    + " yield, then futex sleep until the consumer wakes it), consumer poll() + recvBytesInto a reused"
                    + " array, up to " + BATCH + " per poll";
        }
    }
}
