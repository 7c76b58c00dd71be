package org.ipc4j.ring;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.wait.FutexWord;
import org.ipc4j.wait.WaitStrategy;

/**
 * "Something changed" between the two sides of a ring: a futex word, its sleepers, and the number of
 * waiters that registered interest (see RingDescriptor's NOT_EMPTY / NOT_FULL lines).
 *
 * <p>A waiter registers interest (a volatile read-modify-write) before its last check of the ring; the
 * other side publishes its change with a volatile store (or a full fence) and then reads the interest with
 * a volatile load. Store-then-load on both sides in sequential consistency: either the publisher sees the
 * interest and bumps the word (so the waiter's futex sleep on the old value returns), or the waiter's check
 * sees the change. With no waiter registered, the publisher pays one load and no system call.
 */
final class RingSignal {
    private final MappedBytes memory;
    private final int interestOffset;
    private final FutexWord word;

    RingSignal(MappedBytes memory, int lineOffset) {
        this.memory = memory;
        this.interestOffset = lineOffset + RingDescriptor.SIGNAL_INTEREST;
        this.word = new FutexWord(memory, lineOffset + RingDescriptor.SIGNAL_WORD, lineOffset + RingDescriptor.SIGNAL_SLEEPERS);
    }

    /** The word sleepers wait on: whatever wakes them (an {@link org.ipc4j.wait.ExitWake}) wakes it. */
    FutexWord futexWord() {
        return word;
    }

    /** Read before checking the condition; pass it to {@link #idle}. */
    int sequence() {
        return word.get();
    }

    void register() {
        memory.getAndAddInt(interestOffset, 1);
    }

    void unregister() {
        memory.getAndAddInt(interestOffset, -1);
    }

    /** Waiters that registered interest now (for tools; a waiter killed while registered stays counted). */
    int waiting() {
        return memory.getIntVolatile(interestOffset);
    }

    void idle(WaitStrategy strategy, int seen, int round, long deadlineNanos) {
        strategy.idle(word, seen, round, deadlineNanos);
    }

    /** Call after publishing a change with a volatile store or full fence. */
    void signal() {
        if (memory.getIntVolatile(interestOffset) != 0) {
            signalAlways();
        }
    }

    /** Bumps the word and wakes every sleeper, whether or not anyone registered (close, shutdown). */
    void signalAlways() {
        memory.getAndAddInt(word.offset(), 1);
        word.wakeAll();
    }
}
