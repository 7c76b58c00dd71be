package org.ipc4j.ring;

import static org.ipc4j.ring.RecordDescriptor.HEADER_LENGTH;
import static org.ipc4j.ring.RecordDescriptor.LENGTH_OFFSET;
import static org.ipc4j.ring.RecordDescriptor.PRODUCER_OFFSET;
import static org.ipc4j.ring.RecordDescriptor.TYPE_ABORTED;
import static org.ipc4j.ring.RecordDescriptor.TOTAL_LENGTH_BYTES;
import static org.ipc4j.ring.RecordDescriptor.TYPE_DATA;
import static org.ipc4j.ring.RecordDescriptor.TYPE_FRAGMENT_FIRST;
import static org.ipc4j.ring.RecordDescriptor.TYPE_FRAGMENT_NEXT;
import static org.ipc4j.ring.RecordDescriptor.TYPE_OFFSET;
import static org.ipc4j.ring.RecordDescriptor.TYPE_PADDING;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.ipc4j.errors.CorruptedException;
import org.ipc4j.memory.MappedBytes;

/**
 * The consumer side of a ring: reads, validates and advances past records (MPMC: clears them too), and
 * recovers records that a dead (or, after the stuck bound, unknown) producer left unfinished, in the spirit
 * of Agrona's {@code unblock()}. The caller owns the consumer side (SPSC: the one consumer; MPMC: the
 * consumer lock).
 *
 * <p>Both kinds read a record's header word at head: 0 is "nothing (yet)". Why only MPMC consumers clear what
 * they read to keep it so: its producers move tail before they write a header, anywhere in what an earlier lap
 * left. An SPSC producer writes each header before it moves tail and zeroes the word after its record (the
 * next header's), so its consumer leaves the bytes it read as they are: no second pass over every payload,
 * and, unlike a reader bounded by tail, no look at the producer's tail line per message.
 *
 * <p>Fragmented messages: a read that meets a first fragment (as the first message of the read) hands it
 * and every next fragment to the handler, and counts the message once its last fragment came. Until then
 * {@link #inMessage()} is true for the reading thread, which keeps the consumer side (MPMC: the lock) and
 * reads on. Anything else met before the last fragment, or a tail that stopped at head while the stream
 * lock is free (or held by a dead producer), means the message was abandoned; the handler is told, and
 * next fragments with no first before them are skipped.
 */
final class RecordReader {
    private static final long STUCK_CHECK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final byte[] ZEROS = new byte[4096];

    private final Ring ring;
    private final MappedBytes memory;
    private final long stuckBoundNanos;
    /**
     * MPMC releases head per record, so that a consumer taking over from a dead one finds every record before
     * head cleared and every record after it intact or marked taken (a scan for the next header over a
     * half-cleared batch would wait for the stuck bound). An SPSC consumer marks each record it delivers taken
     * and, bounded by bytes only, releases them in batches (see finishRead); a reader taking over an end whose
     * consumer died skips the marked records at once. MPMC consumers also zero what they read (see the class
     * comment), SPSC ones do not.
     */
    private final boolean headPerRecord;
    /** SPSC rings bounded by bytes only hand space back in batches (see finishRead). */
    private final boolean batched;
    /** SPSC: this handle's last view of tail, for peek. Tail only grows: a lower bound. */
    private long tailSeen;
    private final int releaseBatchBytes;
    /** Where the next read starts when records were read but not yet released; -1 when none are pending. */
    private long pendingHead = -1;
    /** The head in the ring while records are pending (this handle is the only one that moves it). */
    private long releasedHead;
    private int pendingConsumed;
    private long stuckPosition = -1;
    private long stuckSinceNanos;
    private long nextStuckCheckNanos;
    private int emptyPolls;
    /** The thread reading a fragmented message (it holds the consumer side until the message ends), else null. */
    private Thread messageReader;
    private long messageLength;
    private long messageReceived;

    RecordReader(Ring ring, long stuckBoundNanos) {
        this.ring = ring;
        this.memory = ring.memory;
        this.stuckBoundNanos = stuckBoundNanos;
        this.headPerRecord = ring instanceof MpmcRing;
        this.batched = !headPerRecord && ring.maxCount == 0;
        this.releaseBatchBytes = ring.capacity / 8;
    }

