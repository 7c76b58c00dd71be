package org.ipc4j.bench.jmh;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-JVM floor under the same operations as {@link Ipc4jOpCostBenchmark}: ReentrantLock, AtomicLong,
 * ConcurrentHashMap with the same keys. Nothing crosses a process boundary here.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class InJvmOpCostBenchmark {
    private final String[] keys = MapKeys.keys();
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong counter = new AtomicLong();
    private final ConcurrentHashMap<String, Long> map = new ConcurrentHashMap<>();
    /** A list and a namespace guarded as a Manager's are: each call under a lock. */
    private final List<Long> list = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Object> namespace = new ConcurrentHashMap<>();
    private int next;
    private long value;

    @Setup
    public void fill() {
        for (String key : keys) {
            map.put(key, 0L);
        }
        for (int i = 0; i < MapKeys.COUNT; i++) {
            list.add((long) i);
        }
        namespace.put("x", 0);
    }

    @Benchmark
    public void lockUncontended() {
        lock.lock();
        lock.unlock();
    }

    @Benchmark
    public long counterIncrement() {
        return counter.incrementAndGet();
    }

    @Benchmark
    public Long mapGet() {
        return map.get(keys[next++ & MapKeys.MASK]);
    }

    @Benchmark
    public Long mapPut() {
        return map.put(keys[next++ & MapKeys.MASK], value++);
    }

    @Benchmark
    public Long listGet() {
        return list.get(next++ & MapKeys.MASK);
    }

    @Benchmark
    public Long listSet() {
        return list.set(next++ & MapKeys.MASK, value++);
    }

    @Benchmark
    public Long listAppendPop() {
        list.add(value++);
        return list.remove(list.size() - 1);
    }

    @Benchmark
    public Object namespaceGet() {
        return namespace.get("x");
    }

    @Benchmark
    public void namespaceSet() {
        namespace.put("x", next++);
    }
}
