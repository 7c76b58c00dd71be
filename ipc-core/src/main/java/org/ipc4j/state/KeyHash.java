package org.ipc4j.state;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A 64-bit hash of encoded key bytes, the same in every JVM and on every platform (words are read little-endian).
 * Eight bytes at a time with multiply-rotate mixing, then a final avalanche, so that every output bit depends on
 * every input bit: the map takes slot, segment and tag from different bits.
 */
final class KeyHash {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long M1 = 0x87C37B91114253D5L;
    private static final long M2 = 0x4CF5AD432745937FL;

    private KeyHash() {
    }

    static long hash(byte[] bytes, int length) {
        long h = 0x9E3779B97F4A7C15L ^ length;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            h ^= Long.rotateLeft((long) LONGS.get(bytes, i) * M1, 31) * M2;
            h = Long.rotateLeft(h, 27) * 5 + 0x52DCE729;
        }
        long tail = 0;
        for (int j = length - 1; j >= i; j--) {
            tail = (tail << 8) | (bytes[j] & 0xFF);
        }
        h ^= Long.rotateLeft(tail * M2, 33) * M1;
        return avalanche(h);
    }

    private static long avalanche(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }
}
