package org.ipc4j.wait;

/**
 * How a thread waits for a shared word to change: spin, yield, sleep on the futex, or any mix.
 *
 * <p>The waiting code owns the loop and calls {@link #idle} once per round, with the value it last saw:
 * <pre>{@code
 *   for (int round = 0; (seen = word.get()) == BUSY; round++) {
 *       if (System.nanoTime() - deadline >= 0) return false;   // timed out
 *       if (Thread.interrupted()) throw new InterruptedException();
 *       strategy.idle(word, seen, round, deadline);
 *   }
 * }</pre>
 * {@code idle} may return at any time (a wake-up, a slice elapsed, spuriously); it never sleeps past the
 * deadline nor longer than its own slice, so the caller regularly gets the chance to check interruption,
 * deadlines and peer liveness. Implementations are stateless and shared between threads.
 */
public interface WaitStrategy {
    /** One round of waiting for {@code word} to leave {@code seen}; {@code round} counts from 0 in each wait. */
    void idle(FutexWord word, int seen, int round, long deadlineNanos);

    /**
     * True if round {@code round} only spins on the CPU (no yield, no sleep). A caller may then skip its
     * per-round checks (clock, liveness) on most such rounds and just poll, as long as it makes them every few
     * dozen rounds; that keeps the time between two polls of a busy channel short. False by default.
     */
    default boolean spinsOnly(int round) {
        return false;
    }

    /**
     * True if round {@code round} may sleep on the futex word, so that the waiter must have told the other side
     * (registered) before it. A waiter registers only then: a registration is a write to a line the other side
     * reads on every change, and a spinning or yielding waiter needs no wake-up. True by default.
     */
    default boolean maySleep(int round) {
        return true;
    }
}
