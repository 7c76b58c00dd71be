package org.ipc4j.bench.workloads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import net.openhft.chronicle.map.ChronicleMap;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.harness.Flags;
import org.ipc4j.bench.jmh.MapKeys;

/** {@link MapOps} on a Chronicle Map persisted to a file in /dev/shm, opened by every JVM. */
public final class ChronicleMapOps extends MapOps {
    static final String VERSION = "3.27ea0";

    private ChronicleMap<String, Long> map;
    private Path file;
    private boolean creator;

    @Override
    public String workload() {
        return "map get/put 1-2 JVMs";
    }

    @Override
    public String implementation() {
        return "Chronicle Map " + VERSION;
    }

    @Override
    public Kind kind() {
        return Kind.PEER;
    }

    @Override
    public List<String> jvmArgs() {
        return Flags.CHRONICLE_MAP;
    }

    private ChronicleMap<String, Long> open(Path path) throws IOException {
        return ChronicleMap.of(String.class, Long.class).name("bench-map").entries(4 * MapKeys.COUNT)
                .averageKey("key-1000").createPersistedTo(path.toFile());
    }

    @Override
    protected void createMap(BenchContext context, String[] keys) throws IOException {
        file = context.dir().resolve(context.name("chronicle.map"));
        creator = true;
        map = open(file);
        context.put("file", file.toString());
        for (String key : keys) {
            map.put(key, 0L);
        }
    }

    @Override
    protected void openMap(BenchContext context) throws IOException {
        map = open(Path.of(context.get("file")));
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
        return "ChronicleMap.of(String, Long).entries(4096).averageKey(\"key-1000\").createPersistedTo(a file in /dev/shm)";
    }

    @Override
    public void close() throws IOException {
        if (map != null) {
            map.close();
        }
        if (creator && file != null) {
            Files.deleteIfExists(file);
        }
    }
}
