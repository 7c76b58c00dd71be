package org.ipc4j.ring;

import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.os.ProcessTable;

/**
 * Many producers and many consumers in any processes (SharedQueue).
 *
 * <p>A read or peek that finds another consumer holding the lock waits for it while the ring holds
 * anything, so that 0 means "empty" or "the oldest record is still being written", never "another consumer
 * is busy": a holder only reads and clears, walks (or, in the queue, decodes) before it lets go, and a dead
 * holder is replaced. A holder stopped by a signal while holding it stalls the other consumers until it runs
 * again. Producers claim space with a CAS on tail, as Agrona's ManyToOneRingBuffer does; consumers take
 * turns through the {@link ConsumerLock}, held only while records are read and cleared or removed. A consumer that dies holding it is replaced (liveness), and
 * the records it had half cleared are skipped, never handed on torn. Safe for any number of threads: the
 * consumer lock excludes threads of one process from each other too.
 */
public final class MpmcRing extends Ring {
    private final ConsumerLock lock;
    final InFlightClaims claims;
    private final int inMessageOffset;
    /** This handle's lock holder set the in-message mark (under the lock, so one thread at a time). */
    private boolean markedInMessage;
    /**
     * When a consumer waiting for the lock gives up: the ring is drained, or the holder is waiting for the
     * next fragment of a message (a wait as long as its producer's, not a read's).
     */
    private final BooleanSupplier giveUpOnLock = () -> isDrained() || holderInMessage();
    private final int removalHorizonOffset;
    private int lockFreeEmptyPolls;

    public MpmcRing(String name, MappedBytes memory, int base, ProcessTable processes) {
        super(name, memory, base, true, processes);
        this.lock = new ConsumerLock(memory, base + RingDescriptor.CONSUMER_LOCK_OFFSET, processes);
        this.claims = new InFlightClaims(memory, base + RingDescriptor.claimsOffset(capacity), processes);
        this.inMessageOffset = base + RingDescriptor.CONSUMER_IN_MESSAGE_OFFSET;
        this.removalHorizonOffset = base + RingDescriptor.REMOVAL_HORIZON_OFFSET;
    }

    public static void initialise(MappedBytes memory, int base, RingOptions options) {
        Ring.initialise(memory, base, options, true);
    }

    @Override
    boolean reserveMessage() {
        if (maxCount == 0) {
            return true; // not counted: see messagesInRing
        }
        while (true) {
            // volatile: the CAS below decides; consumed pairs with the consumer's release of head after counting
            long reserved = memory.getLongVolatile(reservedOffset);
            if (reserved - memory.getLongVolatile(consumedOffset) >= maxCount) {
                return false;
            }
            if (memory.compareAndSetLong(reservedOffset, reserved, reserved + 1)) {
                return true;
            }
        }
    }

    @Override
    void unreserveMessage() {
        if (maxCount > 0) {
            memory.getAndAddLong(reservedOffset, -1);
        }
    }

    /**
     * A ring bounded by count counts its claims; one bounded by bytes only does not (that would be a second
     * atomic add per message on the producers' line) and counts its committed records when asked instead.
     * While a removed record may be in the ring, the claim count still holds it: committed records are counted then.
     */
    @Override
    long messagesInRing() {
        if (removalsMayBePending()) {
            MessageCount count = new MessageCount();
            removeIf(count, Integer.MAX_VALUE);
            return count.messages;
        }
        return maxCount > 0 ? super.messagesInRing() : peek(RecordHandler.IGNORE, Integer.MAX_VALUE);
    }

    /**
     * Removes the committed messages {@code filter} matches, oldest first, at most {@code limit}; returns how
     * many. Each removal is atomic with respect to every consumer in every process (it is made under the
     * consumer lock): a removed message is never read, a message read is never removed. The ring's count of
     * messages ({@link #size()}) drops at once; the room a removed message takes (and, bounded by count, its
     * place in the count) comes back at once if only removed or aborted records are before it, else when a
     * read passes it. A removed message counts as consumed ({@link #consumedTotal()}), as aborted ones do.
     */
    public int removeIf(RecordFilter filter, int limit) {
        if (limit <= 0 || !lockConsumers(NO_LOCK_DEADLINE)) {
            return 0;
        }
        NewestRemoved newest = new NewestRemoved(filter);
        try {
            return reader.removeIf(newest, limit);
        } finally {
            if (newest.position >= 0) {
                raiseRemovalHorizon(newest.position + 1);
            }
            unlockConsumers();
        }
    }

