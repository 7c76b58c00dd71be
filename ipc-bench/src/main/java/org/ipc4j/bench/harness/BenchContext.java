package org.ipc4j.bench.harness;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ipc4j.region.RegionDirectory;

/**
 * What a workload needs to set itself up on either side: the directory its files live in (the ipc4j
 * directory of the run, under /dev/shm), names unique to this run, and properties the creating side hands
 * to the attaching side (a TCP port, say): whatever {@link #put} stores before the peer starts reaches the
 * peer's {@link #get}.
 */
public final class BenchContext {
    /** The size of a message in the message workloads: every transport moves the same 32 bytes. */
    public static final int MESSAGE_SIZE = 32;

    private final String runId;
    private final Map<String, String> properties;

    public BenchContext(String runId, Map<String, String> properties) {
        this.runId = runId;
        this.properties = new LinkedHashMap<>(properties);
    }

    /** The ipc4j directory of this run ({@code -Dipc4j.dir}); the suite checks it is empty after each step. */
    public Path dir() {
        return RegionDirectory.current();
    }

    /** A file or region name unique to this run. */
    public String name(String suffix) {
        return runId + "-" + suffix;
    }

    public void put(String key, String value) {
        properties.put(key, value);
    }

    public String get(String key) {
        String value = properties.get(key);
        if (value == null) {
            throw new IllegalStateException("the creating side did not hand over '" + key + "'");
        }
        return value;
    }

    public String runId() {
        return runId;
    }

    public Map<String, String> properties() {
        return Map.copyOf(properties);
    }
}
