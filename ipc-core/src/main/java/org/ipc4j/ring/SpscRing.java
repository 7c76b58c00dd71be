package org.ipc4j.ring;

import org.ipc4j.memory.MappedBytes;

/**
 * One producer, one consumer (Pipe): the producer owns tail and the reserved count (and keeps its view
 * of head in the handle) and publishes with plain release stores; the consumer owns head. No lock, no CAS on the fast path. "One"
 * means one thread at a time on each side; the side may move between processes (a pipe end handed over).
 */
public final class SpscRing extends Ring {
    /**
     * The producer's last view of head, kept in this handle rather than the ring's HEAD_CACHE line: head
     * only grows, so any earlier view (0 included, for a handle new to the side) is a safe lower bound.
     */
    private long headCache;

    public SpscRing(String name, MappedBytes memory, int base) {
        super(name, memory, base, false);
    }

    public static void initialise(MappedBytes memory, int base, RingOptions options) {
        Ring.initialise(memory, base, options, false);
    }

    @Override
    boolean reserveMessage() {
        long reserved = memory.getLongOpaque(reservedOffset);
        // volatile: the consumer's count, stored after each read on a ring bounded by count; a stale one only
        // makes this claim report FULL a little early
        if (maxCount > 0 && reserved - memory.getLongVolatile(consumedOffset) >= maxCount) {
            return false;
        }
        memory.putLongOpaque(reservedOffset, reserved + 1);
        return true;
    }

    @Override
    void unreserveMessage() {
        memory.putLongOpaque(reservedOffset, memory.getLongOpaque(reservedOffset) - 1);
    }

    @Override
    int claimSpace(int span, boolean streaming) {
        // acquire: pairs with the release of tail by this side's previous owner (a pipe end handed over)
        long tailWord = memory.getLongAcquire(tailOffset);
        if (!streaming && (tailWord & RingDescriptor.TAIL_STREAMING) != 0) {
            return -1; // a previous owner of this side died sending a long message: see StreamLock
        }
        long tail = tailWord & RingDescriptor.POSITION_MASK;
        int index = (int) tail & mask;
        int toEnd = capacity - index;
        int required = span <= toEnd ? span : toEnd + span;
        if (tail + required - headCache > capacity) {
            // acquire: pairs with the consumer's release of head: the bytes it cleared are seen before we reuse them
            long head = memory.getLongAcquire(headOffset);
            checkPositions(head, tail);
            if (tail + required - head > capacity) {
                return -1;
            }
            headCache = head;
        }
        // release: pairs with the consumer's acquire of tail (empty and stuck checks). Tail moves before any
        // header is written, so a consumer never sees a record beyond tail (head <= tail holds at all times)
        memory.putLongRelease(tailOffset, tailWord + required);
        int at = data + index;
        if (required != span) {
            if (toEnd >= RecordDescriptor.HEADER_LENGTH) {
                writePadding(at, toEnd);
            }
            at = data;
        }
        return at;
    }

    @Override
    int read(RecordHandler handler, int limit, long lockDeadlineNanos) {
        return reader.read(handler, limit);
    }

    @Override
    int peek(RecordHandler handler, int limit, long lockDeadlineNanos) {
        return reader.peek(handler, limit);
    }

    @Override
    boolean recoverStuckRecord(boolean producersGone) {
        return reader.checkStuck(producersGone);
    }
}
