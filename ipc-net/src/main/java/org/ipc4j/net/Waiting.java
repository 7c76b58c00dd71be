package org.ipc4j.net;

import java.util.concurrent.TimeUnit;

import io.aeron.Subscription;
import org.agrona.concurrent.BackoffIdleStrategy;

/**
 * One blocking call's wait for the network: spins, then yields ({@link NetSettings#IDLE_YIELDS}), then parks from 1 µs up to 1 ms, until a
 * deadline ({@link Outbound#NO_DEADLINE} for none). Made only once a call has found nothing to do, so a call
 * that need not wait allocates nothing.
 */
final class Waiting {
    private final long deadline;
    private final BackoffIdleStrategy idle = new BackoffIdleStrategy(200, NetSettings.IDLE_YIELDS, TimeUnit.MICROSECONDS.toNanos(1),
            TimeUnit.MILLISECONDS.toNanos(1));

    Waiting(long deadline) {
        this.deadline = deadline;
    }

    /** Waits a little; false once the deadline has passed. Throws if the thread is interrupted. */
    boolean idle() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return idleUninterruptibly();
    }

    boolean idleUninterruptibly() {
        if (deadline != Outbound.NO_DEADLINE && System.nanoTime() - deadline >= 0) {
            return false;
        }
        idle.idle(NetDriver.pump()); // the waiting thread runs the driver: what it waits for comes in here
        return true;
    }

    /** The address the driver bound {@code subscription} to, or null if it had not by {@code deadline}. */
    static String boundEndpoint(Subscription subscription, long deadline) {
        Waiting waiting = new Waiting(deadline);
        String bound;
        while ((bound = subscription.resolvedEndpoint()) == null && waiting.idleUninterruptibly()) {
            // the driver binds it within a few duty cycles
        }
        return bound;
    }
}
