package org.ipc4j.bench.workloads;

import java.util.List;

import org.ipc4j.bench.group.GroupWorkload;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.jmh.MapKeys;

/**
 * Get and put on a map shared by processes, from one JVM and then from two at once (total ops/s), on the keys
 * of {@link MapKeys} (the same 1024 String keys as the JMH op-cost rows and mp_bench.py) with Long values.
 * The creating side fills every key first, so every get finds its key; each worker starts half-way round the
 * keys from the other. Phases: get 1, put 1, get 2, put 2.
 */
public abstract class MapOps implements GroupWorkload {
    private static final int BATCH = 16;
    private static final int PUT_PHASES = 0b1010;

    private final String[] keys = MapKeys.keys();
    private int next;
    private long value;

    /** The map's get; null if the key is missing. */
    protected abstract Long get(String key);

    protected abstract void put(String key, long value);

    /** Creating side: creates the map and puts {@code 0} under every key. */
    protected abstract void createMap(BenchContext context, String[] keys) throws Exception;

    protected abstract void openMap(BenchContext context) throws Exception;

    @Override
    public String group() {
        return WorkloadIds.SHARED_MAP_GROUP;
    }

    @Override
    public int workers() {
        return 2;
    }

    @Override
    public List<Phase> phases() {
        return List.of(new Phase(WorkloadIds.MAP_GET_1P, 1), new Phase(WorkloadIds.MAP_PUT_1P, 1),
                new Phase(WorkloadIds.MAP_GET_2P, 2), new Phase(WorkloadIds.MAP_PUT_2P, 2));
    }

    @Override
    public void create(BenchContext context) throws Exception {
        createMap(context, keys);
    }

    @Override
    public void attach(BenchContext context) throws Exception {
        openMap(context);
        next = Integer.parseInt(context.get(WORKER)) * (MapKeys.COUNT / 2);
    }

    @Override
    public long step(int worker, int phase) {
        if ((PUT_PHASES >> phase & 1) != 0) {
            for (int i = 0; i < BATCH; i++) {
                put(keys[next++ & MapKeys.MASK], value++);
            }
        } else {
            for (int i = 0; i < BATCH; i++) {
                String key = keys[next++ & MapKeys.MASK];
                if (get(key) == null) {
                    throw new IllegalStateException("key '" + key + "' is missing");
                }
            }
        }
        return BATCH;
    }
}
