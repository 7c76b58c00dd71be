package org.ipc4j.os;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import org.ipc4j.memory.MappedBytes;

/**
 * futex(2) through JNA direct mapping of {@code syscall(2)}: shared (not {@code FUTEX_PRIVATE_FLAG}) words,
 * so sleepers and wakers may live in different processes that map the same file. {@code FUTEX_WAIT}'s
 * relative timeout runs on {@code CLOCK_MONOTONIC}. The return value and errno (EAGAIN, EINTR, ETIMEDOUT)
 * are deliberately ignored: every caller re-reads the word and its deadline after waking.
 */
final class LinuxFutex implements Futex {
    private static final int FUTEX_WAIT = 0;
    private static final int FUTEX_WAKE = 1;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** One struct timespec per thread, reused so that a wait allocates nothing. */
    private static final ThreadLocal<Memory> TIMESPEC = ThreadLocal.withInitial(() -> new Memory(16));

    private final long sysFutex;

    private LinuxFutex(long sysFutex) {
        this.sysFutex = sysFutex;
    }

    /** Returns a working futex, or null where this machine has none (not Linux, unknown CPU, no JNA). */
    static Futex probe() {
        if (!Platform.isLinux()) {
            return null;
        }
        final long nr;
        if (Platform.isIntel() && Platform.is64Bit()) {
            nr = 202;
        } else if (Platform.isARM() && Platform.is64Bit()) {
            nr = 98;
        } else {
            return null;
        }
        try {
            Syscalls.ensureRegistered();
            Memory word = new Memory(4);
            word.setInt(0, 0);
            long woken = Syscalls.syscall(nr, Pointer.nativeValue(word), FUTEX_WAKE, 1, 0, 0, 0);
            return woken == 0 ? new LinuxFutex(nr) : null;
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void await(MappedBytes memory, int offset, int expected, long timeoutNanos) {
        Memory timespec = TIMESPEC.get();
        timespec.setLong(0, timeoutNanos / NANOS_PER_SECOND);
        timespec.setLong(8, timeoutNanos % NANOS_PER_SECOND);
        Syscalls.syscall(sysFutex, memory.address() + offset, FUTEX_WAIT, expected, Pointer.nativeValue(timespec), 0, 0);
    }

    @Override
    public int wake(MappedBytes memory, int offset, int count) {
        return (int) Syscalls.syscall(sysFutex, memory.address() + offset, FUTEX_WAKE, count, 0, 0, 0);
    }

    @Override
    public String name() {
        return "linux-futex";
    }

    /** Direct-mapped libc; syscall(2) is variadic, but with integer arguments only the call is the same. */
    static final class Syscalls {
        private static boolean registered;

        static synchronized void ensureRegistered() {
            if (!registered) {
                Native.register(Syscalls.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
                registered = true;
            }
        }

        static native long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

        private Syscalls() {
        }
    }
}
