package org.ipc4j.bench.workloads;

import java.util.List;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.group.GroupWorkload;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.state.SharedLong;

/**
 * {@code SharedLong.incrementAndGet} from one JVM, then from two JVMs on the same counter (total ops/s).
 * Python's counterpart is {@code with v.get_lock(): v.value += 1} on a {@code Value('q')}.
 */
public final class SharedLongIncrement implements GroupWorkload {
    private static final int BATCH = 64;

    private SharedLong counter;
    private boolean creator;
    private long last;

    @Override
    public String group() {
        return WorkloadIds.SHARED_COUNTER_GROUP;
    }

    @Override
    public String workload() {
        return "counter 1-2 JVMs";
    }

    @Override
    public String implementation() {
        return "ipc4j SharedLong.incrementAndGet";
    }

    @Override
    public Kind kind() {
        return Kind.IPC4J;
    }

    @Override
    public int workers() {
        return 2;
    }

    @Override
    public List<Phase> phases() {
        return List.of(new Phase(WorkloadIds.INCREMENT_1P, 1), new Phase(WorkloadIds.INCREMENT_2P, 2));
    }

    @Override
    public void create(BenchContext context) {
        counter = SharedLong.create(context.name("counter"), 0);
        creator = true;
        context.put("counter", counter.name());
    }

    @Override
    public void attach(BenchContext context) {
        counter = SharedLong.open(context.get("counter"));
    }

    @Override
    public long step(int worker, int phase) {
        long first = counter.incrementAndGet();
        if (first <= last) {
            throw new IllegalStateException("incrementAndGet returned " + first + " after " + last);
        }
        for (int i = 1; i < BATCH; i++) {
            last = counter.incrementAndGet();
        }
        return BATCH;
    }

    @Override
    public String note() {
        return "each JVM loops incrementAndGet (a lock-free getAndAdd on the shared word); total over the JVMs";
    }

    @Override
    public void close() {
        if (counter != null) {
            if (creator) {
                counter.unlink();
            }
            counter.close();
        }
    }
}
