package org.ipc4j.os;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The portable fallback: {@link ProcessHandle}'s start instant, in epoch milliseconds. */
final class ProcessHandleLiveness implements ProcessLiveness {
    private static final long SECOND_MILLIS = 1_000;
    /** The largest wall-clock step across which a start is still recognised (see {@link #sameStart}). */
    private static final long MAX_CLOCK_SHIFT_MILLIS = TimeUnit.DAYS.toMillis(1);

    @Override
    public long startTime(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return DEAD;
        }
        return handle.get().info().startInstant().map(Instant::toEpochMilli).orElse(UNKNOWN);
    }

    /**
     * On Linux the JDK's start instant is the boot time as this JVM read it at start-up (/proc/stat, whole
     * seconds, which the kernel derives from the wall clock: it moves when the clock is stepped, or slewed
     * across a second) plus the process's start ticks: two JVMs can see one process start a whole number of
     * seconds apart (a 0.5 s clock step showed 1,000 ms). Taken for another process's start, that robbed a
     * live lock holder. So: the same start if equal, or apart by whole seconds up to a day. A reused pid is
     * then mistaken for the old process only if it started in the same tick of a second (1 in 100), and that
     * errs on the safe side: alive, nothing taken over.
     */
    @Override
    public boolean sameStart(long actual, long recorded, long mask) {
        long apart = (actual - recorded) & mask;
        if (mask != -1L && apart > mask >>> 1) {
            apart -= mask + 1; // the signed difference of two truncated values
        }
        return apart == 0 || Math.abs(apart) <= MAX_CLOCK_SHIFT_MILLIS && apart % SECOND_MILLIS == 0;
    }

    @Override
    public String name() {
        return "process-handle";
    }
}
