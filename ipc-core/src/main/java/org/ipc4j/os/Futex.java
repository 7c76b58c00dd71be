package org.ipc4j.os;

import org.ipc4j.memory.MappedBytes;

/**
 * Sleep and wake on a 32-bit word in shared memory, across processes.
 *
 * <p>The contract is the futex(2) one: {@link #await} sleeps only if the word still holds {@code expected}
 * when the kernel looks at it, and may return early (a wake, a signal, a changed word, or spuriously); the
 * caller always re-checks its own condition. Wakers call {@link #wake} after changing the word.
 */
public interface Futex {
    /**
     * Sleeps while the int at {@code offset} equals {@code expected}, for at most {@code timeoutNanos}
     * (which must be positive). Returns without a hint of why: the caller re-reads the word.
     */
    void await(MappedBytes memory, int offset, int expected, long timeoutNanos);

    /** Wakes up to {@code count} sleepers on the word at {@code offset}; returns how many were woken, if known. */
    int wake(MappedBytes memory, int offset, int count);

    /** A short name for reports: "linux-futex" or "polling". */
    String name();
}
