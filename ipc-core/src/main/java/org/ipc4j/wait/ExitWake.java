package org.ipc4j.wait;

import org.ipc4j.os.ExitWatch;
import org.ipc4j.os.Os;

/**
 * Wakes the sleepers of a futex word when a process they wait on exits, so that a waiter sleeping in long
 * slices notices a dead lock owner or peer at once instead of at its next liveness check. A waiter
 * {@link #follow}s the process it waits on before each sleep (cheap once it follows that pid), checks that
 * process's liveness when {@link #takeExit()} says it exited, and {@link #cancel}s when it stops waiting. A
 * process already gone when followed counts as exited at once.
 *
 * <p>Left to the waiter's periodic liveness check: a pid reused before it was followed (the wake then
 * follows the wrong process), and an exit reported between the waiter's {@code takeExit()} and its entering
 * the futex wait (a microsecond in a wait of milliseconds). Follow before asking {@code takeExit()}, so that a
 * process gone before it was followed is told in the same round.
 */
public final class ExitWake implements ExitWatch.Listener {
    private static final ExitWatch WATCH = Os.exitWatch();
    private static final long SELF = Os.currentProcess().pid();

    private final FutexWord word;
    private final long pid;
    private final boolean watching;
    private volatile boolean exited;
    private boolean taken;

    private ExitWake(FutexWord word, long pid) {
        this.word = word;
        this.pid = pid;
        this.watching = pid != SELF && pid > 0 && WATCH.watch(pid, this);
    }

    /**
     * The wake for {@code pid} and {@code word}: {@code current} if it already follows them (even if it fired: a pid whose
     * exit the caller's own check did not confirm is then polled, never re-watched in a loop), else a new
     * one, {@code current} being cancelled. {@code pid} 0 (nobody) gives null.
     */
    public static ExitWake follow(ExitWake current, long pid, FutexWord word) {
        if (current != null) {
            if (current.pid == pid && current.word == word) {
                return current;
            }
            cancel(current);
        }
        return pid == 0 ? null : new ExitWake(word, pid);
    }

    /** True once, the first time it is asked after the process exited. */
    public boolean takeExit() {
        if (taken || !exited) {
            return false;
        }
        taken = true;
        return true;
    }

    /** True if the process exited and {@link #takeExit()} has not told it yet. */
    public boolean exitPending() {
        return exited && !taken;
    }

    /** Stops following; null is allowed. */
    public static void cancel(ExitWake wake) {
        if (wake != null && wake.watching) {
            WATCH.cancel(wake.pid, wake);
        }
    }

    @Override
    public void processExited() {
        exited = true;
        word.wakeAll();
    }
}
