package org.ipc4j.bench.jmh;

/** The keys of the map benchmarks ("key-0".."key-1023"), the same as mp_bench.py's. */
final class MapKeys {
    static final int COUNT = 1024;
    static final int MASK = COUNT - 1;

    private MapKeys() {
    }

    static String[] keys() {
        String[] keys = new String[COUNT];
        for (int i = 0; i < COUNT; i++) {
            keys[i] = "key-" + i;
        }
        return keys;
    }
}
