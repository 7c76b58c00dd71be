package org.ipc4j.process;

import org.ipc4j.errors.CorruptedException;

/**
 * Reads a pool message written by {@link WireOut} (byte by byte, for the reason given there); every length is
 * checked against what is left.
 */
final class WireIn {

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
        int value = intAt(position);
        position += 4;
        return value;
    }

    long readLong() {
        require(8);
        long value = (intAt(position) & 0xFFFF_FFFFL) | ((long) intAt(position + 4) << 32);
        position += 8;
        return value;
    }

    private int intAt(int at) {
        byte[] b = bytes;
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | b[at + 3] << 24;
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