    int read(RecordHandler handler, int limit) {
        if (messageReader != null && messageReader != Thread.currentThread()) {
            endMessage(); // left by a thread whose read ended without its message ending: its fragments are orphans now
        }
        // acquire: pairs with the release of head by the previous consumer (another thread or process): the
        // records it marked or cleared are seen so. A handle holding read-but-unreleased records goes on from them.
        long released = pendingHead >= 0 ? releasedHead : memory.getLongAcquire(ring.headOffset);
        long head = pendingHead >= 0 ? pendingHead : released;
        if ((head & (RecordDescriptor.ALIGNMENT - 1)) != 0) {
            // records start 8-aligned and every read advances by whole aligned records: the file was written over
            throw corrupted("ring head " + head + " is not " + RecordDescriptor.ALIGNMENT + "-byte aligned");
        }
        long start = head;
        // tail <= head in the ring + capacity: a read ends there at the latest (released + capacity, with
        // released as it moves: MPMC releases per record, and a fragmented message may take many rings'
        // worth in one read). On a full ring the record there is the first one this handle read and has not
        // yet released (batched), never one to deliver; a record reaching past it is garbage that looks like records
        int delivered = 0;
        int consumed = 0;
        boolean foundEnd = false;
        boolean threw = true;
        try {
            while (delivered < limit) {
                if (head == released + ring.capacity) {
                    foundEnd = true;
                    break;
                }
                int index = (int) head & ring.mask;
                if (RecordDescriptor.isSkippedGap(index, ring.capacity)) {
                    long tail = ring.tail();
                    ring.checkPositions(head, tail);
                    if (tail == head) {
                        foundEnd = true;
                        if (messageReader != null && (++emptyPolls & 63) == 0 && streamEnded(head)) {
                            abandonMessage(handler);
                        }
                        break;
                    }
                    head += ring.capacity - index;
                    released = headPerRecord ? release(head) : released;
                    continue;
                }
                int at = ring.data + index;
                // acquire: pairs with the producer's release of the committed length: the payload is visible
                long header = memory.getLongAcquire(at + LENGTH_OFFSET);
                int length = RecordDescriptor.lengthOf(header);
                if (length <= 0) {
                    foundEnd = true;
                    // a record being written (length < 0) is normal for a moment; look for a dead producer
                    // (a clock read and a liveness check) only every 64th poll of the same head
                    if ((++emptyPolls & 63) == 0) {
                        if (messageReader != null && length == 0 && streamEnded(head)) {
                            abandonMessage(handler);
                        }
                        // hand everything read back (pending records too): checkStuck works from the head in the ring
                        finishRead(start, released, head, consumed, true);
                        start = head;
                        released = head;
                        consumed = 0;
                        if (checkStuck(false)) {
                            foundEnd = false;
                            continue;
                        }
                    }
                    break;
                }
                int type = RecordDescriptor.typeOf(header);
                int span = checkRecord(index, length, type);
                if (head + span > released + ring.capacity) {
                    throw corrupted("records at position " + head + " reach past tail (head " + released + ", capacity "
                            + ring.capacity + ")");
                }
                if (type == TYPE_FRAGMENT_FIRST && delivered > 0) {
                    break; // a fragmented message is read by a read of its own
                }
                if (messageReader != null && type != TYPE_FRAGMENT_NEXT && type != TYPE_PADDING) {
                    abandonMessage(handler);
                }
                if (type == TYPE_DATA) {
                    stuckPosition = -1;
                    try {
                        handler.onRecord(type, ring.buffer, at + HEADER_LENGTH, length - HEADER_LENGTH);
                    } finally {
                        head = consume(head, at, span, true);
                        released = headPerRecord ? release(head) : released;
                        consumed = count(consumed + 1);
                    }
                    delivered++;
                } else if (RecordDescriptor.isFragment(type) && (type == TYPE_FRAGMENT_FIRST || messageReader != null)) {
                    stuckPosition = -1;
                    boolean handed = false;
                    try {
                        handed = handFragment(handler, type, at, length - HEADER_LENGTH);
                    } finally {
                        head = consume(head, at, span, true);
                        released = headPerRecord ? release(head) : released;
                        consumed = count(consumed + 1);
                        if (!handed) {
                            endMessage();
                        }
                    }
                    if (messageReader != null && messageReceived == messageLength) {
                        endMessage();
                        delivered++;
                    }
                } else {
                    // padding, an aborted record, or a next fragment of a message nobody reads (its first was
                    // taken by a consumer that died, or the handler refused it): counted as a record, not delivered
                    head = consume(head, at, span, false);
                    released = headPerRecord ? release(head) : released;
                    consumed = count(consumed + (type == TYPE_PADDING ? 0 : 1));
                }
            }
            threw = false;
        } finally {
            finishRead(start, released, head, consumed, foundEnd);
            if (threw && inMessage()) {
                abandonMessage(handler); // a read that throws part way through a message ends it
            }
        }
        return delivered;
    }

