package org.ipc4j.sync;

import org.ipc4j.errors.Ipc4jException;
import org.ipc4j.os.Os;
import org.ipc4j.os.ProcessLiveness;

/**
 * The identity of a process incarnation as the sync types store it beside a pid: its start time, tagged
 * with the kind of {@link ProcessLiveness} that measured it. Two JVMs forced onto different liveness
 * implementations measure start times in different units; the tag keeps such a mismatch from ever making
 * a live process look dead.
 */
final class ProcessStamp {
    /** 0 means "unknown": a stamp is never 0 for a known start time. */
    static final long UNKNOWN = 0;
    private static final ProcessLiveness LIVENESS = Os.liveness();
    private static final long TAG_MASK = 3L << 62;
    private static final long TAG = "procfs".equals(LIVENESS.name()) ? 1L << 62 : 2L << 62;
    private static final long MY_PID = Os.currentProcess().pid();
    private static final long MY_STAMP = of(Os.currentProcess().startTime());

    private ProcessStamp() {
    }

    /** This process's pid as stored in 32-bit owner words; throws if the platform's pids do not fit. */
    static int myPid(String objectName) {
        if (MY_PID <= 0 || MY_PID > Integer.MAX_VALUE) {
            throw new Ipc4jException("'" + objectName + "': pid " + MY_PID + " does not fit the 31-bit owner word");
        }
        return (int) MY_PID;
    }

    static long mine() {
        return MY_STAMP;
    }

    static long of(long startTime) {
        return startTime <= 0 || (startTime & TAG_MASK) != 0 ? UNKNOWN : TAG | startTime;
    }

    /**
     * True only if the process that stored {@code pid} and {@code stamp} has certainly ended: no process
     * runs under {@code pid}, or one does that started at another time than the stamp says (pid reuse).
     * An unknown stamp, or one measured by another liveness kind, falls back to "is any process {@code pid}
     * running", which pid reuse can only fool towards "alive".
     */
    static boolean isDead(long pid, long stamp) {
        long actual = LIVENESS.startTime(pid);
        if (actual == ProcessLiveness.DEAD) {
            return true;
        }
        if (actual == ProcessLiveness.UNKNOWN || stamp == UNKNOWN || (stamp & TAG_MASK) != TAG) {
            return false;
        }
        return (stamp & ~TAG_MASK) != actual;
    }
}
