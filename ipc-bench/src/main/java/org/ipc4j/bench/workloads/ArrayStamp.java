package org.ipc4j.bench.workloads;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** The sequence number a byte-array message carries, in each of its longs (little-endian), as the ring workloads write it. */
final class ArrayStamp {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private ArrayStamp() {
    }

    static void put(byte[] message, long sequence) {
        for (int i = 0; i + Long.BYTES <= message.length; i += Long.BYTES) {
            LONGS.set(message, i, sequence);
        }
    }

    static long get(byte[] message) {
        return (long) LONGS.get(message, 0);
    }
}
