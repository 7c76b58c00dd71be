package org.ipc4j.bench.jmh;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

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

/** The uncontended cost of an inter-process lock the JDK offers: FileLock (fcntl) lock + release. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class FileLockBenchmark {
    private MappedFile file;
    private FileChannel channel;

    @Setup(Level.Trial)
    public void open() throws IOException {
        file = new MappedFile("filelock-", 4096);
        channel = FileChannel.open(file.path(), StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        channel.close();
        file.close();
    }

    @Benchmark
    public void lockUncontended() throws IOException {
        FileLock lock = channel.lock(0, Long.BYTES, false);
        lock.release();
    }
}
