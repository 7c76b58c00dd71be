package org.ipc4j.ring;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.os.ProcessTable;

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

    public SpscRing(String name, MappedBytes memory, int base, ProcessTable processes) {
        super(name, memory, base, false, processes);
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
    int claimSpace(int span, boolean streaming, long header) {
        // acquire: pairs with the release of tail by this side's previous owner (a pipe end handed over)
        long tailWord = memory.getLongAcquire(tailOffset);
        if (!streaming && (tailWord & RingDescriptor.TAIL_STREAMING) != 0) {
            return -1; // a previous owner of this side died sending a long message: see StreamLock
        }
        long tail = tailWord & RingDescriptor.POSITION_MASK;
        checkAligned(tail);
        int index = (int) tail & mask;
        int toEnd = capacity - index;
        int required = span <= toEnd ? span : toEnd + span;
        // the next record's header word, zeroed here: the consumer, which clears nothing, reads it when it has
        // read this record, and must find "not written" there, not an earlier lap's bytes. A gap too short for a
        // header needs none (the consumer looks at tail there before it goes on to the start of the area)
        long next = tail + required;
        int nextIndex = (int) next & mask;
        boolean slotAhead = !RecordDescriptor.isSkippedGap(nextIndex, capacity);
        long reach = next + (slotAhead ? claimSlack : 0);
        if (reach - headCache > capacity) {
            // acquire: pairs with the consumer's release of head: its reads of the space come before we reuse it
            long head = memory.getLongAcquire(headOffset);
            checkPositions(head, tail);
            if (reach - head > capacity) {
                return -1;
            }
            headCache = head;
        }
        if (slotAhead) {
            // plain: published by the release of tail below (and of the commit), before any reader can get there
            memory.putLong(data + nextIndex, 0);
        }
        int at = data + index;
        boolean wraps = required != span;
        boolean padded = wraps && toEnd >= RecordDescriptor.HEADER_LENGTH;
        if (padded) {
            // written as being written (negative) until tail has moved: a consumer must not pass tail
            writeHeader(at, RecordDescriptor.headerWord(-toEnd, RecordDescriptor.TYPE_PADDING));
        }
        int record = wraps ? data : at;
        writeHeader(record, header);
        // release: pairs with the consumer's acquire of tail. The headers go in before tail moves, so no consumer
        // ever finds space claimed but without a header: a paused producer is never taken for one that died
        memory.putLongRelease(tailOffset, tailWord + required);
        if (padded) {
            // release: pairs with the consumer's acquire of the length (the padding is complete)
            memory.putIntRelease(at + RecordDescriptor.LENGTH_OFFSET, toEnd);
        }
        return record;
    }

    @Override
    int read(RecordHandler handler, int limit, long lockDeadlineNanos) {
        return reader.read(handler, limit);
    }

    @Override
    int peek(RecordHandler handler, int limit, long lockDeadlineNanos) {
        return reader.peek(handler, limit);
    }

    /** No SPSC producer moves tail before the header is in: such space was written by something else. */
    @Override
    boolean unwrittenClaimAbandoned(boolean pastStuckBound) {
        return pastStuckBound;
    }

    @Override
    boolean recoverStuckRecord(boolean producersGone) {
        return reader.checkStuck(producersGone);
    }
}
