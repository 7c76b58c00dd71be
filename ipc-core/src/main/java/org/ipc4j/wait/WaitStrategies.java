package org.ipc4j.wait;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The built-in strategies and the deadline arithmetic the waiting loops share. */
public final class WaitStrategies {
    /**
     * {@link #BLOCKING}'s spin rounds: some microseconds of polling, enough to catch a reply from a busy peer
     * without a system call. Longer spins cost a core while the other side is slow, and on a machine with
     * few cores they delay the very process being waited for (see results/TUNING.md).
     */
    public static final int BLOCKING_SPINS = 200;
    public static final int BLOCKING_YIELDS = 20;
    /** Spin {@link #BLOCKING_SPINS} rounds, yield a little, then sleep in 100 ms slices (callers re-check peers' liveness). */
    public static final WaitStrategy BLOCKING = new BlockingWaitStrategy(BLOCKING_SPINS, BLOCKING_YIELDS,
            TimeUnit.MILLISECONDS.toNanos(100));
    public static final WaitStrategy BUSY_SPIN = new BusySpinWaitStrategy();
    /** Far enough away to mean "never", near enough that {@code deadline - now} cannot overflow. */
    private static final long FOREVER_NANOS = Long.MAX_VALUE / 4;

    private WaitStrategies() {
    }

    /** The strategy used when none is given: {@code -Dipc4j.wait=busy-spin} or {@code blocking} (default). */
    public static WaitStrategy defaultStrategy() {
        return "busy-spin".equals(System.getProperty("ipc4j.wait")) ? BUSY_SPIN : BLOCKING;
    }

    /** A deadline {@code timeout} from now on the monotonic clock; negative timeouts are already due. */
    public static long deadline(long timeout, TimeUnit unit) {
        long nanos = unit.toNanos(timeout);
        return System.nanoTime() + Math.min(Math.max(nanos, 0), FOREVER_NANOS);
    }

    /**
     * As {@link #deadline(long, TimeUnit)} for a {@link Duration}: one too long for a {@code long} of nanoseconds
     * (from about 292 years) means "never" instead of an {@link ArithmeticException}.
     */
    public static long deadline(Duration timeout) {
        return System.nanoTime() + Math.max(nanosUpToForever(timeout), 0);
    }

    /** {@code timeout} in nanoseconds, at most the "never" of {@link #noDeadline()}, so that adding it to a clock reading cannot overflow. */
    public static long nanosUpToForever(Duration timeout) {
        return timeout.compareTo(Duration.ofNanos(FOREVER_NANOS)) >= 0 ? FOREVER_NANOS : timeout.toNanos();
    }

    public static long noDeadline() {
        return System.nanoTime() + FOREVER_NANOS;
    }

    /**
     * True for a round a waiting loop may spend just polling, skipping its clock reads and liveness checks:
     * the strategy only spins in it, and it is not one of every 64th rounds (63, 127, ..), which make the
     * checks. A busy peer's message usually comes within the first rounds, before any clock read; deadlines,
     * interrupts and dead peers are still seen within 64 polls.
     */
    public static boolean isPollOnlyRound(WaitStrategy strategy, int round) {
        return (round & 63) != 63 && strategy.spinsOnly(round);
    }

    public static boolean isDue(long deadlineNanos) {
        return System.nanoTime() - deadlineNanos >= 0;
    }
}