    /**
     * Hands a fragment of a message to the handler; false if it cannot belong to the message being read (the
     * message is then abandoned). Validates what the producer wrote before anything is handed.
     */
    private boolean handFragment(RecordHandler handler, int type, int at, int payload) {
        int from = at + HEADER_LENGTH;
        if (type == TYPE_FRAGMENT_FIRST) {
            int data = payload - TOTAL_LENGTH_BYTES;
            long total = announcedLength(at, data);
            messageReader = Thread.currentThread();
            messageLength = total;
            messageReceived = data;
            handler.onFragment(total, 0, ring.buffer, from + TOTAL_LENGTH_BYTES, data);
            return true;
        }
        if (payload > messageLength - messageReceived) {
            handler.onFragmentsAbandoned();
            return false;
        }
        long received = messageReceived;
        messageReceived += payload;
        handler.onFragment(messageLength, received, ring.buffer, from, payload);
        return true;
    }

    /**
     * The total length the first fragment at {@code at} announces, validated against its {@code data} bytes
     * (checkRecord made sure there are some) and the largest array.
     */
    private long announcedLength(int at, int data) {
        long total = memory.getLong(at + HEADER_LENGTH);
        if (total <= data || total > RecordDescriptor.MAX_MESSAGE_LENGTH) {
            throw corrupted("a first fragment of " + data + " bytes announces a message of " + total + " bytes");
        }
        return total;
    }

    /**
     * True for the thread that is reading a fragmented message: it goes on reading (and, MPMC, keeps the
     * consumer lock) until the message ends.
     */
    boolean inMessage() {
        return messageReader == Thread.currentThread();
    }

    /** Tells the handler the message being read will not be completed, and forgets it. */
    void abandonMessage(RecordHandler handler) {
        endMessage();
        handler.onFragmentsAbandoned();
    }

    private void endMessage() {
        messageReader = null;
        messageLength = 0;
        messageReceived = 0;
    }

    /**
     * While a message is being read and nothing is at {@code head}: true if no more of it can come, because
     * tail stopped at head and the stream lock is free, or its holder is dead (the lock is then broken).
     */
    private boolean streamEnded(long head) {
        // volatile: pairs with the producers' release or CAS of tail (and of the bit in it)
        long tailWord = memory.getLongVolatile(ring.tailOffset);
        if ((tailWord & RingDescriptor.POSITION_MASK) != head) {
            return false;
        }
        if ((tailWord & RingDescriptor.TAIL_STREAMING) == 0) {
            return true; // one snapshot: no stream, and nothing claimed that could continue this message
        }
        if (!ring.streamLock.breakIfDead()) {
            return false;
        }
        // the lock was free (or broken) only now: the stream may have gone on and ended since the snapshot
        // above, its next fragments claimed meanwhile. Ended only if still nothing is claimed beyond head
        return ring.tail() == head;
    }

    /**
     * Hands back what a read consumed. A batched (SPSC, bytes-bounded) consumer keeps the space while it
     * read up to its limit, less than a batch is pending and no producer waits for room: the next read goes
     * on from there, and head moves (a transfer of its line to the producer, a fence, a look for sleepers)
     * once per batch instead of once per message.
     */
    private void finishRead(long start, long released, long head, int consumed, boolean foundEnd) {
        if (head == start && pendingHead < 0) {
            return;
        }
        if (batched && !foundEnd && head - released < releaseBatchBytes && ring.notFull.waiting() == 0) {
            pendingHead = head;
            releasedHead = released;
            pendingConsumed += consumed;
            return;
        }
        if (released != head) {
            release(head);
        }
        if (consumed + pendingConsumed > 0) {
            addConsumed(consumed + pendingConsumed);
        }
        pendingHead = -1;
        pendingConsumed = 0;
        if (ring.wakeups) {
            // full fence: orders the head stores above before the interest read (RingSignal's waker half)
            VarHandle.fullFence();
            ring.notFull.signal();
        }
    }

