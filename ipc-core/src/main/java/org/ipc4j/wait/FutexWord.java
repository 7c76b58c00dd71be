package org.ipc4j.wait;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.os.Futex;
import org.ipc4j.os.Os;

/**
 * A 32-bit word in shared memory that processes sleep on, with a count of sleepers beside it so that a
 * waker makes no system call when nobody sleeps.
 *
 * <p>No lost wake-up: a sleeper increments the count (a volatile read-modify-write) and then re-reads the
 * word before the kernel re-checks it; a waker changes the word (volatile write or CAS) and then reads the
 * count. Both sides store then load with sequential consistency, so at least one of them sees the other
 * (Dekker): either the waker sees a sleeper and wakes it, or the sleeper sees the new word and does not
 * sleep. The kernel's own compare in FUTEX_WAIT closes the gap between the re-read and the sleep.
 *
 * <p>A process killed while asleep leaves the count one too high; that only costs wakers a needless
 * syscall, never a missed wake-up.
 */
public final class FutexWord {
    private final MappedBytes memory;
    private final int wordOffset;
    private final int waitersOffset;
    private final Futex futex;

    /** {@code wordOffset} and {@code waitersOffset} must each be 4-byte aligned ints in {@code memory}. */
    public FutexWord(MappedBytes memory, int wordOffset, int waitersOffset) {
        this(memory, wordOffset, waitersOffset, Os.futex());
    }

    /** With a given futex: tests use it to count system calls, or to run the portable fallback. */
    public FutexWord(MappedBytes memory, int wordOffset, int waitersOffset, Futex futex) {
        this.memory = memory;
        this.wordOffset = wordOffset;
        this.waitersOffset = waitersOffset;
        this.futex = futex;
    }

    public MappedBytes memory() {
        return memory;
    }

    public int offset() {
        return wordOffset;
    }

    public int get() {
        return memory.getIntVolatile(wordOffset);
    }

    public int waiters() {
        return memory.getIntVolatile(waitersOffset);
    }

    /**
     * Sleeps while the word holds {@code expected}, at most {@code timeoutNanos}; the caller re-checks. A
     * virtual thread parks instead, its carrier free meanwhile ({@link VirtualThreadSleep}); an interrupt
     * ends its sleep at once.
     */
    public void sleep(int expected, long timeoutNanos) {
        if (timeoutNanos <= 0) {
            return;
        }
        if (VirtualThreadSleep.currentThreadIsVirtual()) {
            VirtualThreadSleep.sleep(this, expected, timeoutNanos);
            return;
        }
        memory.getAndAddInt(waitersOffset, 1);
        try {
            if (memory.getIntVolatile(wordOffset) == expected) {
                futex.await(memory, wordOffset, expected, timeoutNanos);
            }
        } finally {
            memory.getAndAddInt(waitersOffset, -1);
        }
    }

    /** Wakes one sleeper, if any sleeps; call after changing the word. */
    public void wakeOne() {
        if (memory.getIntVolatile(waitersOffset) != 0) {
            futex.wake(memory, wordOffset, 1);
        }
    }

    /** Wakes every sleeper, if any sleeps; call after changing the word. */
    public void wakeAll() {
        if (memory.getIntVolatile(waitersOffset) != 0) {
            futex.wake(memory, wordOffset, Integer.MAX_VALUE);
        }
    }
}
