package org.ipc4j.bench.workloads;

import java.nio.ByteBuffer;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.latency.RoundTripWorkload;
import org.ipc4j.ring.MessageHandler;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.ring.SharedRing;

/**
 * 32-byte round trip through two ipc4j SPSC {@link SharedRing}s (request, reply) with the zero-copy API,
 * both sides busy-spinning on {@code read}: the same shape as {@link AgronaRingRoundTrip}, without the
 * {@code Connection} layer of a Pipe (liveness checks, EOF, blocks) on top.
 */
public final class Ipc4jRingRoundTrip implements RoundTripWorkload, MessageHandler {
    private static final int CAPACITY = 64 * 1024;

    private SharedRing requests;
    private SharedRing replies;
    private boolean creator;
    private long received;

    @Override
    public String workload() {
        return WorkloadIds.MSG32_RTT;
    }

    @Override
    public String implementation() {
        return "ipc4j SharedRing SPSC pair, zero-copy (busy-spin)";
    }

    @Override
    public Kind kind() {
        return Kind.IPC4J;
    }

    @Override
    public void create(BenchContext context) {
        RingOptions options = RingOptions.ofCapacity(CAPACITY).withWakeups(false);
        creator = true;
        requests = SharedRing.create(context.name("requests"), SharedRing.Kind.SPSC, options);
        replies = SharedRing.create(context.name("replies"), SharedRing.Kind.SPSC, options);
        context.put("requests", requests.name());
        context.put("replies", replies.name());
    }

    @Override
    public void attach(BenchContext context) {
        requests = SharedRing.open(context.get("requests"));
        replies = SharedRing.open(context.get("replies"));
    }

    @Override
    public void ping(long token) {
        send(requests, token);
        receive(replies);
        if (received != token) {
            throw new IllegalStateException("sent " + token + ", the reply carried " + received);
        }
    }

    @Override
    public long pong() {
        long token = receive(requests);
        send(replies, token);
        return token;
    }

    private static void send(SharedRing ring, long token) {
        int at;
        while ((at = ring.tryClaim(BenchContext.MESSAGE_SIZE)) == SharedRing.FULL) {
            Thread.onSpinWait();
        }
        ByteBuffer buffer = ring.buffer();
        for (int i = 0; i < BenchContext.MESSAGE_SIZE; i += Long.BYTES) {
            buffer.putLong(at + i, token);
        }
        ring.commit(at);
    }

    private long receive(SharedRing ring) {
        while (ring.read(this, 1) == 0) {
            Thread.onSpinWait();
        }
        return received;
    }

    @Override
    public void onMessage(ByteBuffer buffer, int offset, int length) {
        received = buffer.getLong(offset);
    }

    @Override
    public String note() {
        return "two SharedRing.create(SPSC, 64 KiB, no wakeups), tryClaim/commit and read in place, both sides busy-spin";
    }

    @Override
    public void close() {
        for (SharedRing ring : new SharedRing[] {requests, replies}) {
            if (ring != null) {
                if (creator) {
                    ring.unlink();
                }
                ring.close();
            }
        }
    }
}
