package org.ipc4j.os;

/**
 * Answers "is the process that wrote this owner id still running?" in a way pid reuse cannot fool: a
 * process is alive only if a process with that pid runs now and started at the recorded time.
 */
public interface ProcessLiveness {
    /** The start time of the running process {@code pid}, or {@code -1} if none runs (zombies count as dead). */
    long startTime(long pid);

    /** True if {@code pid} runs and, when {@code startTime} is not 0, started at {@code startTime}. */
    default boolean isAlive(long pid, long startTime) {
        long actual = startTime(pid);
        return actual >= 0 && (startTime == 0 || actual == startTime);
    }

    default boolean isAlive(ProcessId id) {
        return isAlive(id.pid(), id.startTime());
    }

    /** A short name for reports: "procfs" or "process-handle". */
    String name();
}
