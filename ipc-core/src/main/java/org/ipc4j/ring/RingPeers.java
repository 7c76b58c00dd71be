package org.ipc4j.ring;

/**
 * What a channel knows about the other side of a ring while one of its ends waits in {@link Ring#read(RecordHandler,
 * int, long, WaitStrategy, RingPeers)} or {@link Ring#claim(int, int, long, WaitStrategy, RingPeers)}: whether
 * anything can still arrive (or be taken), so that the one wait loop ends with {@link Ring#END} instead of waiting
 * for a peer that is gone. The loop asks on the rounds that make checks, never on every poll.
 */
public interface RingPeers {
    /** The other side may still act: keep waiting. */
    int ALIVE = 0;
    /** No new claim can start (a queue shut down), but claims already made still commit: end once drained. */
    int NO_NEW_CLAIMS = 1;
    /** Every producer (or consumer) is gone: records they left unfinished never will be, so drop them. */
    int GONE = 2;

    /** For rings whose peers are not tracked (the public ring): always {@link #ALIVE}. */
    RingPeers UNTRACKED = new RingPeers() {
        @Override
        public int state() {
            return ALIVE;
        }
    };

    /** {@link #ALIVE}, {@link #NO_NEW_CLAIMS} or {@link #GONE}; may read the clock or check liveness. */
    int state();

    /**
     * As {@link #state()}, but reading liveness now, however recently it was read: the wait loop calls it
     * when the process it follows ({@link #processToFollow()}) has exited.
     */
    default int stateNow() {
        return state();
    }

    /**
     * The pid of a process whose exit would change {@link #state()}, for the wait loop to have that exit wake
     * it ({@link org.ipc4j.wait.ExitWake}); 0 when there is none to follow.
     */
    default long processToFollow() {
        return 0;
    }

    /** The longest a waiter may sleep between two calls of {@link #state()}; unbounded by default. */
    default long checkIntervalNanos() {
        return Long.MAX_VALUE;
    }
}
