package org.ipc4j.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.ipc4j.memory.MappedBytes;
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
 * One thread's cost of each kind of access to a long in a memory-mapped file. ipc4j's choice: {@link MappedBytes},
 * bounds-checked access at the mapping's address (sun.misc.Unsafe on JDK 17-21, a java.lang.foreign segment on 22+),
 * no JVM flag needed before 22.
 * Its twin class measures the other implementation with the same method names; the report sets them side by side.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class MappedBytesAccessBenchmark {
    private static final int OFFSET = MappedFile.OFFSET;

    private MappedFile file;
    private MappedBytes bytes;
    private long value;

    @Setup(Level.Trial)
    public void map() {
        file = new MappedFile("MappedBytes-", 4096);
        bytes = new MappedBytes(file.buffer());
    }

    @TearDown(Level.Trial)
    public void unmap() {
        file.close();
    }

    @Benchmark
    public long getLong() {
        return bytes.getLong(OFFSET);
    }

    @Benchmark
    public void putLong() {
        bytes.putLong(OFFSET, ++value);
    }

    @Benchmark
    public long getLongVolatile() {
        return bytes.getLongVolatile(OFFSET);
    }

    @Benchmark
    public void putLongRelease() {
        bytes.putLongRelease(OFFSET, ++value);
    }

    /** Always succeeds: this thread is the only writer and knows the current value. */
    @Benchmark
    public boolean compareAndSetLong() {
        long current = bytes.getLong(OFFSET);
        return bytes.compareAndSetLong(OFFSET, current, current + 1);
    }

    @Benchmark
    public long getAndAddLong() {
        return bytes.getAndAddLong(OFFSET, 1);
    }
}
