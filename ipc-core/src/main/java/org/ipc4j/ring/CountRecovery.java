package org.ipc4j.ring;

/**
 * Gives back the count units of a ring bounded by count ({@link RingOptions#maxCount()}, Python's
 * {@code Queue(maxsize)}) that died with a process. A producer killed between reserving a count and claiming
 * its record leaves the reserved count one ahead for good; with a max count of 1 every later claim would be
 * refused. When a claim is refused by the count while the ring is drained (nothing claimed beyond the head,
 * no stream in progress) and neither counter has moved for the ring's stuck bound, the difference can only be
 * such leftovers, since a live producer turns its count into a claim within a few instructions: the consumed
 * count is set to the reserved one. The price, documented at {@link RingOptions#maxCount()}: a producer paused
 * for that long between its count and its claim (SIGSTOP, a debugger) makes the ring hold one message more
 * than the max count until that one is consumed.
 */
final class CountRecovery {
    private final Ring ring;
    private final long boundNanos;
    /** The counters as first seen stuck, and since when; reserved -1 when nothing is being watched. */
    private long reserved = -1;
    private long consumed;
    private long sinceNanos;

    CountRecovery(Ring ring, long boundNanos) {
        this.ring = ring;
        this.boundNanos = boundNanos;
    }

    /** True while counters that look lost are being watched: a waiting producer then retries in short slices. */
    boolean isWatching() {
        return reserved >= 0;
    }

    /** Called by a producer whose claim the count refused. */
    void afterCountRefusal() {
        // volatile: counters published by the producers' CAS and the consumer's release of head
        long r = ring.memory.getLongVolatile(ring.reservedOffset);
        long c = ring.memory.getLongVolatile(ring.consumedOffset);
        if (r - c < ring.maxCount || ring.streamLock.isHeld() || !ring.isDrained()) {
            reserved = -1;
            return;
        }
        long now = System.nanoTime();
        if (r != reserved || c != consumed) {
            reserved = r;
            consumed = c;
            sinceNanos = now;
            return;
        }
        // the CAS fails if a consumer counted meanwhile; the next refusal looks again
        if (now - sinceNanos >= boundNanos && ring.isDrained() && ring.memory.compareAndSetLong(ring.consumedOffset, c, r)) {
            reserved = -1;
        }
    }
}
