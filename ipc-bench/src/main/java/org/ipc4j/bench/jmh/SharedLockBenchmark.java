package org.ipc4j.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.ipc4j.sync.SharedLock;
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

/** ipc4j's inter-process lock, uncontended: lock + unlock by one thread with nobody else attached. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class SharedLockBenchmark {
    private SharedLock lock;

    @Setup(Level.Trial)
    public void open() {
        lock = SharedLock.create();
    }

    @TearDown(Level.Trial)
    public void close() {
        lock.unlink();
        lock.close();
    }

    @Benchmark
    public void lockUncontended() {
        lock.lock();
        lock.unlock();
    }
}
