package org.ipc4j.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The twin of {@link RingZeroCopyBenchmark} for Agrona's rings over a mapped file: tryClaim, write 4 longs
 * in place, commit, read it back in place, one thread. Same method names, so the report sets them side by side.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class AgronaRingZeroCopyBenchmark implements MessageHandler {
    private static final int CAPACITY = 64 * 1024;
    private static final int MESSAGE = 32;
    private static final int MESSAGE_TYPE = 1;

    private MappedFile oneToOneFile;
    private MappedFile manyToOneFile;
    private RingBuffer oneToOne;
    private RingBuffer manyToOne;
    private long sum;

    @Setup
    public void open() {
        int length = CAPACITY + RingBufferDescriptor.TRAILER_LENGTH;
        oneToOneFile = new MappedFile("agrona-1to1", length);
        manyToOneFile = new MappedFile("agrona-nto1", length);
        oneToOne = new OneToOneRingBuffer(new UnsafeBuffer(oneToOneFile.buffer()));
        manyToOne = new ManyToOneRingBuffer(new UnsafeBuffer(manyToOneFile.buffer()));
    }

    @TearDown
    public void close() {
        oneToOneFile.close();
        manyToOneFile.close();
    }

    @Benchmark
    public long spscClaimCommitRead() {
        return roundThrough(oneToOne);
    }

    @Benchmark
    public long mpmcClaimCommitRead() {
        return roundThrough(manyToOne);
    }

    private long roundThrough(RingBuffer ring) {
        int at = ring.tryClaim(MESSAGE_TYPE, MESSAGE);
        MutableDirectBuffer buffer = ring.buffer();
        for (int i = 0; i < MESSAGE; i += Long.BYTES) {
            buffer.putLong(at + i, i);
        }
        ring.commit(at);
        // Agrona's read counts the wrap's padding record against the limit: read until the message came
        while (ring.read(this, 1) == 0) {
            Thread.onSpinWait();
        }
        return sum;
    }

    @Override
    public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
        sum += buffer.getLong(index + Long.BYTES);
    }
}
