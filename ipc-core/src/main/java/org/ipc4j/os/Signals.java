package org.ipc4j.os;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Sends a signal to a process: kill(2) where this JVM makes system calls, else the {@code kill} command. */
public final class Signals {
    public static final int SIGINT = 2;
    private static final int ESRCH = 3;

    private Signals() {
    }

    /**
     * Sends signal {@code number} to {@code pid}; false if no such process exists (it ended and was reaped, a race
     * every caller that checked liveness first can lose), an {@link UncheckedIOException} if it cannot be sent.
     */
    public static boolean send(long pid, int number) {
        SystemCalls calls = SystemCalls.chosen();
        if (calls != null) {
            long result = calls.callOrError(LinuxCall.KILL, pid, number, 0, 0, 0, 0);
            if (result == 0) {
                return true;
            }
            long errno = -result;
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
}
