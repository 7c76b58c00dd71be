package org.ipc4j.os;

import java.nio.ByteBuffer;

/**
 * The seam to the operating system: the {@link Futex}, the {@link ProcessLiveness}, the {@link ExitWatch}
 * and the {@link Mappings} in use, chosen once.
 *
 * <p>Linux gets futex(2) and /proc; anything else gets the portable fallbacks. {@code -Dipc4j.futex=polling}
 * and {@code -Dipc4j.liveness=portable} force the fallbacks (the test suite runs with both). Every system call
 * goes through one backend ({@link #nativeBackend()}): java.lang.foreign on JDK 22+, JNA before.
 */
public final class Os {
    private static final Futex FUTEX = chooseFutex();
    private static final ProcessLiveness LIVENESS = chooseLiveness();
    private static final Mappings MAPPINGS = chooseMappings();
    private static final ExitWatch EXIT_WATCH = chooseExitWatch();
    private static final ProcessId CURRENT = new ProcessId(ProcessHandle.current().pid(),
            LIVENESS.startTime(ProcessHandle.current().pid()));

    private Os() {
    }

    public static Futex futex() {
        return FUTEX;
    }

    public static ProcessLiveness liveness() {
        return LIVENESS;
    }

    /** What is done with a mapping of a closed object ({@code -Dipc4j.mappings=until-collected} forces the fallback). */
    public static Mappings mappings() {
        return MAPPINGS;
    }

    /** How waiters learn that a process exited without polling ({@code -Dipc4j.exitWatch=none}: they poll; see chooseExitWatch). */
    public static ExitWatch exitWatch() {
        return EXIT_WATCH;
    }

    /**
     * The native address of byte 0 of a direct buffer, for system calls that take one; an
     * {@link UnsupportedOperationException} where this JVM makes no system calls ({@link #nativeBackend()} is "none").
     */
    public static long addressOf(ByteBuffer direct) {
        SystemCalls calls = SystemCalls.chosen();
        if (calls == null) {
            throw new UnsupportedOperationException("no native backend: this JVM makes no system calls");
        }
        return calls.address(direct);
    }

    /**
     * How this JVM reaches the kernel: "ffm" (java.lang.foreign, JDK 22+ from the multi-release jar), "jna" (JDK
     * 17-21, or {@code -Dipc4j.native=jna}) or "none" (the portable fallbacks everywhere).
     */
    public static String nativeBackend() {
        SystemCalls calls = SystemCalls.chosen();
        return calls == null ? "none" : calls.name();
    }

    /** This process: pid and start time. */
    public static ProcessId currentProcess() {
        return CURRENT;
    }

    /** The portable futex, whatever the platform: for tests and benchmarks of the fallback. */
    public static Futex pollingFutex() {
        return new PollingFutex();
    }

    /** The portable liveness check, whatever the platform. */
    public static ProcessLiveness portableLiveness() {
        return new ProcessHandleLiveness();
    }

    private static Futex chooseFutex() {
        if (!"polling".equals(System.getProperty("ipc4j.futex"))) {
            Futex linux = LinuxFutex.probe();
            if (linux != null) {
                return linux;
            }
        }
        return new PollingFutex();
    }

    private static Mappings chooseMappings() {
        if (!Mappings.UNTIL_COLLECTED.name().equals(System.getProperty("ipc4j.mappings"))) {
            Mappings linux = LinuxMappings.probe();
            if (linux != null) {
                return linux;
            }
        }
        return Mappings.UNTIL_COLLECTED;
    }

    /**
     * {@code -Dipc4j.exitWatch}: unset, both the lifelines and pidfds (whichever tells first); {@code pidfd}, pidfds
     * alone; {@code none}, nothing (waiters poll).
     */
    private static ExitWatch chooseExitWatch() {
        String chosen = System.getProperty("ipc4j.exitWatch", "");
        if (chosen.equals(ExitWatch.NONE.name())) {
            return ExitWatch.NONE;
        }
        ExitWatch pidfd = PidfdExitWatch.probe();
        if (pidfd == null) {
            return ExitWatch.NONE;
        }
        if (chosen.equals(pidfd.name())) {
            return pidfd;
        }
        // the lifeline's futex sleeps need the kernel's futex, whatever -Dipc4j.futex says of the others
        Futex futex = LinuxFutex.probe();
        return futex == null ? pidfd : new EitherExitWatch(new LifelineWatch(futex), pidfd);
    }

    /**
     * A pidfd watch of its own, whatever {@code -Dipc4j.exitWatch} says, or {@link ExitWatch#NONE}: for
     * measurements of when the kernel reports that a process has exited.
     */
    public static ExitWatch kernelExitWatch() {
        ExitWatch pidfd = PidfdExitWatch.probe();
        return pidfd == null ? ExitWatch.NONE : pidfd;
    }

    private static ProcessLiveness chooseLiveness() {
        if (!"portable".equals(System.getProperty("ipc4j.liveness"))) {
            ProcessLiveness procfs = ProcfsLiveness.probe();
            if (procfs != null) {
                return procfs;
            }
        }
        return new ProcessHandleLiveness();
    }
}
