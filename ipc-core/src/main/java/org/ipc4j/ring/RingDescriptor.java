package org.ipc4j.ring;

/**
 * Layout of one ring inside a region: seven 128-byte lines of counters, then the record area. Offsets are
 * relative to the ring's base, which must be 128-byte aligned; each line is written by one side only (or
 * only in slow paths), so producers and consumers never share a line on the fast path.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |   Capacity (power of two)     |   Max message length          |     0  CONFIG (read-only
 *  +-------------------------------+-------------------------------+            after creation)
 *  |   Flags (WAKEUPS, MPMC)       |   Magic "RING"                |
 *  +-------------------------------+-------------------------------+
 *  |              Max message count (0 = bytes only)               |
 *  +---------------------------------------------------------------+
 *  |              Stuck-record bound (nanoseconds)                 |
 *  +---------------------------------------------------------------+
 *  |                Tail: bytes claimed, ever                      |   128  TAIL (producers)
 *  +---------------------------------------------------------------+
 *  |     Messages reserved, ever (MPMC: only if bounded by count)  |
 *  +---------------------------------------------------------------+
 *  |   Stream owner: the producer sending a fragmented message     |
 *  +---------------------------------------------------------------+
 *  |   Head cache: MPMC producers' last view of head (SPSC: unused) |   256  HEAD_CACHE (producers)
 *  +---------------------------------------------------------------+
 *  |                Head: bytes consumed, ever                     |   384  HEAD (consumers)
 *  +---------------------------------------------------------------+
 *  |                Messages consumed, ever                        |
 *  +---------------------------------------------------------------+
 *  |   Removal horizon: 1 + position of the newest removed record  |
 *  +---------------------------------------------------------------+
 *  |   Unused (was where a batched SPSC consumer's clear ended)     |
 *  +---------------------------------------------------------------+
 *  |   Consumer lock: the owner's org.ipc4j.os.ProcessIdentity     |   512  CONSUMER_LOCK (MPMC)
 *  +-------------------------------+-------------------------------+
 *  |   Holder is in a fragmented message |
 *  +-------------------------------+
 *  |   Not-empty futex word        |   Sleepers on it              |   640  NOT_EMPTY
 *  +-------------------------------+-------------------------------+
 *  |   Consumers waiting (interest)|
 *  +-------------------------------+-------------------------------+
 *  |   Not-full futex word         |   Sleepers on it              |   768  NOT_FULL
 *  +-------------------------------+-------------------------------+
 *  |   Producers waiting (interest)|
 *  +-------------------------------+
 *  |   Records ... (capacity bytes, see RecordDescriptor)          |   896  DATA
 *  +---------------------------------------------------------------+
 *  |   Claims in flight (MPMC, see ClaimsDescriptor)               |   896 + capacity  CLAIMS
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Positions (head, tail) grow forever; a record at position p lives at {@code DATA + (p & (capacity-1))}.
 * Invariant checked by every reader: {@code head <= tail <= head + capacity}, both multiples of 8. The tail
 * word also carries {@link #TAIL_STREAMING} while a producer sends a fragmented message ({@link StreamLock}):
 * the position is {@code tailWord & POSITION_MASK}.
 */
public final class RingDescriptor {
    public static final int LINE = 128;

    public static final int CAPACITY_OFFSET = 0;
    public static final int MAX_MESSAGE_LENGTH_OFFSET = 4;
    public static final int FLAGS_OFFSET = 8;
    public static final int MAGIC_OFFSET = 12;
    public static final int MAX_COUNT_OFFSET = 16;
    public static final int STUCK_BOUND_OFFSET = 24;

    public static final int TAIL_OFFSET = LINE;
    public static final int RESERVED_OFFSET = LINE + 8;
    /** The {@link org.ipc4j.os.ProcessIdentity} of the stream lock's holder, 0 when free. */
    public static final int STREAM_OWNER_OFFSET = LINE + 16;
    /** In the tail word: only the stream lock's holder may claim. Set and cleared by CAS with the position. */
    public static final long TAIL_STREAMING = 1L << 62;
    public static final long POSITION_MASK = TAIL_STREAMING - 1;
    /** MPMC only: an SPSC producer keeps its view of head in its handle (any earlier view is a safe lower bound). */
    public static final int HEAD_CACHE_OFFSET = 2 * LINE;
    public static final int HEAD_OFFSET = 3 * LINE;
    public static final int CONSUMED_OFFSET = 3 * LINE + 8;
    /**
     * MPMC only, written under the consumer lock by {@link MpmcRing#removeIf}: while head is below it, a
     * removed record may still be in the ring, counted by neither the consumed count nor anyone's read.
     */
    public static final int REMOVAL_HORIZON_OFFSET = 3 * LINE + 16;
    public static final int CONSUMER_LOCK_OFFSET = 4 * LINE;
    /**
     * MPMC only, written by the consumer lock's holder: non-zero while it holds the lock across the wait for
     * the next fragment of a message; other consumers then give up at once instead of waiting for the lock.
     */
    public static final int CONSUMER_IN_MESSAGE_OFFSET = 4 * LINE + 8;
    public static final int NOT_EMPTY_OFFSET = 5 * LINE;
    public static final int NOT_FULL_OFFSET = 6 * LINE;
    /** Within NOT_EMPTY and NOT_FULL: the futex word, the futex sleepers, the registered waiters. */
    public static final int SIGNAL_WORD = 0;
    public static final int SIGNAL_SLEEPERS = 4;
    public static final int SIGNAL_INTEREST = 8;

    public static final int DATA_OFFSET = 7 * LINE;

    public static final int MAGIC = 0x474E_4952; // "RING" little-endian
    /** Producers signal sleepers: a commit costs a full fence. Off for busy-spin-only rings. */
    public static final int FLAG_WAKEUPS = 1;
    /** Many producers and consumers (claims by CAS, consumers serialised by the consumer lock). */
    public static final int FLAG_MPMC = 2;

    public static final int MIN_CAPACITY = 1024;
    public static final int MAX_CAPACITY = 1 << 30;

    private RingDescriptor() {
    }

    /** Where the claims table ({@link ClaimsDescriptor}) of a ring of {@code capacity} starts. */
    public static int claimsOffset(int capacity) {
        return DATA_OFFSET + capacity;
    }

    /** Bytes one ring of {@code capacity} occupies: counters, records, claims table. */
    public static int ringLength(int capacity) {
        return claimsOffset(capacity) + ClaimsDescriptor.LENGTH;
    }

    /** The largest message a ring of {@code capacity} accepts inline by default: an eighth of it. */
    public static int defaultMaxMessageLength(int capacity) {
        return capacity / 8 - RecordDescriptor.HEADER_LENGTH;
    }
}