    /** Where this handle's next read starts if it holds unreleased records, else -1 (a racy read for gauges). */
    long pendingHead() {
        return pendingHead;
    }

    int pendingConsumed() {
        return pendingConsumed;
    }

    /** Releases records read but not yet handed back (see finishRead); a no-op when there are none. */
    void releasePending() {
        if (pendingHead >= 0) {
            finishRead(releasedHead, releasedHead, pendingHead, 0, true);
        }
    }

    /**
     * Hands committed messages from head on to {@code handler} without consuming them; returns how many. A
     * fragmented message counts when its first fragment is met, and its fragments are handed up to the last
     * one in the ring (the handler is told if it ends there incomplete).
     */
    int peek(RecordHandler handler, int limit) {
        // acquire: pairs with the release of head by the previous consumer
        long head = pendingHead >= 0 ? pendingHead : memory.getLongAcquire(ring.headOffset);
        // SPSC: this handle's view of tail while it is ahead of head, so that a poll for one message does not
        // fetch the producer's tail line each time; it is read again when the walk reaches it
        boolean cached = !headPerRecord && tailSeen > head;
        long tail = cached ? tailSeen : freshTail(head);
        int seen = 0;
        long total = -1;
        long received = 0;
        for (long position = head; ; ) {
            if (position >= tail) {
                if (!cached) {
                    break;
                }
                cached = false;
                tail = freshTail(head);
                if (position >= tail) {
                    break;
                }
            }
            int index = (int) position & ring.mask;
            if (RecordDescriptor.isSkippedGap(index, ring.capacity)) {
                position += ring.capacity - index;
                continue;
            }
            int at = ring.data + index;
            // acquire: pairs with the producer's release of the committed length
            int length = memory.getIntAcquire(at + LENGTH_OFFSET);
            if (length <= 0) {
                break;
            }
            int type = memory.getInt(at + TYPE_OFFSET);
            int span = checkRecord(index, length, type);
            int payload = length - HEADER_LENGTH;
            if (total >= 0 && type != TYPE_FRAGMENT_NEXT && type != TYPE_PADDING) {
                handler.onFragmentsAbandoned();
                total = -1;
            }
            if (seen >= limit && total < 0) {
                break;
            }
            if (type == TYPE_DATA) {
                handler.onRecord(type, ring.buffer, at + HEADER_LENGTH, payload);
                seen++;
            } else if (type == TYPE_FRAGMENT_FIRST) {
                received = payload - TOTAL_LENGTH_BYTES;
                total = announcedLength(at, (int) received);
                handler.onFragment(total, 0, ring.buffer, at + HEADER_LENGTH + TOTAL_LENGTH_BYTES, (int) received);
                seen++;
            } else if (type == TYPE_FRAGMENT_NEXT && total >= 0) {
                if (payload > total - received) {
                    handler.onFragmentsAbandoned();
                    total = -1;
                } else {
                    handler.onFragment(total, received, ring.buffer, at + HEADER_LENGTH, payload);
                    received += payload;
                }
            }
            if (total >= 0 && received == total) {
                total = -1;
            }
            position += span;
        }
        if (total >= 0) {
            handler.onFragmentsAbandoned();
        }
        return seen;
    }

    /** Tail read now and checked against {@code head}; an SPSC reader keeps it as its view (see peek). */
    private long freshTail(long head) {
        long tail = ring.tail();
        ring.checkPositions(head, tail);
        if (!headPerRecord) {
            tailSeen = tail;
        }
        return tail;
    }

