package org.ipc4j.wait;

/**
 * What {@link WaitSet} needs of a {@link Waitable} for one wait: whether it is ready, and what tells a sleeper
 * that it may have become ready. Most objects have a futex word in shared memory that their wakers change
 * and wake ({@link #word()}); one without ({@code JvmProcess}) unparks the waiting thread itself.
 *
 * <p>The protocol: {@link #beginWait()}, then (read the word, check {@link #isReady()}, sleep while the word
 * holds what was read) as often as needed, then {@link #endWait()}. Whatever makes the object ready after
 * {@code beginWait} changes the word or wakes its sleepers, so a check made after reading the word never
 * misses it.
 */
public interface Readiness {
    /** Whether a call that waits for the object would return now without waiting. */
    boolean isReady();

    /** The futex word that changes or is woken when the object may have become ready; null if it has none. */
    FutexWord word();

    /**
     * Starts watching: from now on, whatever makes the object ready changes or wakes {@link #word()}. One that
     * throws has undone what it began: {@link #endWait()} is not called for it.
     */
    default void beginWait() {
    }

    /** Stops watching; called once after {@link #beginWait()}, however the wait ended. */
    default void endWait() {
    }

    /** For an object with no {@link #word()}: unpark {@code waiter} once ready, until {@link #stopUnparking}. */
    default void unparkWhenReady(Thread waiter) {
    }

    default void stopUnparking(Thread waiter) {
    }

    /**
     * The longest a waiter may sleep before it checks {@link #isReady()} again (a peer's liveness is polled, or
     * the last check found the object in a state whose end nobody signals); asked after every check.
     */
    default long recheckIntervalNanos() {
        return Long.MAX_VALUE;
    }
}
