package org.ipc4j.ring;

import org.ipc4j.os.Os;
import org.ipc4j.os.ProcessId;
import org.ipc4j.os.ProcessLiveness;

/**
 * A process packed into 64 bits (pid in the high half, the low 32 bits of its start time in the low half),
 * so that an owner can be claimed with one CAS and recognised after pid reuse.
 */
public final class ProcessStamp {
    public static final long NONE = 0;

    private ProcessStamp() {
    }

    public static long of(ProcessId id) {
        return (id.pid() << 32) | (id.startTime() & 0xFFFF_FFFFL);
    }

    public static long current() {
        return of(Os.currentProcess());
    }

    public static int pid(long stamp) {
        return (int) (stamp >>> 32);
    }

    public static int startTimeLow(long stamp) {
        return (int) stamp;
    }

    /**
     * True if process {@code pid} runs and started at a time whose low 32 bits are {@code startTimeLow}: a
     * pid reused by another process reads as dead. Where the start time cannot be told now
     * ({@link ProcessLiveness#UNKNOWN}), the pid alone decides.
     */
    public static boolean isAlive(int pid, int startTimeLow) {
        if (pid <= 0) {
            return false;
        }
        long actual = Os.liveness().startTime(pid);
        if (actual == ProcessLiveness.DEAD) {
            return false;
        }
        return actual == ProcessLiveness.UNKNOWN || (int) actual == startTimeLow;
    }

    public static boolean isAlive(long stamp) {
        return isAlive(pid(stamp), startTimeLow(stamp));
    }
}
