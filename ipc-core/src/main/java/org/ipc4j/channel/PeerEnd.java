package org.ipc4j.channel;

import java.util.concurrent.TimeUnit;

import org.ipc4j.os.ProcessIdentity;
import org.ipc4j.ring.RingPeers;

/**
 * What one end of a pipe knows about the other: whether it is gone, and why. Once gone it stays gone for this
 * end. A closed flag is seen at once; the holder's liveness is read at most every 20 ms, and at once when a
 * waiter following the holder ({@link #processToFollow()}) saw it exit.
 *
 * <p>An end handed over by serialisation and not attached yet is alive for {@link #HANDOVER_PROPERTY}
 * milliseconds (default {@value #DEFAULT_HANDOVER_MILLIS}) from when this end first sees it in transit; then
 * this end gives it up (a late attach fails) and counts it as gone. The bound is measured here, on this
 * process's clock, so it starts no earlier than the hand-over itself; while a receiver named by
 * {@link PipeHandover} runs, it starts again at every check.
 */
final class PeerEnd implements RingPeers {
    /** How long an end may stay in transit before the other end gives it up; {@code -Dipc4j.pipeHandoverMillis}. */
    static final String HANDOVER_PROPERTY = "ipc4j.pipeHandoverMillis";
    static final long DEFAULT_HANDOVER_MILLIS = 10_000;
    private static final long CHECK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final EndLine line;
    private final long handoverMillis = Long.getLong(HANDOVER_PROPERTY, DEFAULT_HANDOVER_MILLIS);
    private long nextCheckNanos;
    private String gone;
    /** The hand-over being timed: its holder word and count, and when this end first saw it. */
    private long transitWord;
    private int transitHandovers;
    private long transitSeenNanos;

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
        if (word == PipeDescriptor.ABANDONED) {
            gone = "was handed over and never attached";
        } else if (EndLine.isInTransit(word)) {
            if (handoverExpired(word, now)) {
                gone = "was handed over by pid " + line.processes().recordedPid(EndLine.process(word)) + " and not attached within "
                        + handoverMillis + " ms (" + HANDOVER_PROPERTY + ")";
            }
        } else if (word != PipeDescriptor.FREE && !line.processes().isAlive(word)) {
            gone = "died (pid " + line.processes().recordedPid(word) + ")";
        }
        return gone;
    }

    /** As {@link #gone()}, reading the holder now whenever it was last read. */
    String goneNow() {
        nextCheckNanos = System.nanoTime();
        return gone();
    }

    private boolean handoverExpired(long word, long now) {
        int handovers = line.handovers();
        long receiver = line.receiver();
        boolean receiverRuns = receiver != ProcessIdentity.NONE && line.processes().isAlive(receiver);
        if (word != transitWord || handovers != transitHandovers || receiverRuns) {
            transitWord = word;
            transitHandovers = handovers;
            transitSeenNanos = now;
            return false;
        }
        return now - transitSeenNanos > TimeUnit.MILLISECONDS.toNanos(handoverMillis) && line.giveUp(word);
    }

    @Override
    public int state() {
        return gone() == null ? ALIVE : GONE;
    }

    @Override
    public int stateNow() {
        return goneNow() == null ? ALIVE : GONE;
    }

    @Override
    public long processToFollow() {
        long word = line.holder();
        return word == PipeDescriptor.FREE || word == PipeDescriptor.ABANDONED || EndLine.isInTransit(word)
                ? 0 : line.processes().localPid(word);
    }

    @Override
    public long checkIntervalNanos() {
        return CHECK_INTERVAL_NANOS;
    }
}
