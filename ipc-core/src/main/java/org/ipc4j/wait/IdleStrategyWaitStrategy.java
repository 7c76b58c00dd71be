package org.ipc4j.wait;

import org.agrona.concurrent.IdleStrategy;

/**
 * Adapts an Agrona {@link IdleStrategy} (backoff, sleeping, yielding, ...) as a wait strategy that never
 * sleeps on the futex. Agrona's strategies keep per-thread state, so give each waiting thread its own.
 */
public final class IdleStrategyWaitStrategy implements WaitStrategy {
    private final IdleStrategy idleStrategy;

    public IdleStrategyWaitStrategy(IdleStrategy idleStrategy) {
        this.idleStrategy = idleStrategy;
    }

    @Override
    public void idle(FutexWord word, int seen, int round, long deadlineNanos) {
        if (round == 0) {
            idleStrategy.reset();
        }
        idleStrategy.idle();
    }

    /** Agrona's strategies park or yield, never on the futex: nobody needs to wake them. */
    @Override
    public boolean maySleep(int round) {
        return false;
    }

    @Override
    public String toString() {
        return "agrona(" + idleStrategy.alias() + ")";
    }
}
