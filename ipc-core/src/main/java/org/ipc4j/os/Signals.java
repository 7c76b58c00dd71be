package org.ipc4j.os;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.sun.jna.Native;
import com.sun.jna.Platform;

import org.ipc4j.os.LinuxFutex.Syscalls;

/** Sends a signal to a process: kill(2) where the futex's system calls are reachable, else the {@code kill} command. */
public final class Signals {
    public static final int SIGINT = 2;
    private static final int ESRCH = 3;

    private static final long SYS_KILL = killNumber();

    private Signals() {
    }

    /**
     * Sends signal {@code number} to {@code pid}; false if no such process exists (it ended and was reaped, a race
     * every caller that checked liveness first can lose), an {@link UncheckedIOException} if it cannot be sent.
     */
    public static boolean send(long pid, int number) {
        if (SYS_KILL > 0) {
            if (Syscalls.syscall(SYS_KILL, pid, number, 0, 0, 0, 0) == 0) {
                return true;
            }
            int errno = Native.getLastError();
            if (errno == ESRCH) {
                return false;
            }
            throw new UncheckedIOException(new IOException("kill(" + pid + ", " + number + ") failed: errno " + errno));
        }
        try {
            int status = new ProcessBuilder("kill", "-" + number, Long.toString(pid)).inheritIO().start().waitFor();
            if (status == 0) {
                return true;
            }
            if (ProcessHandle.of(pid).isEmpty()) {
                return false;
            }
            throw new UncheckedIOException(new IOException("kill -" + number + " " + pid + " exited with " + status));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send signal " + number + " to " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while sending signal " + number + " to " + pid));
        }
    }

    private static long killNumber() {
        try {
            if (!Platform.isLinux() || !Platform.is64Bit()) {
                return -1;
            }
            long number = Platform.isIntel() ? 62 : Platform.isARM() ? 129 : -1;
            if (number > 0) {
                Syscalls.ensureRegistered();
            }
            return number;
        } catch (LinkageError | RuntimeException e) {
            return -1;
        }
    }
}
