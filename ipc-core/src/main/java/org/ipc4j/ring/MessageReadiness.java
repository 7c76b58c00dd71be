package org.ipc4j.ring;

import java.util.concurrent.TimeUnit;

import org.ipc4j.wait.ExitWake;
import org.ipc4j.wait.FutexWord;
import org.ipc4j.wait.Readiness;
import org.ipc4j.wait.WaitStrategies;

/**
 * A ring's consumer side for {@link org.ipc4j.wait.WaitSet}: ready when {@link Ring#awaitMessage} would return
 * at once (a committed message at the head, or nothing more can come and the ring is drained). While a wait
 * lasts it registers interest on the not-empty signal, so that every commit bumps the word, and follows the
 * producers' process so that its exit wakes the word.
 *
 * <p>Records that are there but cannot be read yet signal nothing when that changes: another consumer holding
 * the lock, or a claim at the head whose producer has not written it (or died before it did). While the last
 * check found such records, the waiter looks again every millisecond, drops a dead producer's claim as
 * {@link Ring#awaitMessage} does, and follows the exit of the claim's owner.
 */
final class MessageReadiness implements Readiness {
    private static final long PENDING_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Ring ring;
    private final RingPeers producers;
    private ExitWake producerExit;
    private boolean waiting;
    /** The last check found records at the head that could not be read. */
    private boolean pending;

    MessageReadiness(Ring ring, RingPeers producers) {
        this.ring = ring;
        this.producers = producers;
    }

    @Override
    public boolean isReady() {
        return check(true);
    }

    /** {@code mayLookAgain}: once more at once if the process followed now turns out gone already. */
    private boolean check(boolean mayLookAgain) {
        if (producerExit != null && producerExit.takeExit()) {
            ring.reader.checkStuckNow(); // it may have been the owner of a claim at the head
            producers.stateNow(); // read the liveness of the process that exited now, not at the next interval
        }
        try {
            if (messageOrEnd()) {
                return true;
            }
            pending = !ring.isDrained();
            if (pending && ring.recoverStuckRecord(false)) {
                if (messageOrEnd()) {
                    return true;
                }
                pending = !ring.isDrained();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the wait set throws it
            return false;
        }
        if (pending && waiting) {
            follow();
            if (mayLookAgain && producerExit != null && producerExit.exitPending()) {
                return check(false); // gone before it could be followed: that exit is news now, not after a sleep
            }
        }
        return false;
    }

    private boolean messageOrEnd() throws InterruptedException {
        return ring.awaitMessage(Ring.NO_WAIT, WaitStrategies.BUSY_SPIN, producers) != 0;
    }

    private void follow() {
        producerExit = ExitWake.follow(producerExit, ring.processToFollow(producers), word());
    }

    @Override
    public FutexWord word() {
        return ring.notEmpty.futexWord();
    }

    @Override
    public void beginWait() {
        ring.notEmpty.register();
        waiting = true;
        try {
            follow();
        } catch (RuntimeException | Error e) {
            endWait(); // the wait set calls endWait only for the steps that returned
            throw e;
        }
    }

    @Override
    public void endWait() {
        waiting = false;
        ExitWake.cancel(producerExit);
        producerExit = null;
        ring.notEmpty.unregister();
    }

    @Override
    public long recheckIntervalNanos() {
        return pending ? Math.min(PENDING_RECHECK_NANOS, producers.checkIntervalNanos()) : producers.checkIntervalNanos();
    }
}
