package org.ipc4j.bench.tuning;

/** A sequence number in the first 8 bytes of a message, little-endian. */
final class Bytes {
    private Bytes() {
    }

    static void putLong(byte[] message, long value) {
        for (int i = 0; i < Long.BYTES; i++) {
            message[i] = (byte) (value >>> (i * 8));
        }
    }

    static long getLong(byte[] message) {
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value |= (message[i] & 0xFFL) << (i * 8);
        }
        return value;
    }
}
