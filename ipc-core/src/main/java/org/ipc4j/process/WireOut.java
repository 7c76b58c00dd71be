package org.ipc4j.process;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte array that pool messages are written into; reused from message to message. Numbers are
 * little-endian, written byte by byte: a byte-array VarHandle would be as fast once compiled, but it costs
 * microseconds per call while the code is still interpreted, which is where a pool's first map spends its time.
 */
final class WireOut extends OutputStream {

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
        putInt(length, value);
        length += 4;
    }

    void writeLong(long value) {
        ensure(8);
        putInt(length, (int) value);
        putInt(length + 4, (int) (value >>> 32));
        length += 8;
    }

    /** Makes room for {@code count} ints, to be written with {@link #putInt} before {@link #skip}. */
    int reserve(int count) {
        ensure(4 * count);
        return length;
    }

    void skip(int count) {
        length += count;
    }

    void putInt(int position, int value) {
        byte[] b = bytes;
        b[position] = (byte) value;
        b[position + 1] = (byte) (value >>> 8);
        b[position + 2] = (byte) (value >>> 16);
        b[position + 3] = (byte) (value >>> 24);
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
