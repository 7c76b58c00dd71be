package org.ipc4j.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.ipc4j.codec.Codecs;
import org.ipc4j.state.SharedList;
import org.ipc4j.state.SharedLong;
import org.ipc4j.state.SharedMap;
import org.ipc4j.state.SharedNamespace;
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

/**
 * ipc4j's shared objects used by one thread with nobody else attached: SharedLock lock + unlock, SharedLong
 * incrementAndGet, SharedMap get/put of String keys and Long values, SharedList get/set of 1024 longs and an
 * append with a pop, SharedNamespace get/set of an int attribute. Method names match the rows of
 * {@link InJvmOpCostBenchmark} and mp_bench.py.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class Ipc4jOpCostBenchmark {
    private final String[] keys = MapKeys.keys();
    private SharedLock lock;
    private SharedLong counter;
    private SharedMap<String, Long> map;
    private SharedList<Long> list;
    private SharedNamespace namespace;
    private int next;
    private long value;

    @Setup(Level.Trial)
    public void open() {
        lock = SharedLock.create();
        counter = SharedLong.create(0);
        map = SharedMap.create(Codecs.strings(), Codecs.longs(), 4 * MapKeys.COUNT, 32, 8);
        for (String key : keys) {
            map.put(key, 0L);
        }
        list = SharedList.create(Codecs.longs(), MapKeys.COUNT + 1, 8);
        for (int i = 0; i < MapKeys.COUNT; i++) {
            list.add((long) i);
        }
        namespace = SharedNamespace.create(16, 128);
        namespace.set("x", 0);
    }

    @TearDown(Level.Trial)
    public void close() {
        lock.unlink();
        lock.close();
        counter.unlink();
        counter.close();
        map.unlink();
        map.close();
        list.unlink();
        list.close();
        namespace.unlink();
        namespace.close();
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
        return list.removeLast();
    }

    @Benchmark
    public Integer namespaceGet() {
        return namespace.get("x");
    }

    @Benchmark
    public void namespaceSet() {
        namespace.set("x", next++);
    }
}
