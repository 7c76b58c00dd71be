package org.ipc4j.os;

import org.ipc4j.memory.MappedBytes;

/**
 * futex(2) on shared (not {@code FUTEX_PRIVATE_FLAG}) words, so sleepers and wakers may live in different
 * processes that map the same file. {@code FUTEX_WAIT}'s relative timeout runs on {@code CLOCK_MONOTONIC}.
 * The return value and errno (EAGAIN, EINTR, ETIMEDOUT) are deliberately ignored: every caller re-reads the
 * word and its deadline after waking.
 */
final class LinuxFutex implements Futex {
    private static final int FUTEX_WAIT = 0;
    private static final int FUTEX_WAKE = 1;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** One struct timespec per thread, reused so that a wait allocates nothing. */
    private final ThreadLocal<NativeBuffer> timespecs;
    private final SystemCalls calls;

    private LinuxFutex(SystemCalls calls) {
        this.calls = calls;
        this.timespecs = ThreadLocal.withInitial(() -> new NativeBuffer(calls, 16));
    }

    /** Returns a working futex, or null where this machine has none (not Linux, unknown CPU, no native backend). */
    static Futex probe() {
        SystemCalls calls = SystemCalls.chosen();
        if (calls == null) {
            return null;
        }
        NativeBuffer word = new NativeBuffer(calls, 4);
        long woken = calls.call(LinuxCall.FUTEX, word.address, FUTEX_WAKE, 1, 0, 0, 0);
        return woken == 0 ? new LinuxFutex(calls) : null;
    }

    @Override
    public void await(MappedBytes memory, int offset, int expected, long timeoutNanos) {
        NativeBuffer timespec = timespecs.get();
        timespec.bytes.putLong(0, timeoutNanos / NANOS_PER_SECOND);
        timespec.bytes.putLong(8, timeoutNanos % NANOS_PER_SECOND);
        calls.call(LinuxCall.FUTEX, memory.address() + offset, FUTEX_WAIT, expected, timespec.address, 0, 0);
    }

    @Override
    public int wake(MappedBytes memory, int offset, int count) {
        return (int) calls.call(LinuxCall.FUTEX, memory.address() + offset, FUTEX_WAKE, count, 0, 0, 0);
    }

    @Override
    public String name() {
        return "linux-futex";
    }
}