    /** Under the consumer lock. */
    private void raiseRemovalHorizon(long horizon) {
        if (horizon > memory.getLong(removalHorizonOffset)) {
            // release: pairs with the volatile read in removalsMayBePending, made without the lock
            memory.putLongRelease(removalHorizonOffset, horizon);
        }
    }

    /** True if a removed record may still be in the ring: head has not passed the newest one yet. */
    private boolean removalsMayBePending() {
        // volatile: pairs with the release in raiseRemovalHorizon. Read before head: every removal made before
        // this call is below it, and a head at or past it came after each of those records was passed
        long horizon = memory.getLongVolatile(removalHorizonOffset);
        // volatile: pairs with the consumer's release of head
        return memory.getLongVolatile(headOffset) < horizon;
    }

    /**
     * The claim is counted in the claims table ({@link InFlightClaims}) from before the tail CAS until its
     * header is written, so that a consumer meeting its space without a header knows a live producer has it.
     */
    @Override
    int claimSpace(int span, boolean streaming, long header) {
        int ticket = claims.begin();
        try {
            return claimCounted(span, streaming, header, claims.tracked(ticket));
        } finally {
            claims.end(ticket);
        }
    }

    /** {@link #claimSpace} inside the count. */
    private int claimCounted(int span, boolean streaming, long header, boolean tracked) {
        while (true) {
            int at = moveTail(span, streaming);
            if (at < 0) {
                return at;
            }
            int toEnd = capacity - (at - data);
            if (span > toEnd) {
                if (toEnd >= RecordDescriptor.HEADER_LENGTH
                        && !publish(at, RecordDescriptor.headerWord(toEnd, RecordDescriptor.TYPE_PADDING), tracked)) {
                    continue;
                }
                at = data;
            }
            if (publish(at, header, tracked)) {
                return at;
            }
            // an uncounted claim that a consumer dropped while this producer was paused: claim again
        }
    }

    /**
     * Writes a header into space this producer claimed. A counted claim is never dropped by a consumer; an
     * uncounted one (the shared slot) may have been, and then its length word is left alone (its producer word,
     * written first so that a consumer seeing the length sees it too, is not: see
     * {@link #writeHeaderUnlessDropped}).
     */
    private boolean publish(int at, long header, boolean tracked) {
        if (tracked) {
            writeHeader(at, header);
            return true;
        }
        return writeHeaderUnlessDropped(at, header);
    }

    /**
     * Moves tail past {@code span} bytes (and the padding to the end of the area if they do not fit before
     * it); returns the absolute offset tail was at, or -1 as {@link #claimSpace} does. The first step of a
     * claim, which the claims-table stress test and the takeover benchmark stop after.
     */
    int moveTail(int span, boolean streaming) {
        while (true) {
            // volatile: pairs with other producers' CAS of tail; the CAS below re-checks it
            long tailWord = memory.getLongVolatile(tailOffset);
            if (!streaming && (tailWord & RingDescriptor.TAIL_STREAMING) != 0) {
                return -1; // another producer is sending a long message: see StreamLock
            }
            long tail = tailWord & RingDescriptor.POSITION_MASK;
            int index = (int) tail & mask;
            int toEnd = capacity - index;
            int required = span <= toEnd ? span : toEnd + span;
            // volatile: pairs with the release of the cache below by another producer, made after its acquire of head
            if (tail + required - memory.getLongVolatile(headCacheOffset) > capacity) {
                // volatile: pairs with the consumer's release of head: the bytes it cleared are seen before we reuse them
                long head = memory.getLongVolatile(headOffset);
                if (head > tail && memory.getLongVolatile(tailOffset) != tailWord) {
                    continue; // our tail was stale, not the ring corrupted
                }
                checkPositions(head, tail);
                if (tail + required - head > capacity) {
                    return -1;
                }
                // release: pairs with the volatile read of the cache above by other producers
                memory.putLongRelease(headCacheOffset, head);
            }
            checkAligned(tail);
            if (memory.compareAndSetLong(tailOffset, tailWord, tailWord + required)) {
                return data + index;
            }
        }
    }

    /** A thread reading a fragmented message holds the lock from its first fragment to its end (see RecordReader). */
    @Override
    int read(RecordHandler handler, int limit, long lockDeadlineNanos) {
        if (!reader.inMessage()) {
            if (looksEmpty()) {
                return 0;
            }
            if (!lockConsumers(lockDeadlineNanos)) {
                return 0;
            }
        }
        try {
            return reader.read(handler, limit);
        } finally {
            // a read that threw has ended its message (RecordReader): the lock goes with it
            if (reader.inMessage()) {
                markInMessage(true);
            } else {
                unlockConsumers();
            }
        }
    }

