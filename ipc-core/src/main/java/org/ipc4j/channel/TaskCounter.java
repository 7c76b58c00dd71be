package org.ipc4j.channel;

import org.ipc4j.wait.FutexWord;
import org.ipc4j.wait.WaitStrategies;
import org.ipc4j.wait.WaitStrategy;

/** A joinable queue's count of unfinished tasks: a futex word that joiners sleep on until it reaches 0. */
final class TaskCounter {
    private final String name;
    private final FutexWord unfinished;

    TaskCounter(String name, FutexWord unfinished) {
        this.name = name;
        this.unfinished = unfinished;
    }

    void add() {
        unfinished.memory().getAndAddInt(unfinished.offset(), 1);
    }

    /** Marks one task done; wakes joiners when none is left. */
    void done() {
        while (true) {
            int left = unfinished.get();
            if (left <= 0) {
                throw new IllegalStateException("taskDone() on '" + name + "' called more times than elements were put");
            }
            if (unfinished.memory().compareAndSetInt(unfinished.offset(), left, left - 1)) {
                if (left == 1) {
                    unfinished.wakeAll();
                }
                return;
            }
        }
    }

    /** Waits until every task is done or the deadline passed; false on timeout. */
    boolean awaitAllDone(WaitStrategy strategy, long deadlineNanos) throws InterruptedException {
        for (int round = 0; ; round++) {
            int left = unfinished.get();
            if (left == 0) {
                return true;
            }
            if (WaitStrategies.isDue(deadlineNanos)) {
                return false;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            strategy.idle(unfinished, left, round, deadlineNanos);
        }
    }

    int unfinished() {
        return unfinished.get();
    }
}
