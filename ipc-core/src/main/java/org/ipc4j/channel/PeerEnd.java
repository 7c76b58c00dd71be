package org.ipc4j.channel;

import java.util.concurrent.TimeUnit;

import org.ipc4j.ring.ProcessStamp;
import org.ipc4j.ring.RingPeers;

/**
 * What one end of a pipe knows about the other: whether it is gone, and why. Once gone it stays gone for this
 * end. A closed flag is seen at once; the holder's liveness is read at most every 20 ms. An end that is free
 * or in transit is alive.
 */
final class PeerEnd implements RingPeers {
    private static final long CHECK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final EndLine line;
    private long nextCheckNanos;
    private String gone;

    PeerEnd(EndLine line) {
        this.line = line;
    }

    boolean isClosed() {
        return line.isClosed();
    }

    /** Why the other end is gone, if that is known already; reads nothing. */
    String knownGone() {
        return gone;
    }

    /** Why the other end is gone ("was closed", "died (pid N)", ...), or null while it may still act. */
    String gone() {
        if (gone != null) {
            return gone;
        }
        if (line.isClosed()) {
            gone = "was closed";
            return gone;
        }
        long now = System.nanoTime();
        if (now - nextCheckNanos < 0) {
            return null;
        }
        nextCheckNanos = now + CHECK_INTERVAL_NANOS;
        long word = line.holder();
        if (word != PipeDescriptor.FREE && !EndLine.isInTransit(word) && !ProcessStamp.isAlive(word)) {
            gone = "died (pid " + ProcessStamp.pid(word) + ")";
        }
        return gone;
    }

    /** As {@link #gone()}, reading the holder now whenever it was last read. */
    String goneNow() {
        nextCheckNanos = System.nanoTime();
        return gone();
    }

    @Override
    public int state() {
        return gone() == null ? ALIVE : GONE;
    }

    @Override
    public long checkIntervalNanos() {
        return CHECK_INTERVAL_NANOS;
    }
}
