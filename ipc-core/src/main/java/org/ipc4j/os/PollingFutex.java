package org.ipc4j.os;

import java.util.concurrent.locks.LockSupport;

import org.ipc4j.memory.MappedBytes;

/**
 * The portable fallback for {@link Futex}: a sleeper polls the word with a growing park (50 us up to 1 ms),
 * so it notices a change within about a millisecond without a kernel wait queue. {@link #wake} has nothing
 * to do. Chosen where futex(2) is missing, or forced with {@code -Dipc4j.futex=polling}.
 */
final class PollingFutex implements Futex {
    private static final long MIN_PARK_NANOS = 50_000;
    private static final long MAX_PARK_NANOS = 1_000_000;

    @Override
    public void await(MappedBytes memory, int offset, int expected, long timeoutNanos) {
        final long deadline = System.nanoTime() + timeoutNanos;
        long park = MIN_PARK_NANOS;
        while (memory.getIntVolatile(offset) == expected) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || Thread.currentThread().isInterrupted()) {
                return;
            }
            LockSupport.parkNanos(Math.min(park, left));
            park = Math.min(park * 2, MAX_PARK_NANOS);
        }
    }

    @Override
    public int wake(MappedBytes memory, int offset, int count) {
        return 0;
    }

    @Override
    public String name() {
        return "polling";
    }
}
