package org.ipc4j.os;

/**
 * Answers "is the process that wrote this owner id still running?" in a way pid reuse cannot fool: a
 * process is alive only if a process with that pid runs now and started at the recorded time.
 */
public interface ProcessLiveness {
    /** {@link #startTime} when no process runs under the pid (zombies count as dead). */
    long DEAD = -1;
    /**
     * {@link #startTime} when the process may run but its start time cannot be read now (a transient I/O
     * error such as EMFILE): callers must treat it as alive, never take over what it owns.
     */
    long UNKNOWN = 0;

    /** The start time of the running process {@code pid}, {@link #DEAD}, or {@link #UNKNOWN}. */
    long startTime(long pid);

    /**
     * True unless the process is certainly gone: no process runs under {@code pid}, or one runs that started
     * at another time than {@code startTime} (pid reuse). A {@code startTime} of 0 means "any process".
     */
    default boolean isAlive(long pid, long startTime) {
        long actual = startTime(pid);
        if (actual == DEAD) {
            return false;
        }
        return actual == UNKNOWN || startTime == 0 || sameStart(actual, startTime, -1L);
    }

    /**
     * True if {@code actual}, a start time read now, and {@code recorded}, one read before (perhaps by another
     * process), name the same start, compared in the bits of {@code mask} (an identity keeps only its low
     * bits; -1 compares all). Exact equality unless the method's start times can move (see
     * {@link ProcessHandleLiveness}).
     */
    default boolean sameStart(long actual, long recorded, long mask) {
        return ((actual ^ recorded) & mask) == 0;
    }

    default boolean isAlive(ProcessId id) {
        return isAlive(id.pid(), id.startTime());
    }

    /** A short name for reports: "procfs" or "process-handle". */
    String name();
}
