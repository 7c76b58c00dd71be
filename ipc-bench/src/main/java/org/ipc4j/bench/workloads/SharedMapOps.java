package org.ipc4j.bench.workloads;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.jmh.MapKeys;
import org.ipc4j.codec.Codecs;
import org.ipc4j.state.SharedMap;

/** {@link MapOps} on an ipc4j {@link SharedMap} of String keys and Long values (strings and longs codecs). */
public final class SharedMapOps extends MapOps {
    private SharedMap<String, Long> map;
    private boolean creator;

    @Override
    public String workload() {
        return "map get/put 1-2 JVMs";
    }

    @Override
    public String implementation() {
        return "ipc4j SharedMap";
    }

    @Override
    public Kind kind() {
        return Kind.IPC4J;
    }

    @Override
    protected void createMap(BenchContext context, String[] keys) {
        map = SharedMap.create(context.name("map"), Codecs.strings(), Codecs.longs(), 4 * MapKeys.COUNT, 32, 8);
        creator = true;
        context.put("map", map.name());
        for (String key : keys) {
            map.put(key, 0L);
        }
    }

    @Override
    protected void openMap(BenchContext context) {
        map = SharedMap.open(context.get("map"), Codecs.strings(), Codecs.longs());
    }

    @Override
    protected Long get(String key) {
        return map.get(key);
    }

    @Override
    protected void put(String key, long value) {
        map.put(key, value);
    }

    @Override
    public String note() {
        return "SharedMap.create(strings, longs, capacity 4096, 32-byte keys, 8-byte values); get decodes a Long";
    }

    @Override
    public void close() {
        if (map != null) {
            if (creator) {
                map.unlink();
            }
            map.close();
        }
    }
}