    /**
     * Offers the committed messages from head on to {@code filter}, oldest first, and marks each it matches
     * removed (aborted: every consumer skips it and counts it consumed, once), until {@code limit} are
     * removed or a record is not committed yet; returns how many it removed. Aborted records at the head,
     * removed ones included, are consumed here as a read consumes them, so that their room (and count)
     * comes back at once; one behind a message waits for a read to pass it. A fragmented message whose
     * fragments are all in the ring is offered whole (copied out) at its first fragment's position, and
     * removed by marking each of its fragments. MPMC only, under the lock.
     */
    int removeIf(RecordFilter filter, int limit) {
        // acquire: pairs with the release of head by the previous consumer
        long head = memory.getLongAcquire(ring.headOffset);
        long tail = ring.tail();
        ring.checkPositions(head, tail);
        long start = head;
        int removed = 0;
        int consumed = 0;
        Fragments fragments = null;
        try {
            for (long position = head; removed < limit && position < tail; ) {
                int index = (int) position & ring.mask;
                if (RecordDescriptor.isSkippedGap(index, ring.capacity)) {
                    long next = position + ring.capacity - index;
                    head = position == head ? release(next) : head;
                    position = next;
                    continue;
                }
                int at = ring.data + index;
                // acquire: pairs with the producer's release of the committed length: the payload is visible
                long header = memory.getLongAcquire(at + LENGTH_OFFSET);
                int length = RecordDescriptor.lengthOf(header);
                if (length <= 0) {
                    break;
                }
                int type = RecordDescriptor.typeOf(header);
                int span = checkRecord(index, length, type);
                int payload = length - HEADER_LENGTH;
                if (fragments != null && fragments.isOpen() && type != TYPE_FRAGMENT_NEXT && type != TYPE_PADDING) {
                    fragments.close();
                }
                boolean live = type == TYPE_DATA || type == TYPE_FRAGMENT_FIRST
                        || type == TYPE_FRAGMENT_NEXT && fragments != null && fragments.isOpen();
                if (type == TYPE_DATA) {
                    if (filter.matches(position, type, ring.buffer, at + HEADER_LENGTH, payload)) {
                        // plain: consumers read records only under the lock, whose release publishes this
                        memory.putInt(at + TYPE_OFFSET, TYPE_ABORTED);
                        type = TYPE_ABORTED;
                        live = false;
                        removed++;
                    }
                } else if (type == TYPE_FRAGMENT_FIRST) {
                    fragments = fragments == null ? new Fragments() : fragments;
                    int data = payload - TOTAL_LENGTH_BYTES;
                    fragments.open(position, announcedLength(at, data), at + HEADER_LENGTH + TOTAL_LENGTH_BYTES, data);
                } else if (live && fragments.add(at + HEADER_LENGTH, payload)) {
                    long first = fragments.first;
                    if (filter.matches(first, TYPE_DATA, ByteBuffer.wrap(fragments.bytes), 0, fragments.bytes.length)) {
                        markRemoved(first, position + span);
                        removed++;
                    }
                    fragments.close();
                }
                if (position == head && !live) {
                    head = release(consume(head, at, span, false));
                    consumed = count(consumed + (type == TYPE_PADDING ? 0 : 1));
                }
                position += span;
            }
        } finally {
            finishRead(start, head, head, consumed, true);
        }
        return removed;
    }

    /** Marks every record in {@code [from, to)} removed (the fragments of one message), under the lock. */
    private void markRemoved(long from, long to) {
        for (long position = from; position < to; ) {
            int index = (int) position & ring.mask;
            if (RecordDescriptor.isSkippedGap(index, ring.capacity)) {
                position += ring.capacity - index;
                continue;
            }
            int at = ring.data + index;
            if (memory.getInt(at + TYPE_OFFSET) != TYPE_PADDING) {
                // plain: published by the lock's release, as a removal of one record is
                memory.putInt(at + TYPE_OFFSET, TYPE_ABORTED);
            }
            position += RecordDescriptor.align(memory.getInt(at + LENGTH_OFFSET));
        }
    }

    /** A fragmented message copied out during a removal walk, to be offered whole. */
    private final class Fragments {
        long first = -1;
        byte[] bytes;
        int received;

        void open(long position, long total, int offset, int data) {
            // a message longer than the ring cannot be all in it: it is being sent, not offered
            first = total <= ring.capacity ? position : -1;
            bytes = first >= 0 ? new byte[(int) total] : null;
            if (bytes != null) {
                memory.getBytes(offset, bytes, 0, data);
                received = data;
            }
        }

