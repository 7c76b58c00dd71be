package org.ipc4j.bench.jmh;

/** The keys of the map benchmarks ("key-0".."key-1023"), the same as mp_bench.py's. */
public final class MapKeys {
    public static final int COUNT = 1024;
    public static final int MASK = COUNT - 1;

    private MapKeys() {
    }

    public static String[] keys() {
        String[] keys = new String[COUNT];
        for (int i = 0; i < COUNT; i++) {
            keys[i] = "key-" + i;
        }
        return keys;
    }
}
