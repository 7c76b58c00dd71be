package org.ipc4j.ring;

import java.nio.ByteOrder;

/**
 * Layout of one record in a ring's data area. Records start 8-byte aligned and take
 * {@code align(length, 8)} bytes; a record never starts in the last {@link #HEADER_LENGTH} - 8 bytes of the
 * area (a gap that small is skipped by both sides, see {@link #isSkippedGap}).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |   Length (header + payload)   |   Type                        |  0
 *  +-------------------------------+-------------------------------+
 *  |   Producer (its org.ipc4j.os.ProcessIdentity)                 |  8
 *  +-------------------------------+-------------------------------+
 *  |   Payload ...                                                 | 16
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Length is 0 where the next record has not been written yet, negative while the producer writes the
 * payload, positive once committed (a release store, the last write of a record). An MPMC producer moves tail
 * before it writes its header, so its ring has space claimed without a header (length 0) for as long as the
 * producer takes between its tail CAS and its header store; its consumers zero a record after reading it, so
 * that 0 keeps meaning "free or not yet written" wherever a header may land, and its claims table
 * ({@link ClaimsDescriptor}) tells them whether a live producer is in that window. An SPSC producer writes its
 * headers before it moves tail, and before either zeroes the word after its record, where the next header
 * goes: its consumer clears nothing, and an earlier lap's bytes beyond that word stay.
 *
 * <p>A message longer than the ring's max message length travels as fragments: one
 * {@link #TYPE_FRAGMENT_FIRST} whose payload starts with the message's total length (8 bytes, native order),
 * then {@link #TYPE_FRAGMENT_NEXT} records until the lengths add up. The producer holds the ring's stream lock
 * ({@link StreamLock}) from the first fragment to the last, so a message's fragments are consecutive records;
 * anything else met before the last one (a message, an aborted record) means the message was abandoned.
 */
public final class RecordDescriptor {
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    public static final int HEADER_LENGTH = 16;
    public static final int ALIGNMENT = 8;

    public static final int LENGTH_OFFSET = 0;
    public static final int TYPE_OFFSET = 4;
    public static final int PRODUCER_OFFSET = 8;

    /** A message for the reader. */
    public static final int TYPE_DATA = 1;
    /** Fills the end of the area when a record does not fit there; no message. */
    public static final int TYPE_PADDING = 2;
    /** A message slot that carries nothing: aborted, its producer died, or a consumer died after taking it. */
    public static final int TYPE_ABORTED = 3;
    /** The first fragment of a long message: its total length (a long), then its first bytes. */
    public static final int TYPE_FRAGMENT_FIRST = 5;
    /** The next bytes of the long message a {@link #TYPE_FRAGMENT_FIRST} began. */
    public static final int TYPE_FRAGMENT_NEXT = 6;
    /** The longest message a first fragment may announce: the largest Java array. */
    public static final long MAX_MESSAGE_LENGTH = Integer.MAX_VALUE - 8;
    /** Bytes before a first fragment's data: the message's total length. */
    public static final int TOTAL_LENGTH_BYTES = Long.BYTES;

    private RecordDescriptor() {
    }

    /**
     * The first 8 bytes of a record (length, type) as one long in the mapping's native byte order, so that a
     * producer publishes both with one release store and a consumer reads both with one acquire load.
     */
    public static long headerWord(int length, int type) {
        return LITTLE_ENDIAN ? ((long) type << 32) | (length & 0xFFFF_FFFFL) : ((long) length << 32) | (type & 0xFFFF_FFFFL);
    }

    public static int lengthOf(long headerWord) {
        return LITTLE_ENDIAN ? (int) headerWord : (int) (headerWord >>> 32);
    }

    public static int typeOf(long headerWord) {
        return LITTLE_ENDIAN ? (int) (headerWord >>> 32) : (int) headerWord;
    }

    public static int align(int length) {
        return (length + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /** True if a record cannot start at {@code index}: fewer than a header's bytes are left before the end. */
    public static boolean isSkippedGap(int index, int capacity) {
        return capacity - index < HEADER_LENGTH;
    }

    /** True for the types that carry a message, or part of one, to the reader. */
    public static boolean isMessage(int type) {
        return type == TYPE_DATA || isFragment(type);
    }

    public static boolean isFragment(int type) {
        return type == TYPE_FRAGMENT_FIRST || type == TYPE_FRAGMENT_NEXT;
    }
}
