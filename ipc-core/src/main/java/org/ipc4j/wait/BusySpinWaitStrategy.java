package org.ipc4j.wait;

/** Never leaves the CPU: the lowest latency, one core burnt per waiter. Never makes a system call. */
public final class BusySpinWaitStrategy implements WaitStrategy {
    @Override
    public void idle(FutexWord word, int seen, int round, long deadlineNanos) {
        Thread.onSpinWait();
    }

    @Override
    public boolean spinsOnly(int round) {
        return true;
    }

    @Override
    public boolean maySleep(int round) {
        return false;
    }

    @Override
    public String toString() {
        return "busy-spin";
    }
}
