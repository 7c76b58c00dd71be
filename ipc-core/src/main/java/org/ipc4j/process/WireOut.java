package org.ipc4j.process;

import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A growable byte array that pool messages are written into; reused from message to message. */
final class WireOut extends OutputStream {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] bytes = new byte[4096];
    private int length;

    byte[] array() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** Forgets everything from {@code position} on (position 0: the whole message). */
    void truncate(int position) {
        length = position;
    }

    void writeByte(int value) {
        ensure(1);
        bytes[length++] = (byte) value;
    }

    void writeInt(int value) {
        ensure(4);
        INT.set(bytes, length, value);
        length += 4;
    }

    void writeLong(long value) {
        ensure(8);
        LONG.set(bytes, length, value);
        length += 8;
    }

    void putInt(int position, int value) {
        INT.set(bytes, position, value);
    }

    @Override
    public void write(int value) {
        writeByte(value);
    }

    @Override
    public void write(byte[] source, int offset, int count) {
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    private void ensure(int more) {
        if (more > bytes.length - length) {
            long needed = (long) length + more;
            if (needed > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("a pool message cannot exceed 2 GiB");
            }
            bytes = Arrays.copyOf(bytes, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 16L, 2L * bytes.length)));
        }
    }
}
