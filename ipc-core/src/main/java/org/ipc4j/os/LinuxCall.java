package org.ipc4j.os;

import java.util.Locale;

/**
 * The Linux system calls ipc4j makes, by their numbers on the two CPUs it knows. Calls added after 4.20
 * (pidfd_open) share one number on every architecture; the older ones differ.
 */
enum LinuxCall {
    READ(0, 63),
    WRITE(1, 64),
    CLOSE(3, 57),
    MMAP(9, 222),
    MADVISE(28, 233),
    KILL(62, 129),
    GETTID(186, 178),
    FUTEX(202, 98),
    PPOLL(271, 73),
    SET_ROBUST_LIST(273, 99),
    EVENTFD2(290, 19),
    PIDFD_OPEN(434, 434);

    /** This machine's numbers exist: Linux on x86-64 or arm64. */
    static final boolean AVAILABLE = Machine.LINUX && (Machine.X86_64 || Machine.ARM64);

    final long number;

    LinuxCall(long x86, long arm64) {
        this.number = Machine.ARM64 ? arm64 : x86;
    }

    /** What runs here, read once from the JVM's properties (os.name, os.arch). */
    static final class Machine {
        static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
        static final boolean X86_64 = is("amd64", "x86_64");
        static final boolean ARM64 = is("aarch64", "arm64");

        private static boolean is(String... names) {
            String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
            for (String name : names) {
                if (arch.equals(name)) {
                    return true;
                }
            }
            return false;
        }

        private Machine() {
        }
    }
}
