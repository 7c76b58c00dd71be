package org.ipc4j.bench.workloads;

import java.nio.ByteBuffer;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.ring.MessageHandler;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.ring.SharedRing;

/** {@link TwoByTwo} through an ipc4j MPMC {@link SharedRing} with the zero-copy API (the 64 KiB ring of the 1P/1C rows). */
public final class Ipc4jRingTwoByTwo extends TwoByTwo implements MessageHandler {
    private static final int CAPACITY = 64 * 1024;

    private SharedRing created;
    private SharedRing ring;
    private ByteBuffer buffer;

    @Override
    public String implementation() {
        return "ipc4j SharedRing MPMC (zero-copy)";
    }

    @Override
    public Kind kind() {
        return Kind.IPC4J;
    }

    @Override
    public void create(BenchContext context) {
        created = SharedRing.create(context.name("ring-2p2c"), SharedRing.Kind.MPMC,
                RingOptions.ofCapacity(CAPACITY).withWakeups(false));
        context.put("ring", created.name());
    }

    @Override
    protected void attachTransport(BenchContext context, boolean producer) {
        ring = SharedRing.open(context.get("ring"));
        buffer = ring.buffer();
    }

    @Override
    protected boolean offer(int producer, long sequence) {
        int at = ring.tryClaim(size());
        if (at == SharedRing.FULL) {
            return false;
        }
        buffer.putLong(at, producer);
        buffer.putLong(at + 8, sequence);
        buffer.putLong(at + 16, sequence);
        buffer.putLong(at + 24, sequence);
        ring.commit(at);
        return true;
    }

    @Override
    protected int poll() {
        return ring.read(this, BATCH);
    }

    @Override
    public void onMessage(ByteBuffer messages, int offset, int length) {
        received(messages.getLong(offset), messages.getLong(offset + 8), messages.getLong(offset + 24));
    }

    @Override
    public String note() {
        return "SharedRing.create(MPMC, 64 KiB, no wakeups): 2 producer JVMs tryClaim/commit in place, 2 (then 1)"
                + " consumer JVMs read up to " + BATCH + " per call in place";
    }

    @Override
    public void close() {
        if (ring != null) {
            ring.close();
        }
        if (created != null) {
            created.unlink();
            created.close();
        }
    }
}