        boolean isOpen() {
            return first >= 0;
        }

        /** Copies a next fragment; true once the message is complete. */
        boolean add(int offset, int data) {
            if (data > bytes.length - received) {
                close();
                return false;
            }
            memory.getBytes(offset, bytes, received, data);
            received += data;
            return received == bytes.length;
        }

        void close() {
            first = -1;
            bytes = null;
            received = 0;
        }
    }

    /** Lets the next {@link #checkStuck} look at once (a process it waits on has exited). */
    void checkStuckNow() {
        nextStuckCheckNanos = System.nanoTime();
    }

    /** True once {@link #checkStuck} would look again (it looks at most once a millisecond). */
    boolean stuckCheckDue() {
        return System.nanoTime() - nextStuckCheckNanos >= 0;
    }

    /**
     * Looks at an unfinished record at the head (at most once a millisecond): drops it if its producer is
     * dead, if {@code producersGone}, or, for space claimed without a header, if the ring finds no live
     * producer that may still write it ({@link Ring#unwrittenClaimAbandoned}). True if it did.
     */
    boolean checkStuck(boolean producersGone) {
        releasePending();
        long now = System.nanoTime();
        if (!producersGone && now - nextStuckCheckNanos < 0) {
            return false;
        }
        nextStuckCheckNanos = now + STUCK_CHECK_INTERVAL_NANOS;
        // acquire: pairs with the release of head by the previous consumer
        long head = memory.getLongAcquire(ring.headOffset);
        long tail = ring.tail();
        ring.checkPositions(head, tail);
        int index = (int) head & ring.mask;
        if (head == tail || RecordDescriptor.isSkippedGap(index, ring.capacity)) {
            stuckPosition = -1;
            return false;
        }
        int at = ring.data + index;
        // acquire: pairs with the producer's release of the length, so the producer word is visible
        int length = memory.getIntAcquire(at + LENGTH_OFFSET);
        if (length > 0) {
            return false;
        }
        if (head != stuckPosition) {
            stuckPosition = head;
            stuckSinceNanos = now;
            if (!producersGone) {
                return false;
            }
        }
        if (length < 0) {
            if (-length < HEADER_LENGTH || -length > ring.capacity - index) {
                throw corrupted("record at position " + head + " being written claims " + -length + " bytes");
            }
            if (producersGone || !ring.processes.isAlive(memory.getLong(at + PRODUCER_OFFSET))) {
                if (memory.getInt(at + TYPE_OFFSET) != RecordDescriptor.TYPE_PADDING) {
                    // a padding stays one (complete in itself; an SPSC producer writes it before moving tail)
                    memory.putInt(at + TYPE_OFFSET, TYPE_ABORTED);
                }
                // release: pairs with the consumer's acquire of the length; the aborted type is seen with it
                memory.putIntRelease(at + LENGTH_OFFSET, -length);
                stuckPosition = -1;
                return true;
            }
            return false;
        }
        if (!producersGone && !ring.unwrittenClaimAbandoned(now - stuckSinceNanos >= stuckBoundNanos)) {
            return false;
        }
        return dropUnwritten(head, at, index, tail);
    }

    /**
     * The record at the head was claimed but its header never written. In an MPMC ring its bytes are zero up
     * to the next record (consumers clear what they read), so the first non-zero word after it starts the next
     * record. An SPSC producer never leaves such space (only a foreign write does) and its consumer clears
     * nothing, so there the scan is exact only in the ring's first lap; later it may stop at an earlier lap's
     * word, and what is read from there is checked as any record is (a corrupted file: typed errors).
     */
    private boolean dropUnwritten(long head, int at, int index, long tail) {
        int limit = (int) Math.min(ring.capacity - index, tail - head);
        if (limit < HEADER_LENGTH) {
            throw corrupted("claimed span of " + limit + " bytes at position " + head + " is shorter than a record header");
        }
        int span = limit;
        for (int i = HEADER_LENGTH; i < limit; i += RecordDescriptor.ALIGNMENT) {
            // volatile: pairs with the release of the next record's length (its header words come first)
            if (memory.getLongVolatile(at + i) != 0) {
                span = i;
                break;
            }
        }
        if (!memory.compareAndSetInt(at + LENGTH_OFFSET, 0, -span)) {
            return true; // its producer wrote the header after all: look again
        }
        memory.putInt(at + TYPE_OFFSET, TYPE_ABORTED);
        memory.putLong(at + PRODUCER_OFFSET, 0);
        // release: pairs with the consumer's acquire of the length; the aborted type is seen with it
        memory.putIntRelease(at + LENGTH_OFFSET, span);
        stuckPosition = -1;
        return true;
    }