    @Override
    void abandonMessage(RecordHandler handler) {
        if (reader.inMessage()) {
            reader.abandonMessage(handler);
            unlockConsumers();
        }
    }

    /** Takes the consumer lock (see {@link ConsumerLock#lockUnless}); a dead holder's in-message mark is cleared. */
    private boolean lockConsumers(long deadlineNanos) {
        if (!lock.tryLock() && !lock.lockUnless(giveUpOnLock, deadlineNanos)) {
            return false;
        }
        markInMessage(false);
        return true;
    }

    private void unlockConsumers() {
        if (markedInMessage) {
            markInMessage(false);
        }
        lock.unlock();
    }

    /** Under the lock. */
    private void markInMessage(boolean inMessage) {
        int mark = inMessage ? 1 : 0;
        if (memory.getInt(inMessageOffset) != mark) {
            // release: a consumer reading it with acquire sees the holder's lock word first
            memory.putIntRelease(inMessageOffset, mark);
        }
        markedInMessage = inMessage;
    }

    private boolean holderInMessage() {
        // acquire: pairs with the holder's release in markInMessage
        return memory.getIntAcquire(inMessageOffset) != 0;
    }

    @Override
    int peek(RecordHandler handler, int limit, long lockDeadlineNanos) {
        if (!lockConsumers(lockDeadlineNanos)) {
            return 0;
        }
        try {
            return reader.peek(handler, limit);
        } finally {
            unlockConsumers();
        }
    }

    @Override
    long stuckClaimOwner() {
        return claims.liveOwner();
    }

    @Override
    boolean unwrittenClaimAbandoned(boolean pastStuckBound) {
        switch (claims.look()) {
            case NONE:
                return true;
            case UNJUDGED:
                return pastStuckBound;
            default:
                return false;
        }
    }

    @Override
    boolean recoverStuckRecord(boolean producersGone) {
        if (reader.inMessage()) {
            return reader.checkStuck(producersGone); // the lock is held since the message began
        }
        if (!producersGone && !reader.stuckCheckDue()) {
            return false; // not before its pace: leave the lock to the readers
        }
        if (!lockConsumers(NO_LOCK_DEADLINE)) {
            return false;
        }
        try {
            return reader.checkStuck(producersGone);
        } finally {
            unlockConsumers();
        }
    }

    /**
     * True if the head record is unwritten while no consumer holds the lock and head did not move: skips the
     * lock on an empty queue without touching the producers' lines. An unwritten head record alone does not
     * tell: the consumer taking it clears its header before it moves head on, holding the lock all along; it
     * releases head before it unlocks, so a free lock read after the header means a moved head is seen too.
     * Every 64th empty poll goes through anyway, so that stuck records are looked at.
     */
    private boolean looksEmpty() {
        // acquire: pairs with the consumer's release of head
        long head = memory.getLongAcquire(headOffset);
        int index = (int) head & mask;
        if (RecordDescriptor.isSkippedGap(index, capacity) || (index & (RecordDescriptor.ALIGNMENT - 1)) != 0) {
            return false; // a misaligned head is reported by the read that follows
        }
        // acquire: pairs with the producer's release of the length
        if (memory.getIntAcquire(data + index) != 0 || !lock.isFree()) {
            return false;
        }
        // acquire: pairs with the release of head that came before the unlock seen free above
        if (memory.getLongAcquire(headOffset) != head) {
            return false;
        }
        return (++lockFreeEmptyPolls & 63) != 0;
    }

    /** Remembers the newest position {@code filter} matched (every match is removed). */
    private static final class NewestRemoved implements RecordFilter {
        private final RecordFilter filter;
        long position = -1;

        NewestRemoved(RecordFilter filter) {
            this.filter = filter;
        }

        @Override
        public boolean matches(long at, int type, ByteBuffer buffer, int offset, int length) {
            if (filter.matches(at, type, buffer, offset, length)) {
                position = Math.max(position, at);
                return true;
            }
            return false;
        }
    }

    /** Counts the committed messages and removes none. */
    private static final class MessageCount implements RecordFilter {
        long messages;

        @Override
        public boolean matches(long position, int type, ByteBuffer buffer, int offset, int length) {
            messages++;
            return false;
        }
    }
}
