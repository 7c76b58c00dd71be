package org.ipc4j.ring;

import org.ipc4j.wait.ExitWake;
import org.ipc4j.wait.FutexWord;
import org.ipc4j.wait.Readiness;
import org.ipc4j.wait.WaitStrategies;

/**
 * A ring's consumer side for {@link org.ipc4j.wait.WaitSet}: ready when {@link Ring#awaitMessage} would return
 * at once (a committed message at the head, or nothing more can come and the ring is drained). While a wait
 * lasts it registers interest on the not-empty signal, so that every commit bumps the word, and follows the
 * producers' process so that its exit wakes the word.
 */
final class MessageReadiness implements Readiness {
    private final Ring ring;
    private final RingPeers producers;
    private ExitWake producerExit;

    MessageReadiness(Ring ring, RingPeers producers) {
        this.ring = ring;
        this.producers = producers;
    }

    @Override
    public boolean isReady() {
        if (producerExit != null && producerExit.takeExit()) {
            producers.stateNow(); // read the liveness of the process that exited now, not at the next interval
        }
        try {
            return ring.awaitMessage(Ring.NO_WAIT, WaitStrategies.BUSY_SPIN, producers) != 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the wait set throws it
            return false;
        }
    }

    @Override
    public FutexWord word() {
        return ring.notEmpty.futexWord();
    }

    @Override
    public void beginWait() {
        ring.notEmpty.register();
        producerExit = ExitWake.follow(null, producers.processToFollow(), word());
    }

    @Override
    public void endWait() {
        ExitWake.cancel(producerExit);
        producerExit = null;
        ring.notEmpty.unregister();
    }

    @Override
    public long recheckIntervalNanos() {
        return producers.checkIntervalNanos();
    }
}