    /** Validates a committed record's header; returns the bytes it takes. */
    private int checkRecord(int index, int length, int type) {
        int toEnd = ring.capacity - index;
        if (length < HEADER_LENGTH || length > toEnd) {
            throw corrupted("record at index " + index + " has length " + length + " (header " + HEADER_LENGTH
                    + ", " + toEnd + " bytes to the end of the ring)");
        }
        switch (type) {
            case TYPE_DATA:
            case TYPE_FRAGMENT_FIRST:
            case TYPE_FRAGMENT_NEXT:
                if (type == TYPE_FRAGMENT_FIRST && length - HEADER_LENGTH <= TOTAL_LENGTH_BYTES) {
                    throw corrupted("first fragment at index " + index + " has " + (length - HEADER_LENGTH) + " payload bytes");
                }
                if (length - HEADER_LENGTH > ring.maxMessageLength) {
                    throw corrupted("record at index " + index + " has " + (length - HEADER_LENGTH)
                            + " payload bytes, more than the ring's maximum " + ring.maxMessageLength);
                }
                break;
            case TYPE_PADDING:
                if (length != toEnd) {
                    throw corrupted("padding at index " + index + " is " + length + " bytes, not the " + toEnd + " to the end");
                }
                break;
            case TYPE_ABORTED:
                break;
            default:
                throw corrupted("record at index " + index + " has unknown type " + type);
        }
        return RecordDescriptor.align(length);
    }

    /**
     * Consumed messages not yet added to the shared count; the count is added once per read, except on a
     * ring bounded by count, where producers read it (and a consumer dying mid-read must not leave it lagging
     * by a whole batch).
     */
    private int count(int pending) {
        if (ring.maxCount > 0 && pending > 0) {
            addConsumed(pending);
            return 0;
        }
        return pending;
    }

    private void addConsumed(int messages) {
        // opaque: the consumer side owns the count; producers and gauges read it with volatile loads
        memory.putLongOpaque(ring.consumedOffset, memory.getLongOpaque(ring.consumedOffset) + messages);
    }

    /** Consumes a read record (MPMC: clears it); returns the position after it (the caller releases head). */
    private long consume(long head, int at, int span, boolean delivered) {
        emptyPolls = 0;
        if (!headPerRecord) {
            // SPSC: nothing to clear. Until head moves past it, a reader taking over this end skips what was
            // delivered instead of delivering it again
            if (delivered) {
                memory.putInt(at + TYPE_OFFSET, TYPE_ABORTED);
            }
            return head + span;
        }
        if (delivered) {
            memory.putInt(at + TYPE_OFFSET, TYPE_ABORTED);
            // the aborted mark is visible before any cleared byte: a consumer taking over after we die here
            // skips the record instead of handing it on torn
            VarHandle.storeStoreFence();
        }
        clear(at + PRODUCER_OFFSET, span - PRODUCER_OFFSET);
        // payload cleared before the header: a scan for the next header never meets a stale payload word
        VarHandle.storeStoreFence();
        memory.putLong(at + LENGTH_OFFSET, 0);
        return head + span;
    }

    private long release(long head) {
        // release: pairs with producers' acquire of head before they reuse the space: our reads of it (and,
        // MPMC, the cleared bytes) come first
        memory.putLongRelease(ring.headOffset, head);
        return head;
    }

    private void clear(int offset, int length) {
        if (length == Long.BYTES) {
            memory.putLong(offset, 0);
            return;
        }
        // one bulk copy costs less than a store per word from a few words on (a bounds check each)
        for (int done = 0; done < length; done += ZEROS.length) {
            memory.putBytes(offset + done, ZEROS, 0, Math.min(ZEROS.length, length - done));
        }
    }

    private CorruptedException corrupted(String what) {
        return new CorruptedException("'" + ring.name + "': " + what);
    }
}
