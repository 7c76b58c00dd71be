package org.ipc4j.bench.jmh;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.ipc4j.ring.MessageHandler;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.ring.SharedRing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One 32-byte message through an ipc4j {@link SharedRing}'s zero-copy API in one thread: tryClaim, write 4 longs
 * in place, commit, read it back in place. Run with {@code -prof gc}: the allocation column must read 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class RingZeroCopyBenchmark implements MessageHandler {
    private static final int CAPACITY = 64 * 1024;
    private static final int MESSAGE = 32;

    private SharedRing spsc;
    private SharedRing mpmc;
    private long sum;

    @Setup(Level.Trial)
    public void open() {
        RingOptions options = RingOptions.ofCapacity(CAPACITY).withWakeups(false);
        spsc = SharedRing.create(SharedRing.Kind.SPSC, options);
        mpmc = SharedRing.create(SharedRing.Kind.MPMC, options);
    }

    @TearDown(Level.Trial)
    public void close() {
        for (SharedRing ring : new SharedRing[] {spsc, mpmc}) {
            ring.unlink();
            ring.close();
        }
    }

    @Benchmark
    public long spscClaimCommitRead() {
        return roundThrough(spsc);
    }

    @Benchmark
    public long mpmcClaimCommitRead() {
        return roundThrough(mpmc);
    }

    private long roundThrough(SharedRing ring) {
        int at = ring.tryClaim(MESSAGE);
        ByteBuffer buffer = ring.buffer();
        for (int i = 0; i < MESSAGE; i += Long.BYTES) {
            buffer.putLong(at + i, i);
        }
        ring.commit(at);
        ring.read(this, 1);
        return sum;
    }

    @Override
    public void onMessage(ByteBuffer buffer, int offset, int length) {
        sum += buffer.getLong(offset + Long.BYTES);
    }
}
