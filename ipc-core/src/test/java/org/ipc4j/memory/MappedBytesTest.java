package org.ipc4j.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The raw accesses land where the buffer has its bytes, and every offset is checked against the buffer: a
 * hostile offset read from a file is an exception, never a read or write outside the mapping.
 */
class MappedBytesTest {
    private static final int SIZE = 64;

    private final ByteBuffer direct = ByteBuffer.allocateDirect(SIZE).order(ByteOrder.nativeOrder());
    private final MappedBytes bytes = new MappedBytes(direct);

    @Test
    void everyAccessFormReadsAndWritesTheBufferBytes() {
        bytes.putLong(0, 0x0102030405060708L);
        assertEquals(0x0102030405060708L, direct.getLong(0));
        bytes.putLongRelease(8, 11);
        bytes.putLongVolatile(16, 12);
        bytes.putLongOpaque(24, 13);
        assertEquals(11, direct.getLong(8));
        assertEquals(12, bytes.getLongAcquire(16));
        assertEquals(13, bytes.getLongOpaque(24));
        assertEquals(13, bytes.getLongVolatile(24));
        direct.putInt(32, 7);
        assertEquals(7, bytes.getInt(32));
        bytes.putIntRelease(36, 8);
        bytes.putIntVolatile(40, 9);
        bytes.putIntOpaque(44, 10);
        assertEquals(8, direct.getInt(36));
        assertEquals(9, bytes.getIntAcquire(40));
        assertEquals(10, bytes.getIntOpaque(44));
        // an unaligned plain access is allowed, as a buffer's is
        bytes.putLong(49, -1L);
        assertEquals(-1L, direct.getLong(49));
        assertEquals(-1, bytes.getInt(50));
    }

    @Test
    void atomicsSwapOnlyFromTheExpectedValue() {
        bytes.putLong(8, 5);
        assertFalse(bytes.compareAndSetLong(8, 4, 6));
        assertTrue(bytes.compareAndSetLong(8, 5, 6));
        assertEquals(6, bytes.compareAndExchangeLong(8, 7, 8), "the witness when it did not swap");
        assertEquals(6, bytes.compareAndExchangeLong(8, 6, 9), "the expected value when it swapped");
        assertEquals(9, direct.getLong(8));
        assertEquals(9, bytes.getAndAddLong(8, 3));
        assertEquals(12, bytes.getAndSetLong(8, 1));
        assertEquals(1, direct.getLong(8));

        bytes.putInt(4, 5);
        assertFalse(bytes.compareAndSetInt(4, 4, 6));
        assertTrue(bytes.compareAndSetInt(4, 5, 6));
        assertEquals(6, bytes.compareAndExchangeInt(4, 7, 8));
        assertEquals(6, bytes.compareAndExchangeInt(4, 6, 9));
        assertEquals(9, bytes.getAndAddInt(4, 3));
        assertEquals(12, bytes.getAndSetInt(4, 1));
        assertEquals(1, direct.getInt(4));
    }

