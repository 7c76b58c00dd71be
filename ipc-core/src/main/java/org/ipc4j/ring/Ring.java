package org.ipc4j.ring;

import static org.ipc4j.ring.RecordDescriptor.HEADER_LENGTH;
import static org.ipc4j.ring.RecordDescriptor.LENGTH_OFFSET;
import static org.ipc4j.ring.RecordDescriptor.PRODUCER_OFFSET;
import static org.ipc4j.ring.RecordDescriptor.TYPE_ABORTED;
import static org.ipc4j.ring.RecordDescriptor.TOTAL_LENGTH_BYTES;
import static org.ipc4j.ring.RecordDescriptor.TYPE_DATA;
import static org.ipc4j.ring.RecordDescriptor.TYPE_FRAGMENT_FIRST;
import static org.ipc4j.ring.RecordDescriptor.TYPE_FRAGMENT_NEXT;
import static org.ipc4j.ring.RecordDescriptor.TYPE_PADDING;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.ipc4j.errors.CapacityExceededException;
import org.ipc4j.errors.CorruptedException;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.os.ProcessTable;
import org.ipc4j.wait.ExitWake;
import org.ipc4j.wait.Readiness;
import org.ipc4j.wait.WaitStrategies;
import org.ipc4j.wait.WaitStrategy;

/**
 * A ring of variable-length records in shared memory ({@link RingDescriptor}, {@link RecordDescriptor}): the
 * contract that {@link SharedRing} (its public face), the queue and the pipe share.
 *
 * <ul>
 *   <li>Producing: {@link #tryClaim} returns the offset of the payload in {@link #buffer()}; write it and
 *       {@link #commit} (or {@link #abort}). {@link #send} copies a message of any length in, in fragments
 *       if it is longer than {@link #maxMessageLength()} (see {@link RecordDescriptor}).</li>
 *   <li>Consuming: {@link #read(RecordHandler, int)} hands each record to a {@link RecordHandler} in place;
 *       {@link #peek} without consuming.</li>
 *   <li>Waiting: the one wait loop per side, {@link #read(RecordHandler, int, long, WaitStrategy, RingPeers)}
 *       (and {@link #awaitMessage}) and {@link #claim(int, int, long, WaitStrategy, RingPeers)}; a channel
 *       says through {@link RingPeers} when the other side is gone, and gets {@link #END}.</li>
 *   <li>Hand-over: {@link #releaseRead()} before the consumer side moves to another process;
 *       {@link #wakeAll()} after a change every waiter must re-check (close, shutdown).</li>
 * </ul>
 * None of the fast paths allocate or make a system call unless the other side sleeps. An instance keeps
 * per-handle state (the consumer's view of a stuck record, a batched consumer's unreleased records) and is used
 * by one thread at a time per side (MPMC consumers: the consumer lock serialises them).
 */
