package org.ipc4j.state;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One thread's working memory for one map: the encoded key and values of the current call, the bytes copied
 * out of a cell, and where the last probe ended. Reused by every call on that thread, so calls allocate only
 * what the codecs do.
 */
final class MapScratch {
    final byte[] key;
    final ByteBuffer keyBuffer;
    int keyLength;
    long hash;

    /** The value being written. */
    final byte[] value;
    final ByteBuffer valueBuffer;
    int valueLength;

    /** The value a conditional update expects to find. */
    final byte[] expected;
    final ByteBuffer expectedBuffer;
    int expectedLength;

    /** Bytes copied out of a cell by the last read. */
    final byte[] readKey;
    final ByteBuffer readKeyBuffer;
    int readKeyLength;
    final byte[] readValue;
    final ByteBuffer readValueBuffer;
    int readValueLength;

    /** Where the key was found: slot, slot word and the cell's generation; or where it would be inserted. */
    int slot;
    long word;
    int generation;
    int insertSlot;

    MapScratch(int maxKeyBytes, int maxValueBytes) {
        key = new byte[maxKeyBytes];
        keyBuffer = wrap(key);
        value = new byte[maxValueBytes];
        valueBuffer = wrap(value);
        expected = new byte[maxValueBytes];
        expectedBuffer = wrap(expected);
        readKey = new byte[maxKeyBytes];
        readKeyBuffer = wrap(readKey);
        readValue = new byte[maxValueBytes];
        readValueBuffer = wrap(readValue);
    }

    /** Native order: the bytes land in shared memory as if the codec had encoded straight into it. */
    private static ByteBuffer wrap(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    }

    boolean readKeyMatches() {
        return readKeyLength == keyLength && Arrays.equals(readKey, 0, keyLength, key, 0, keyLength);
    }

    boolean readValueMatchesExpected() {
        return readValueLength == expectedLength && Arrays.equals(readValue, 0, expectedLength, expected, 0, expectedLength);
    }
}
