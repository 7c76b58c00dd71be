package org.ipc4j.bench.workloads;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.latency.RoundTripWorkload;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;

/**
 * ipc4j's lowest layer: one long in a {@link Region}, both JVMs busy-spinning on it. The request is odd
 * ({@code 2*token+1}), the reply is the next even number, so each round trip moves the one cache line to the
 * peer and back: the Java counterpart of the C floor's cache-line round trip.
 */
public final class SpinWordRoundTrip implements RoundTripWorkload {
    private Region region;
    private MappedBytes bytes;
    private int word;
    private boolean creator;

    @Override
    public String workload() {
        return WorkloadIds.SPIN_RTT;
    }

    @Override
    public String implementation() {
        return "ipc4j Region word (MappedBytes, busy-spin)";
    }

    @Override
    public Kind kind() {
        return Kind.IPC4J;
    }

    @Override
    public void create(BenchContext context) {
        region = Region.create(context.name("spin"), ObjectType.RAW, 128, b -> { });
        creator = true;
        context.put("region", region.name());
        init();
    }

    @Override
    public void attach(BenchContext context) {
        region = Region.open(context.get("region"), ObjectType.RAW);
        init();
    }

    private void init() {
        bytes = region.bytes();
        word = region.bodyOffset();
    }

    @Override
    public void ping(long token) {
        long request = 2 * token + 1;
        // release: the peer's acquire in pong() pairs with it; nothing else is shared
        bytes.putLongRelease(word, request);
        // acquire: pairs with the peer's release of the reply
        while (bytes.getLongAcquire(word) != request + 1) {
            Thread.onSpinWait();
        }
    }

    @Override
    public long pong() {
        long request;
        // acquire: pairs with ping()'s release of the request
        while (((request = bytes.getLongAcquire(word)) & 1) == 0) {
            Thread.onSpinWait();
        }
        // release: ping()'s acquire loop pairs with it
        bytes.putLongRelease(word, request + 1);
        return (request - 1) / 2;
    }

    @Override
    public String note() {
        return "one long in one cache line, both sides busy-spin";
    }

    @Override
    public void close() {
        if (region != null) {
            region.close();
            if (creator) {
                region.unlink();
            }
        }
    }
}
