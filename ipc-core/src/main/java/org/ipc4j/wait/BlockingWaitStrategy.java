package org.ipc4j.wait;

/**
 * Spin {@code spins} rounds, yield {@code yields} rounds, then sleep on the futex in slices of at most
 * {@code maxSleepNanos}. A waker pays a system call only while someone is in the sleeping phase.
 */
public final class BlockingWaitStrategy implements WaitStrategy {
    private final int spins;
    private final int yields;
    private final long maxSleepNanos;

    public BlockingWaitStrategy(int spins, int yields, long maxSleepNanos) {
        if (spins < 0 || yields < 0 || maxSleepNanos <= 0) {
            throw new IllegalArgumentException("spins and yields must be >= 0 and the sleep slice > 0");
        }
        this.spins = spins;
        this.yields = yields;
        this.maxSleepNanos = maxSleepNanos;
    }

    @Override
    public void idle(FutexWord word, int seen, int round, long deadlineNanos) {
        if (round < spins) {
            Thread.onSpinWait();
        } else if (round < spins + yields) {
            Thread.yield();
        } else {
            long left = deadlineNanos - System.nanoTime();
            word.sleep(seen, Math.min(left, maxSleepNanos));
        }
    }

    @Override
    public boolean spinsOnly(int round) {
        return round < spins;
    }

    @Override
    public boolean maySleep(int round) {
        return round >= spins + yields;
    }

    @Override
    public String toString() {
        return "blocking(spins=" + spins + ", yields=" + yields + ", slice=" + maxSleepNanos / 1_000_000 + "ms)";
    }
}
