package org.ipc4j.bench.workloads;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.latency.RoundTripWorkload;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.wait.FutexWord;

/**
 * The wake-up round trip through ipc4j's {@link FutexWord}: the request word and the reply word (each with its
 * sleeper count, 128 bytes apart), and each side goes straight to sleep on the futex, no spinning, until the
 * other wakes it. This is the cost a blocked ipc4j lock or queue pays when its waiter has gone to sleep.
 */
public final class FutexWordRoundTrip implements RoundTripWorkload {
    private static final int REQUEST = 0;
    private static final int REPLY = 128;
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private Region region;
    private MappedBytes bytes;
    private FutexWord request;
    private FutexWord reply;
    private boolean creator;
    private int lastServed;
    private long roundTrips;
    private long repliedBeforeSleep;

    @Override
    public String workload() {
        return WorkloadIds.FUTEX_RTT;
    }

    @Override
    public String implementation() {
        return "ipc4j FutexWord (sleep forced)";
    }

    @Override
    public Kind kind() {
        return Kind.IPC4J;
    }

    @Override
    public void create(BenchContext context) {
        region = Region.create(context.name("futex"), ObjectType.RAW, 256, b -> { });
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
        int body = region.bodyOffset();
        request = new FutexWord(bytes, body + REQUEST, body + REQUEST + 4);
        reply = new FutexWord(bytes, body + REPLY, body + REPLY + 4);
    }

    @Override
    public void ping(long token) {
        int value = (int) token;
        // volatile store, then wakeOne reads the sleeper count: the Dekker pair FutexWord documents
        bytes.putIntVolatile(request.offset(), value);
        request.wakeOne();
        roundTrips++;
        int seen = reply.get();
        if (seen == value) {
            repliedBeforeSleep++;
        }
        while (seen != value) {
            reply.sleep(seen, SLICE_NANOS);
            seen = reply.get();
        }
    }

    @Override
    public long pong() {
        int seen;
        while ((seen = request.get()) == lastServed) {
            request.sleep(lastServed, SLICE_NANOS);
        }
        lastServed = seen;
        // volatile store before reading the sleeper count in wakeOne (Dekker pair, see FutexWord)
        bytes.putIntVolatile(reply.offset(), seen);
        reply.wakeOne();
        return seen;
    }

    @Override
    public String note() {
        return String.format(Locale.ROOT, "no spinning: each side sleeps on the futex until woken; the reply was"
                + " already there before the pinger slept in %.2f%% of %d round trips (incl. warm-up)",
                roundTrips == 0 ? 0.0 : 100.0 * repliedBeforeSleep / roundTrips, roundTrips);
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