    @Test
    void theLastFittingOffsetWorksAndNothingBeyondIt() {
        bytes.putLong(SIZE - Long.BYTES, 42);
        assertEquals(42, bytes.getLongVolatile(SIZE - Long.BYTES));
        bytes.putInt(SIZE - Integer.BYTES, 43);
        assertEquals(43, bytes.getIntVolatile(SIZE - Integer.BYTES));
        for (int offset : new int[] {SIZE - Long.BYTES + 1, SIZE, -1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertOutside(() -> bytes.getLong(offset));
            assertOutside(() -> bytes.putLongRelease(offset, 1));
            assertOutside(() -> bytes.compareAndSetLong(offset, 0, 1));
            assertOutside(() -> bytes.getAndAddLong(offset, 1));
            assertOutside(() -> bytes.compareAndExchangeLong(offset, 0, 1));
        }
        for (int offset : new int[] {SIZE - Integer.BYTES + 1, SIZE, -1, Integer.MIN_VALUE}) {
            assertOutside(() -> bytes.getInt(offset));
            assertOutside(() -> bytes.putIntVolatile(offset, 1));
            assertOutside(() -> bytes.getAndSetInt(offset, 1));
        }
        assertEquals(43, direct.getInt(SIZE - Integer.BYTES), "no refused write reached the buffer");
    }

    /** A buffer too small for an int or a long refuses every offset (a negative "last offset" must not wrap). */
    @Test
    void aBufferShorterThanTheAccessRefusesEveryOffset() {
        for (int size : new int[] {0, 3, 7}) {
            MappedBytes tiny = new MappedBytes(ByteBuffer.allocateDirect(size));
            for (int offset : new int[] {0, 1, 1 << 30, -1, Integer.MIN_VALUE}) {
                assertThrows(IndexOutOfBoundsException.class, () -> tiny.putLong(offset, 1), size + " bytes, offset " + offset);
                assertThrows(IndexOutOfBoundsException.class, () -> tiny.getLongVolatile(offset), size + " bytes, offset " + offset);
                if (size < Integer.BYTES) {
                    assertThrows(IndexOutOfBoundsException.class, () -> tiny.putInt(offset, 1), size + " bytes, offset " + offset);
                    assertThrows(IndexOutOfBoundsException.class, () -> tiny.getAndAddInt(offset, 1), size + " bytes, offset " + offset);
                }
            }
        }
        MappedBytes seven = new MappedBytes(ByteBuffer.allocateDirect(7));
        seven.putInt(3, 5);
        assertEquals(5, seven.getInt(3), "an int still fits at the end of 7 bytes");
        seven.putIntRelease(0, 6);
        assertEquals(6, seven.getIntVolatile(0));
    }

    @Test
    void aReadOnlyBufferIsReadAndNeverWritten() {
        direct.putLong(0, 99);
        MappedBytes readOnly = new MappedBytes(direct.asReadOnlyBuffer());
        assertEquals(99, readOnly.getLongAcquire(0));
        assertThrows(ReadOnlyBufferException.class, () -> readOnly.putLong(0, 1));
        assertThrows(ReadOnlyBufferException.class, () -> readOnly.compareAndSetInt(0, 99, 1));
        assertEquals(99, direct.getLong(0));
    }

    @Test
    void aHeapBufferIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MappedBytes(ByteBuffer.allocate(SIZE)));
    }

    @Test
    void bulkCopiesStayInsideTheBufferAndTheArray() {
        byte[] source = {1, 2, 3, 4, 5};
        bytes.putBytes(SIZE - source.length, source, 0, source.length);
        byte[] back = new byte[7];
        bytes.getBytes(SIZE - source.length, back, 2, source.length);
        assertEquals(3, back[4]);
        assertEquals(5, direct.get(SIZE - 1));
        assertThrows(IndexOutOfBoundsException.class, () -> bytes.putBytes(SIZE - 4, source, 0, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> bytes.putBytes(-1, source, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> bytes.putBytes(0, source, 1, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> bytes.getBytes(SIZE - 4, back, 0, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> bytes.getBytes(0, back, 3, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> bytes.getBytes(0, back, 0, -1));
    }

    /** A copy longer than the piece the raw copy goes in (1 MiB) arrives whole and in order. */
    @Test
    void aCopyOfSeveralPiecesArrivesWhole() {
        int length = (3 << 20) + 5;
        MappedBytes big = new MappedBytes(ByteBuffer.allocateDirect(length + 16));
        byte[] source = new byte[length];
        for (int i = 0; i < length; i++) {
            source[i] = (byte) (i * 31 + (i >>> 20));
        }
        big.putBytes(16, source, 0, length);
        byte[] back = new byte[length];
        big.getBytes(16, back, 0, length);
        assertTrue(Arrays.equals(source, back), "the bytes came back as they went");
        assertEquals(source[(2 << 20) + 1], big.getByte(16 + (2 << 20) + 1));
    }

    private static void assertOutside(Executable access) {
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, access);
        assertTrue(e.getMessage().contains("outside " + SIZE + " bytes"), e.getMessage());
    }
}
