package org.ipc4j.ring;

import java.time.Duration;

/**
 * How a ring is laid out and behaves, fixed at creation and stored in its CONFIG line.
 *
 * @param capacity         bytes of record area, a power of two in [{@value RingDescriptor#MIN_CAPACITY}, 2^30]
 * @param maxMessageLength the largest payload stored inline, at most {@code capacity / 2 - 16}
 * @param maxCount         the most messages the ring holds at once, 0 for "as many as fit". A count held by a
 *                         producer killed between counting and claiming is given back once the ring has
 *                         drained and stayed still for the stuck bound; a producer paused that long between
 *                         the two (SIGSTOP) may then make the ring hold one message more for a while
 * @param stuckBound       how long a consumer waits on a claimed record whose producer cannot be judged before
 *                         it drops the record: only an MPMC claim made by one of more than
 *                         {@value ClaimsDescriptor#SLOT_COUNT} - 1 producer processes alive at once (the rest
 *                         share a slot of the claims table), or space written by something else. A claim of a
 *                         producer known to be dead is dropped as soon as that is seen; one of a live producer,
 *                         however long it is paused, never
 * @param wakeups          whether producers and consumers wake sleepers on the other side; false for
 *                         busy-spin-only rings, whose commits then need no full fence
 */
public record RingOptions(int capacity, int maxMessageLength, long maxCount, Duration stuckBound, boolean wakeups) {
    public static final Duration DEFAULT_STUCK_BOUND = Duration.ofSeconds(2);

    public RingOptions {
        if (capacity < RingDescriptor.MIN_CAPACITY || capacity > RingDescriptor.MAX_CAPACITY || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("ring capacity " + capacity + " must be a power of two between "
                    + RingDescriptor.MIN_CAPACITY + " and " + RingDescriptor.MAX_CAPACITY);
        }
        if (maxMessageLength < 0 || maxMessageLength > maxInline(capacity)) {
            throw new IllegalArgumentException("max message length " + maxMessageLength + " must be between 0 and "
                    + maxInline(capacity) + " for a ring of " + capacity + " bytes");
        }
        if (maxCount < 0) {
            throw new IllegalArgumentException("max count " + maxCount + " must be >= 0 (0 means bounded by bytes only)");
        }
        if (stuckBound == null || stuckBound.isNegative() || stuckBound.isZero()) {
            throw new IllegalArgumentException("stuck bound must be positive, not " + stuckBound);
        }
    }

    /** A ring of {@code capacity} bytes (rounded up to a power of two) with the defaults for everything else. */
    public static RingOptions ofCapacity(int capacity) {
        int rounded = capacity <= RingDescriptor.MIN_CAPACITY ? RingDescriptor.MIN_CAPACITY
                : Integer.highestOneBit(capacity - 1) << 1;
        if (capacity > RingDescriptor.MAX_CAPACITY) {
            rounded = capacity;
        }
        return new RingOptions(rounded, RingDescriptor.defaultMaxMessageLength(rounded), 0, DEFAULT_STUCK_BOUND, true);
    }

    /** Largest inline payload that still always fits after a wrap: a record of at most half the area. */
    public static int maxInline(int capacity) {
        return capacity / 2 - RecordDescriptor.HEADER_LENGTH;
    }

    public RingOptions withMaxMessageLength(int value) {
        return new RingOptions(capacity, value, maxCount, stuckBound, wakeups);
    }

    public RingOptions withMaxCount(long value) {
        return new RingOptions(capacity, maxMessageLength, value, stuckBound, wakeups);
    }

    public RingOptions withStuckBound(Duration value) {
        return new RingOptions(capacity, maxMessageLength, maxCount, value, wakeups);
    }

    public RingOptions withWakeups(boolean value) {
        return new RingOptions(capacity, maxMessageLength, maxCount, stuckBound, value);
    }
}
