package org.ipc4j.process;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import org.ipc4j.errors.CorruptedException;

/** Reads a pool message written by {@link WireOut}; every length is checked against what is left. */
final class WireIn {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final String source;
    private final byte[] bytes;
    private int position;

    WireIn(String source, byte[] bytes) {
        this.source = source;
        this.bytes = bytes;
    }

    boolean hasMore() {
        return position < bytes.length;
    }

    byte[] array() {
        return bytes;
    }

    int position() {
        return position;
    }

    int readByte() {
        require(1);
        return bytes[position++];
    }

    int readInt() {
        require(4);
        int value = (int) INT.get(bytes, position);
        position += 4;
        return value;
    }

    long readLong() {
        require(8);
        long value = (long) LONG.get(bytes, position);
        position += 8;
        return value;
    }

    /** A length that is followed by that many bytes: checked, not yet consumed. */
    int readLength() {
        int length = readInt();
        if (length < 0 || length > bytes.length - position) {
            throw corrupt("a length of " + length + " with " + (bytes.length - position) + " bytes left");
        }
        return length;
    }

    void skip(int count) {
        require(count);
        position += count;
    }

    CorruptedException corrupt(String what) {
        return new CorruptedException(source + ": corrupt pool message: " + what);
    }

    private void require(int count) {
        if (count > bytes.length - position) {
            throw corrupt("needs " + count + " more bytes at " + position + " of " + bytes.length);
        }
    }
}
