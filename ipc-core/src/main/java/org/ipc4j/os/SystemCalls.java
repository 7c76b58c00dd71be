package org.ipc4j.os;

import java.nio.ByteBuffer;

/**
 * The one door to native code: Linux's {@code syscall(2)} and the address of a direct buffer. Two backends
 * implement it, chosen once by {@link #chosen()}: {@code java.lang.foreign} on JDK 22+ (the multi-release
 * jar's {@code META-INF/versions/22}), JNA's direct mapping before that. Everything above, the futex, the
 * mappings, the lifelines, the exit watch and signals, is written once against this.
 */
interface SystemCalls {
    /** {@code syscall(number, a1..a6)}: the kernel's result, or -1 on failure. */
    long call(LinuxCall call, long a1, long a2, long a3, long a4, long a5, long a6);

    /** As {@link #call}, but a failure returns minus its errno. */
    long callOrError(LinuxCall call, long a1, long a2, long a3, long a4, long a5, long a6);

    /** The native address of byte 0 of a direct buffer (its position ignored). */
    long address(ByteBuffer direct);

    /** "ffm" or "jna": for reports and tests. */
    String name();

    /**
     * The backend of this JVM, or null where there is none (not Linux on x86-64/arm64, no JNA before JDK 22,
     * native access denied). {@code -Dipc4j.native=ffm|jna} allows only that one, {@code none} neither.
     */
    static SystemCalls chosen() {
        return Choice.CHOSEN;
    }

    /** The holder of the choice: made on first use, after every class it needs is ready. */
    final class Choice {
        static final SystemCalls CHOSEN = choose(System.getProperty("ipc4j.native", ""));

        private static SystemCalls choose(String wanted) {
            if (!LinuxCall.AVAILABLE || wanted.equals("none")) {
                return null;
            }
            SystemCalls foreign = wanted.equals("jna") ? null : ForeignSystemCalls.probe();
            if (foreign != null || wanted.equals("ffm")) {
                return foreign;
            }
            return JnaSystemCalls.probe();
        }

        private Choice() {
        }
    }
}