public abstract class Ring {
    /** Returned by {@link #tryClaim} when the ring has no room (or holds its maximum count). */
    public static final int FULL = -1;
    /** Returned by the waiting read and claim once the other side is gone ({@link RingPeers}). */
    public static final int END = -2;
    /** A deadline for the waiting read and claim: one attempt and one look at the peers, no waiting. */
    public static final long NO_WAIT = Long.MIN_VALUE;
    /** A deadline for the waiting read and claim: wait as long as it takes (the clock is read once waiting starts). */
    public static final long NO_DEADLINE = Long.MAX_VALUE;
    private static final long BUSY_RING_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** From {@link #sendInFragments}: another process broke this one's stream lock part way. */
    private static final int LOCK_LOST = -3;
    /** For {@link #read(RecordHandler, int, long)}: wait for another consumer's read however long it takes. */
    static final long NO_LOCK_DEADLINE = Long.MIN_VALUE;

    final String name;
    final MappedBytes memory;
    final ByteBuffer buffer;
    final int data;
    final int capacity;
    final int mask;
    final int maxMessageLength;
    final long maxCount;
    final boolean wakeups;
    /** Bytes a claim needs beyond its records: SPSC zeroes the next header word ahead (see SpscRing.claimSpace). */
    final int claimSlack;
    final int tailOffset;
    final int reservedOffset;
    final int headCacheOffset;
    final int headOffset;
    final int consumedOffset;
    final RingSignal notEmpty;
    final RingSignal notFull;
    final RecordReader reader;
    final StreamLock streamLock;
    /** When a failed claim next looks for a dead stream lock holder (racy between threads: only a pace). */
    private long nextStreamCheckNanos;
    private final CountRecovery countRecovery;
    /** Judges the processes named in records and locks; gives this process's identity in the ring's directory. */
    final ProcessTable processes;
    /** This process as written into the headers it claims ({@link RecordDescriptor#PRODUCER_OFFSET}). */
    final long producerWord;

    Ring(String name, MappedBytes memory, int base, boolean mpmc, ProcessTable processes) {
        this.name = name;
        this.memory = memory;
        if (base < 0 || (base & (RingDescriptor.LINE - 1)) != 0 || base > memory.capacity() - RingDescriptor.DATA_OFFSET) {
            throw new CorruptedException("'" + name + "': ring base " + base + " is not a 128-aligned offset inside "
                    + memory.capacity() + " bytes");
        }
        this.capacity = memory.getInt(base + RingDescriptor.CAPACITY_OFFSET);
        int magic = memory.getInt(base + RingDescriptor.MAGIC_OFFSET);
        int flags = memory.getInt(base + RingDescriptor.FLAGS_OFFSET);
        if (magic != RingDescriptor.MAGIC) {
            throw new CorruptedException("'" + name + "': ring magic is 0x" + Integer.toHexString(magic));
        }
        if (capacity < RingDescriptor.MIN_CAPACITY || capacity > RingDescriptor.MAX_CAPACITY || Integer.bitCount(capacity) != 1
                || (long) base + RingDescriptor.ringLength(capacity) > memory.capacity()) {
            throw new CorruptedException("'" + name + "': ring capacity " + capacity + " is not a power of two that fits in "
                    + (memory.capacity() - base) + " bytes");
        }
        if (((flags & RingDescriptor.FLAG_MPMC) != 0) != mpmc) {
            throw new CorruptedException("'" + name + "': ring flags 0x" + Integer.toHexString(flags)
                    + (mpmc ? " are not an MPMC ring's" : " are not an SPSC ring's"));
        }
        this.maxMessageLength = memory.getInt(base + RingDescriptor.MAX_MESSAGE_LENGTH_OFFSET);
        if (maxMessageLength < 0 || maxMessageLength > RingOptions.maxInline(capacity)) {
            throw new CorruptedException("'" + name + "': max message length " + maxMessageLength + " does not fit a ring of " + capacity);
        }
        this.maxCount = memory.getLong(base + RingDescriptor.MAX_COUNT_OFFSET);
        long stuckBound = memory.getLong(base + RingDescriptor.STUCK_BOUND_OFFSET);
        if (maxCount < 0 || stuckBound <= 0) {
            throw new CorruptedException("'" + name + "': ring max count " + maxCount + " or stuck bound " + stuckBound + " is invalid");
        }
        this.wakeups = (flags & RingDescriptor.FLAG_WAKEUPS) != 0;
        this.claimSlack = mpmc ? 0 : RecordDescriptor.ALIGNMENT;
        this.mask = capacity - 1;
        this.data = base + RingDescriptor.DATA_OFFSET;
        this.tailOffset = base + RingDescriptor.TAIL_OFFSET;
        this.reservedOffset = base + RingDescriptor.RESERVED_OFFSET;
        this.headCacheOffset = base + RingDescriptor.HEAD_CACHE_OFFSET;
        this.headOffset = base + RingDescriptor.HEAD_OFFSET;
        this.consumedOffset = base + RingDescriptor.CONSUMED_OFFSET;
        this.buffer = memory.slice(0, memory.capacity());
        this.notEmpty = new RingSignal(memory, base + RingDescriptor.NOT_EMPTY_OFFSET);
        this.notFull = new RingSignal(memory, base + RingDescriptor.NOT_FULL_OFFSET);
        this.reader = new RecordReader(this, stuckBound);
        this.countRecovery = new CountRecovery(this, stuckBound);
        this.processes = processes;
        this.producerWord = processes.self();
        this.streamLock = new StreamLock(memory, base + RingDescriptor.STREAM_OWNER_OFFSET, tailOffset, processes);
    }

    /** Writes an empty ring's CONFIG line at {@code base} (the rest must be zero, as a new region is). */
    public static void initialise(MappedBytes memory, int base, RingOptions options, boolean mpmc) {
        memory.putInt(base + RingDescriptor.CAPACITY_OFFSET, options.capacity());
        memory.putInt(base + RingDescriptor.MAX_MESSAGE_LENGTH_OFFSET, options.maxMessageLength());
        memory.putInt(base + RingDescriptor.FLAGS_OFFSET, (options.wakeups() ? RingDescriptor.FLAG_WAKEUPS : 0)
                | (mpmc ? RingDescriptor.FLAG_MPMC : 0));
        memory.putInt(base + RingDescriptor.MAGIC_OFFSET, RingDescriptor.MAGIC);
        memory.putLong(base + RingDescriptor.MAX_COUNT_OFFSET, options.maxCount());
        memory.putLong(base + RingDescriptor.STUCK_BOUND_OFFSET, options.stuckBound().toNanos());
    }

    // ---- producer side

    /**
     * Claims room for a message of {@code length} bytes; returns the offset of its payload in {@link #buffer()},
     * or {@link #FULL}. Every successful claim must be followed by {@link #commit} or {@link #abort}.
     */
    public final int tryClaim(int length) {
        return tryClaim(length, TYPE_DATA);
    }

    /** As {@link #tryClaim(int)}; {@code type} must be {@link RecordDescriptor#TYPE_DATA} (fragments are {@link #send}'s). */
    public final int tryClaim(int length, int type) {
        return claimRecord(length, requireData(type));
    }

    private int requireData(int type) {
        if (type != TYPE_DATA) {
            throw new IllegalArgumentException("'" + name + "': record type " + type + " cannot be claimed");
        }
        return type;
    }

    /**
     * Claims a record: {@link RecordDescriptor#TYPE_DATA}, or a fragment of the long message this thread sends
     * (the first takes the stream lock, and gives it back if there is no room; the next ones need it held).
     */
    private int claimRecord(int length, int type) {
        if (length < 0 || length > maxMessageLength) {
            throw new CapacityExceededException("'" + name + "': a message of " + length + " bytes does not fit inline (max "
                    + maxMessageLength + ")");
        }
        boolean first = type == TYPE_FRAGMENT_FIRST;
        if (first && !streamLock.tryAcquire()) {
            return FULL;
        }
        boolean streaming = type != TYPE_DATA;
        int span = RecordDescriptor.align(HEADER_LENGTH + length);
        long header = RecordDescriptor.headerWord(-(HEADER_LENGTH + length), type);
        int at;
        if (!streaming && maxCount > 0 && streamLock.isHeld()) {
            // another producer's stream: do not take a count it may need for its next fragment
            at = -1;
        } else if (maxCount == 0) {
            // space first, count after: a producer waiting on a full ring never holds a count it could die with
            at = claimSpace(span, streaming, header);
            if (at >= 0) {
                reserveMessage();
            }
        } else if (!reserveMessage()) {
            countRecovery.afterCountRefusal();
            at = -1;
        } else {
            at = claimSpace(span, streaming, header);
            if (at < 0) {
                unreserveMessage();
            }
        }
        if (at < 0) {
            if (first) {
                releaseStream();
            } else if (!streaming) {
                breakDeadStreamNowAndThen();
            }
            return FULL;
        }
        return at + HEADER_LENGTH;
    }

    /** Records are 8-aligned from an aligned tail: another tail was written into the file. */
    final void checkAligned(long tail) {
        if ((tail & (RecordDescriptor.ALIGNMENT - 1)) != 0) {
            throw new CorruptedException("'" + name + "': ring tail " + tail + " is not " + RecordDescriptor.ALIGNMENT
                    + "-byte aligned");
        }
    }

    /** Writes the header of a record this process claimed: {@code header} (a negative length) and who writes it. */
    final void writeHeader(int at, long header) {
        memory.putLong(at + PRODUCER_OFFSET, producerWord);
        // release: a consumer that reads the negative length with acquire also sees who is writing, for its liveness check
        memory.putLongRelease(at + LENGTH_OFFSET, header);
    }

    /**
     * {@link #writeHeader} for a claim that a consumer may have dropped meanwhile (it found no header and
     * could not tell whose the claim was): false, and the length word left alone, if it did. The producer word
     * goes in first all the same, so that a consumer that sees the length sees who writes; in a dropped claim
     * it is 8 stray bytes in space the ring reuses. Only producers beyond the claims table's slots take this path.
     */
    final boolean writeHeaderUnlessDropped(int at, long header) {
        memory.putLong(at + PRODUCER_OFFSET, producerWord);
        // CAS: a consumer drops a claim by a CAS of this word from 0 (RecordReader); one of the two wins
        return memory.compareAndSetLong(at + LENGTH_OFFSET, 0, header);
    }

    /** Copies a message's bytes into a claimed record; anything thrown (an Error too) aborts the record first. */
    private void copyIn(int payloadOffset, ByteBuffer source, int from, int length) {
        boolean copied = false;
        try {
            buffer.put(payloadOffset, source, from, length);
            copied = true;
        } finally {
            if (!copied) {
                abort(payloadOffset);
            }
        }
    }

    /**
     * True if the fragments after the first, {@code rest} bytes of data, fit in the free space now (the
     * caller holds the stream lock, so only consumers change it, and only to make more room).
     */
    private boolean hasRoomForRest(long rest) {
        long chunks = (rest + maxMessageLength - 1) / maxMessageLength;
        // volatile: counters published by the consumer's release of head (and producers' CAS)
        if (maxCount > 0 && chunks > maxCount - (memory.getLongVolatile(reservedOffset) - memory.getLongVolatile(consumedOffset))) {
            return false;
        }
        long needed = rest + chunks * (HEADER_LENGTH + RecordDescriptor.ALIGNMENT) + HEADER_LENGTH + maxMessageLength
                + claimSlack;
        // acquire: pairs with the consumer's release of head
        long free = capacity - (tail() - memory.getLongAcquire(headOffset));
        return needed <= free;
    }

    /**
     * A claim that failed may have met the stream lock of a producer that died: at most once a millisecond
     * per handle, free it if so, so that no claim (a non-waiting one included) is refused for good.
     */
    private void breakDeadStreamNowAndThen() {
        if (!streamLock.isHeld()) {
            return;
        }
        long now = System.nanoTime();
        if (now - nextStreamCheckNanos >= 0) {
            nextStreamCheckNanos = now + BUSY_RING_SLICE_NANOS;
            streamLock.breakIfDead();
        }
    }

    private void releaseStream() {
        streamLock.release();
        if (wakeups) {
            // full fence: orders the lock's release before the interest read (RingSignal's waker half)
            VarHandle.fullFence();
            notFull.signal();
        }
    }

    /**
     * Sends {@code length} bytes of {@code source} from {@code offset} as one message, waiting for room as
     * {@link #claim} does; returns {@code length}, {@link #FULL} if it was not sent by the deadline, or
     * {@link #END} if {@code consumers} are gone. A message longer than {@link #maxMessageLength()} goes in
     * fragments, under the stream lock (other producers wait meanwhile); a queue that stops taking new claims
     * ({@link RingPeers#NO_NEW_CLAIMS}) still gets the rest of one begun. Without waiting ({@link #NO_WAIT})
     * it is sent only if all of it fits now (never one longer than the ring). A deadline, an interrupt or
     * consumers gone part way abandon the message: consumers drop its fragments, none is delivered.
     */
    public final int send(ByteBuffer source, int offset, int length, long deadlineNanos, WaitStrategy strategy,
            RingPeers consumers) throws InterruptedException {
        Objects.checkFromIndexSize(offset, length, source.limit());
        if (length <= maxMessageLength) {
            int at = claimRecord(length, TYPE_DATA);
            if (at == FULL && deadlineNanos != NO_WAIT) {
                at = awaitClaim(length, TYPE_DATA, deadlineNanos, strategy, consumers);
            }
            if (at < 0) {
                return at;
            }
            copyIn(at, source, offset, length);
            commit(at);
            return length;
        }
        int sent;
        do {
            sent = sendInFragments(source, offset, length, deadlineNanos, strategy, consumers);
            // LOCK_LOST: this process was judged dead part way and its stream lock broken (consumers dropped what
            // came): send it again, whole, while the deadline allows
        } while (sent == LOCK_LOST && deadlineNanos != NO_WAIT);
        return sent == LOCK_LOST ? FULL : sent;
    }

    /** {@link #send} of a message longer than {@link #maxMessageLength()}; {@link #LOCK_LOST} if the lock was broken. */
    private int sendInFragments(ByteBuffer source, int offset, int length, long deadlineNanos, WaitStrategy strategy,
            RingPeers consumers) throws InterruptedException {
        int firstData = maxMessageLength - TOTAL_LENGTH_BYTES;
        if (firstData <= 0) {
            throw new CapacityExceededException("'" + name + "': a max message length of " + maxMessageLength
                    + " leaves no room for a fragment");
        }
        int at = claimRecord(maxMessageLength, TYPE_FRAGMENT_FIRST);
        if (at == FULL && deadlineNanos != NO_WAIT) {
            at = awaitClaim(maxMessageLength, TYPE_FRAGMENT_FIRST, deadlineNanos, strategy, consumers);
        }
        if (at < 0) {
            return at;
        }
        try {
            if (deadlineNanos == NO_WAIT && !hasRoomForRest(length - firstData)) {
                abort(at);
                return FULL;
            }
            memory.putLong(at, length);
            copyIn(at + TOTAL_LENGTH_BYTES, source, offset, firstData);
            commit(at);
            for (int sent = firstData; sent < length; ) {
                int chunk = Math.min(maxMessageLength, length - sent);
                if (!streamLock.isHeldByThisProcess()) {
                    return LOCK_LOST;
                }
                at = claimRecord(chunk, TYPE_FRAGMENT_NEXT);
                if (at == FULL) {
                    at = awaitClaim(chunk, TYPE_FRAGMENT_NEXT, deadlineNanos, strategy, consumers);
                    if (at < 0) {
                        return at;
                    }
                }
                copyIn(at, source, offset + sent, chunk);
                commit(at);
                sent += chunk;
            }
            return length;
        } finally {
            releaseStream();
        }
    }

    /**
     * Claims {@code span} bytes (aligned), writes any wrap padding and the record's {@code header}
     * ({@link #writeHeader}); returns the record's absolute offset or -1: no room, or another producer holds
     * the stream lock and this claim is not {@code streaming} (the holder's own).
     */
    abstract int claimSpace(int span, boolean streaming, long header);

    abstract boolean reserveMessage();

    abstract void unreserveMessage();

    /** Publishes a claimed record to consumers. */
    public final void commit(int payloadOffset) {
        int at = claimedHeader(payloadOffset);
        int length = -memory.getInt(at + LENGTH_OFFSET);
        if (wakeups) {
            // volatile: its release half pairs with the consumer's acquire of the length (payload visible); its
            // store-load order with the interest read below is the waker half of RingSignal's protocol
            memory.putIntVolatile(at + LENGTH_OFFSET, length);
            notEmpty.signal();
        } else {
            // release: pairs with the consumer's acquire of the length, so the payload written before is visible
            memory.putIntRelease(at + LENGTH_OFFSET, length);
        }
    }

    /** Gives up a claimed record: consumers skip it. */
    public final void abort(int payloadOffset) {
        int at = claimedHeader(payloadOffset);
        memory.putInt(at + RecordDescriptor.TYPE_OFFSET, TYPE_ABORTED);
        // release: pairs with the consumer's acquire of the length; it sees the aborted type with it
        memory.putIntRelease(at + LENGTH_OFFSET, -memory.getInt(at + LENGTH_OFFSET));
        if (wakeups) {
            // full fence: orders the length store before the interest read (RingSignal's waker half)
            VarHandle.fullFence();
            notEmpty.signal();
        }
    }

    private int claimedHeader(int payloadOffset) {
        int at = payloadOffset - HEADER_LENGTH;
        if (at < data || at >= data + capacity || ((at - data) & (RecordDescriptor.ALIGNMENT - 1)) != 0
                || memory.getInt(at + LENGTH_OFFSET) >= 0) {
            throw new IllegalStateException("'" + name + "': offset " + payloadOffset + " is not a claimed, uncommitted record");
        }
        return at;
    }

    /** The tail position (without the stream bit). */
    final long tail() {
        // volatile: pairs with the producers' release (SPSC) or CAS (MPMC) of tail
        return memory.getLongVolatile(tailOffset) & RingDescriptor.POSITION_MASK;
    }

    /** Head, validated against {@code tail}: a ring whose positions break the invariant is corrupted. */
    final void checkPositions(long head, long tail) {
        if (((head | tail) & (RecordDescriptor.ALIGNMENT - 1)) != 0 || head < 0 || tail < head || tail - head > capacity) {
            throw new CorruptedException("'" + name + "': ring positions are inconsistent: head " + head + ", tail " + tail
                    + ", capacity " + capacity);
        }
    }

    // ---- consumer side

    /**
     * Hands up to {@code limit} messages to {@code handler}, consuming them; returns how many. A record whose
     * producer died mid-write is dropped once that is seen; one whose producer is unknown after the ring's
     * stuck bound. Garbage in the ring gives {@link CorruptedException}, never an out-of-bounds access.
     */
    public final int read(RecordHandler handler, int limit) {
        int read = read(handler, limit, NO_LOCK_DEADLINE);
        if (read == 0 && reader.inMessage()) {
            read = finishMessage(handler);
        }
        return read;
    }

    /** Waits for the rest of a fragmented message a read began (see {@link #awaitRecordsFrom}); 1, or 0 if abandoned. */
    private int finishMessage(RecordHandler handler) {
        try {
            return Math.max(0, awaitRecordsFrom(handler, 1, true, NO_WAIT, WaitStrategies.defaultStrategy(), RingPeers.UNTRACKED));
        } catch (InterruptedException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
    }

    /** Hands up to {@code limit} committed messages to {@code handler} without consuming them. */
    public final int peek(RecordHandler handler, int limit) {
        return peek(handler, limit, NO_LOCK_DEADLINE);
    }

    /**
     * As {@link #read(RecordHandler, int)}; an MPMC ring whose consumer lock another consumer holds waits for
     * it while the ring is not drained, until {@code lockDeadlineNanos} (or for as long as the holder lives:
     * {@link #NO_LOCK_DEADLINE}), so that 0 means "empty" unless that deadline passed.
     */
    abstract int read(RecordHandler handler, int limit, long lockDeadlineNanos);

    abstract int peek(RecordHandler handler, int limit, long lockDeadlineNanos);

    /**
     * Looks at an unfinished record at the head and drops it if its producer is dead, if
     * {@code producersGone} (the caller knows every producer is gone), or if its producer is unknown and
     * the stuck bound passed. Waiting loops call it now and then; {@link #read} does too. True if it dropped one.
     */
    abstract boolean recoverStuckRecord(boolean producersGone);

    /**
     * Consumer side, about space at the head that tail has passed but that has no header: true if it may be
     * dropped, its producer known to be dead, or unknown and {@code pastStuckBound}.
     */
    abstract boolean unwrittenClaimAbandoned(boolean pastStuckBound);

    /**
     * The identity of a live process whose claim in flight may be the headerless space at the head, as the
     * last check found it; 0 if none (SPSC: never such space).
     */
    long stuckClaimOwner() {
        return 0;
    }

    /**
     * The process whose exit may end a consumer's wait: the producers' ({@link RingPeers#processToFollow()}), or
     * without one, the owner of a live claim in flight at a headerless head; 0 for none.
     */
    final long processToFollow(RingPeers producers) {
        long follow = producers.processToFollow();
        long claimOwner = follow == 0 ? stuckClaimOwner() : 0;
        return claimOwner == 0 ? follow : processes.localPid(claimOwner);
    }

    /**
     * The one wait loop of a consumer: as {@link #read(RecordHandler, int)}, waiting with {@code strategy}
     * until at least one message came (returns how many), the deadline ({@link System#nanoTime()} based;
     * {@link #NO_WAIT}: none, {@link #NO_DEADLINE}: never) passed (returns 0), or {@code producers} say nothing more can come and the ring is drained (returns
     * {@link #END}). An interrupt pending on entry or arriving while waiting throws, whatever the deadline,
     * as {@link java.util.concurrent.BlockingQueue}'s timed calls do.
     */
    public final int read(RecordHandler handler, int limit, long deadlineNanos, WaitStrategy strategy, RingPeers producers)
            throws InterruptedException {
        return awaitRecords(handler, limit, true, deadlineNanos, strategy, producers);
    }

    /**
     * As {@link #read(RecordHandler, int, long, WaitStrategy, RingPeers)}, without consuming: returns 1 once a
     * committed message is there, 0 on timeout, {@link #END} once nothing more can come and the ring is drained.
     */
    public final int awaitMessage(long deadlineNanos, WaitStrategy strategy, RingPeers producers) throws InterruptedException {
        return awaitRecords(RecordHandler.IGNORE, 1, false, deadlineNanos, strategy, producers);
    }

    /**
     * For {@link org.ipc4j.wait.WaitSet}: ready when {@link #awaitMessage} would return at once, with
     * {@code producers} saying whether more can come. One per wait.
     */
    public final Readiness messageReadiness(RingPeers producers) {
        return new MessageReadiness(this, Objects.requireNonNull(producers, "producers"));
    }

    private int attempt(RecordHandler handler, int limit, boolean consume, long deadlineNanos) {
        return consume ? read(handler, limit, deadlineNanos) : peek(handler, limit, deadlineNanos);
    }

    private int awaitRecords(RecordHandler handler, int limit, boolean consume, long deadlineNanos, WaitStrategy strategy,
            RingPeers producers) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return awaitRecordsFrom(handler, limit, consume, deadlineNanos, strategy, producers);
    }

    /**
     * The loop of {@link #awaitRecords}. Once a read has begun a fragmented message it waits for the rest
     * whatever the deadline, the producers' state or an interrupt (which stays pending): the fragments taken
     * cannot be put back. It ends when the message is complete or found abandoned (see {@link RecordReader}).
     */
    private int awaitRecordsFrom(RecordHandler handler, int limit, boolean consume, long deadlineNanos, WaitStrategy strategy,
            RingPeers producers) throws InterruptedException {
        if (deadlineNanos == NO_DEADLINE) {
            deadlineNanos = WaitStrategies.noDeadline();
        }
        boolean registered = false;
        ExitWake producerExit = null;
        try {
            for (int round = 0; ; round++) {
                int seen = notEmpty.sequence();
                int read = attempt(handler, limit, consume, deadlineNanos);
                if (read > 0) {
                    return read;
                }
                if (reader.inMessage()) {
                    if (!WaitStrategies.isPollOnlyRound(strategy, round)) {
                        if (!registered && strategy.maySleep(round)) {
                            registered = true;
                            notEmpty.register();
                            continue;
                        }
                        notEmpty.idle(strategy, seen, round, busySlice(WaitStrategies.noDeadline()));
                    } else {
                        Thread.onSpinWait();
                    }
                    continue;
                }
                if (deadlineNanos != NO_WAIT && WaitStrategies.isPollOnlyRound(strategy, round)) {
                    // a busy producer's message comes within a few polls: keep the clock reads and checks
                    // below out of most spinning rounds
                    Thread.onSpinWait();
                    continue;
                }
                // an exit told to the wake being replaced counts too
                boolean exited = producerExit != null && producerExit.takeExit();
                if (strategy.maySleep(round)) {
                    // the producer's exit wakes this waiter out of the sleep; without one to follow, the exit of
                    // whoever holds a claim in flight at a headerless head. Followed before the exit is asked
                    // for: a process already gone when followed has exited at once, and must not cost a sleep
                    producerExit = ExitWake.follow(producerExit, processToFollow(producers), notEmpty.futexWord());
                    exited |= producerExit != null && producerExit.takeExit();
                }
                if (exited) {
                    reader.checkStuckNow(); // it may have been the owner of a claim at the head
                }
                int state = exited ? producers.stateNow() : producers.state();
                if (state != RingPeers.ALIVE) {
                    if (state == RingPeers.GONE) {
                        recoverStuckRecord(true);
                    }
                    read = attempt(handler, limit, consume, deadlineNanos);
                    if (read > 0) {
                        return read;
                    }
                    if (reader.inMessage()) {
                        continue;
                    }
                    if (isDrained()) {
                        return END;
                    }
                }
                if (deadlineNanos == NO_WAIT || WaitStrategies.isDue(deadlineNanos)) {
                    return 0;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if (!registered && strategy.maySleep(round)) {
                    registered = true;
                    notEmpty.register();
                    continue; // look once more after registering, or a commit made meanwhile could go unsignalled
                }
                boolean drained = isDrained();
                if (!drained && recoverStuckRecord(false)) {
                    // a record at the head nobody was finishing is dropped (paced inside: a look a millisecond at
                    // most): read what is behind it now, not after a sleep
                    continue;
                }
                // a round sleeps at most a millisecond while records are there (another consumer holds the lock
                // or a producer is still writing: neither signals when it is done); on a drained ring, until a
                // commit signals, which also covers one made since the drained read above
                long slice = sliceDeadline(deadlineNanos, producers);
                notEmpty.idle(strategy, seen, round, drained ? slice : busySlice(slice));
            }
        } finally {
            ExitWake.cancel(producerExit);
            if (registered) {
                notEmpty.unregister();
            }
            if (reader.inMessage()) {
                abandonMessage(handler);
            }
        }
    }

    /** Drops a fragmented message this thread's read had begun (an exception ends the read part way). */
    void abandonMessage(RecordHandler handler) {
        if (reader.inMessage()) {
            reader.abandonMessage(handler);
        }
    }

    /**
     * The one wait loop of a producer: as {@link #tryClaim(int, int)}, waiting with {@code strategy} for room;
     * {@link #FULL} once the deadline passed, {@link #END} once {@code consumers} say nothing will be taken
     * any more. Interrupts are handled as in {@link #read(RecordHandler, int, long, WaitStrategy, RingPeers)}.
     */
    public final int claim(int length, int type, long deadlineNanos, WaitStrategy strategy, RingPeers consumers)
            throws InterruptedException {
        return awaitClaim(length, requireData(type), deadlineNanos, strategy, consumers);
    }

    /**
     * The loop of {@link #claim}, for fragments too. A claim blocked by another producer's stream sleeps at
     * most a slice at a time (a dead holder signals nothing; each failed claim looks for its death, see
     * {@link #claimRecord}); a next fragment ends only when consumers are {@link RingPeers#GONE}.
     */
    private int awaitClaim(int length, int type, long deadlineNanos, WaitStrategy strategy, RingPeers consumers)
            throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (deadlineNanos == NO_DEADLINE) {
            deadlineNanos = WaitStrategies.noDeadline();
        }
        boolean midMessage = type == TYPE_FRAGMENT_NEXT;
        boolean registered = false;
        ExitWake consumerExit = null;
        try {
            for (int round = 0; ; round++) {
                int seen = notFull.sequence();
                int offset = claimRecord(length, type);
                if (offset != FULL) {
                    return offset;
                }
                if (deadlineNanos != NO_WAIT && WaitStrategies.isPollOnlyRound(strategy, round)) {
                    Thread.onSpinWait();
                    continue;
                }
                boolean exited = consumerExit != null && consumerExit.takeExit();
                if (strategy.maySleep(round)) {
                    // followed before the exit is asked for, as in the read loop
                    consumerExit = ExitWake.follow(consumerExit, consumers.processToFollow(), notFull.futexWord());
                    exited |= consumerExit != null && consumerExit.takeExit();
                }
                int state = exited ? consumers.stateNow() : consumers.state();
                if (state == RingPeers.GONE || state != RingPeers.ALIVE && !midMessage) {
                    return END;
                }
                if (deadlineNanos == NO_WAIT || WaitStrategies.isDue(deadlineNanos)) {
                    return FULL;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if (!registered && strategy.maySleep(round)) {
                    registered = true;
                    notFull.register();
                    continue;
                }
                long slice = sliceDeadline(deadlineNanos, consumers);
                // neither another producer's stream nor a lost count is signalled when it ends: look again soon
                boolean unsignalled = (!midMessage && streamLock.isHeld()) || countRecovery.isWatching();
                notFull.idle(strategy, seen, round, unsignalled ? busySlice(slice) : slice);
            }
        } finally {
            ExitWake.cancel(consumerExit);
            if (registered) {
                notFull.unregister();
            }
        }
    }

    /** At most a millisecond from now: for waits whose end nobody signals (a busy or dead peer). */
    private static long busySlice(long deadlineNanos) {
        long soon = System.nanoTime() + BUSY_RING_SLICE_NANOS;
        return soon - deadlineNanos < 0 ? soon : deadlineNanos;
    }

    private static long sliceDeadline(long deadlineNanos, RingPeers peers) {
        long interval = peers.checkIntervalNanos();
        if (interval == Long.MAX_VALUE) {
            return deadlineNanos;
        }
        long check = System.nanoTime() + interval;
        return check - deadlineNanos < 0 ? check : deadlineNanos;
    }

    /**
     * Hands the space of records this handle read but has not handed back yet to the producers. An SPSC
     * consumer hands space back in batches (when it finds the ring empty, when a producer waits for room, or
     * after an eighth of the ring); call this before the consumer side moves to another thread or process.
     */
    public final void releaseRead() {
        reader.releasePending();
    }

    /** Wakes every waiter on both sides so that they re-check their conditions (close, shutdown, peer death). */
    public final void wakeAll() {
        notEmpty.signalAlways();
        notFull.signalAlways();
    }

    // ---- state

    /** Consumers registered as waiting for a message (a gauge for tools). */
    public final int waitingConsumers() {
        return notEmpty.waiting();
    }

    /** Producers registered as waiting for room (a gauge for tools). */
    public final int waitingProducers() {
        return notFull.waiting();
    }

    /** Messages consumed since the ring was created (tools derive rates from it). */
    public final long consumedTotal() {
        // volatile: a gauge read, published by the consumer's release of the head line
        return memory.getLongVolatile(consumedOffset);
    }

    /**
     * Messages claimed and not yet consumed (in-flight claims included): 0 exactly when the ring is drained,
     * else at least 1. The count is kept in two steps (claim, then count); a producer killed between them
     * leaves it one off until the ring next drains, which is why emptiness is read from the positions. An
     * MPMC ring bounded by bytes only keeps no claim count: it counts its committed records instead, which
     * costs a walk over them under the consumer lock; so does any MPMC ring while records removed by
     * {@link MpmcRing#removeIf} may be in it.
     */
    public final long size() {
        if (isDrained()) {
            return 0;
        }
        long messages = messagesInRing();
        // an MPMC count hands back the room of removed records at the head: the ring may be drained now
        return messages > 0 ? messages : isDrained() ? 0 : 1;
    }

    /** Messages claimed and not consumed, from the counters (an estimate; size() decides emptiness). */
    long messagesInRing() {
        // volatile reads of counters published with release (head line) and by CAS/opaque stores (tail line)
        long consumed = memory.getLongVolatile(consumedOffset) + reader.pendingConsumed();
        long reserved = memory.getLongVolatile(reservedOffset);
        return reserved - consumed;
    }

    /**
     * True if no byte is claimed beyond the head: nothing committed and nothing being written. Callable from
     * any thread without the consumer lock: head is read between two equal reads of tail, so the pair is a
     * snapshot the invariant must hold for (a stale pair is not mistaken for corruption). Records this handle
     * read but has not handed back yet ({@link #releaseRead()}) count as consumed; other handles see them
     * until they are handed back.
     */
    public final boolean isDrained() {
        for (int attempt = 0; attempt < 100; attempt++) {
            // volatile: pairs with the producers' release/CAS of tail and the consumer's release of head
            long tail = tail();
            long head = Math.max(memory.getLongVolatile(headOffset), reader.pendingHead());
            if (tail() == tail) {
                checkPositions(head, tail);
                return head == tail;
            }
        }
        return false; // producers keep claiming: not drained at any of these instants
    }

    /** True if a message of {@code length} bytes would fit now (by bytes and by count). */
    public final boolean hasRoomFor(int length) {
        // volatile: a snapshot for callers that only want to know, not to claim; claims re-check by CAS
        long tail = tail();
        long head = memory.getLongVolatile(headOffset);
        if (maxCount > 0 && size() >= maxCount) {
            return false;
        }
        int index = (int) tail & mask;
        int span = RecordDescriptor.align(HEADER_LENGTH + Math.min(Math.max(length, 0), maxMessageLength));
        int required = span <= capacity - index ? span : capacity - index + span;
        return tail + required + claimSlack - head <= capacity;
    }

    public final String name() {
        return name;
    }

    /** A view of the whole mapping with absolute offsets: claimed payloads and handed records live in it. */
    public final ByteBuffer buffer() {
        return buffer;
    }

    public final MappedBytes memory() {
        return memory;
    }

    public final int capacity() {
        return capacity;
    }

    public final int maxMessageLength() {
        return maxMessageLength;
    }

    public final long maxCount() {
        return maxCount;
    }

}
