package org.ipc4j.bench.workloads;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.latency.RoundTripWorkload;
import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codecs;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.wait.WaitStrategies;
import org.ipc4j.wait.WaitStrategy;

/**
 * 32-byte round trip through two {@code SharedQueue<byte[]>} (requests, replies): the measuring side
 * {@code put}s a request and {@code take}s the reply, the peer {@code take}s the request and {@code put}s
 * the same array back. {@code take} returns a new array per message, as the API does.
 */
public abstract class SharedQueueBytesRoundTrip implements RoundTripWorkload {
    /** Each queue's ring, the same size as the Agrona rings it is compared with. */
    private static final int CAPACITY = 64 * 1024;

    private final byte[] request = new byte[BenchContext.MESSAGE_SIZE];
    private SharedQueue<byte[]> requests;
    private SharedQueue<byte[]> replies;
    private boolean creator;

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
    public void create(BenchContext context) {
        requests = SharedQueue.create(context.name("requests"), options(), Codecs.bytes()).withWaitStrategy(strategy());
        creator = true;
        replies = SharedQueue.create(context.name("replies"), options(), Codecs.bytes()).withWaitStrategy(strategy());
        context.put("requests", requests.name());
        context.put("replies", replies.name());
    }

    @Override
    public void attach(BenchContext context) {
        requests = SharedQueue.open(context.get("requests"), Codecs.bytes()).withWaitStrategy(strategy());
        replies = SharedQueue.open(context.get("replies"), Codecs.bytes()).withWaitStrategy(strategy());
    }

    @Override
    public void ping(long token) throws InterruptedException {
        ArrayStamp.put(request, token);
        requests.put(request);
        long received = ArrayStamp.get(replies.take());
        if (received != token) {
            throw new IllegalStateException("sent " + token + ", the reply carried " + received);
        }
    }

    @Override
    public long pong() throws InterruptedException {
        byte[] message = requests.take();
        replies.put(message);
        return ArrayStamp.get(message);
    }

    @Override
    public void close() {
        close(requests);
        close(replies);
    }

    private void close(SharedQueue<byte[]> queue) {
        if (queue != null) {
            if (creator) {
                queue.unlink();
            }
            queue.close();
        }
    }

    /** Both sides busy-spin in take(); the rings are made without wakeups, so nobody may sleep on them. */
    public static final class BusySpin extends SharedQueueBytesRoundTrip {
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
            return "ipc4j SharedQueue<byte[]> pair (busy-spin)";
        }

        @Override
        public String note() {
            return "two SharedQueue<byte[]> (requests, replies), 64 KiB ring each without wakeups, put(byte[32]) /"
                    + " take(), both sides WaitStrategies.BUSY_SPIN";
        }
    }

    /** The defaults: rings with wakeups, take() spins, yields, then sleeps on the ring's futex word. */
    public static final class Blocking extends SharedQueueBytesRoundTrip {
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
            return "ipc4j SharedQueue<byte[]> pair (spin, yield, futex sleep)";
        }

        @Override
        public String note() {
            return "two SharedQueue<byte[]> (requests, replies), 64 KiB ring each, put(byte[32]) / take(), both sides"
                    + " WaitStrategies.BLOCKING (spin, yield, then futex sleep)";
        }
    }
}
