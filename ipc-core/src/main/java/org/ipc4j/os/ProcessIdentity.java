package org.ipc4j.os;

/**
 * The one encoding of "which process" that every shared owner word uses (lock owners, ring producers and
 * consumers, pipe ends, map segments, barrier parties, condition waiters, region creators): 64 bits, so that
 * an owner is claimed with one CAS.
 *
 * <pre>
 *   63                              32 31 30 29                             0
 *  +----------------------------------+-----+-------------------------------+
 *  | pid, in the writer's namespace   |kind | kind-specific (30 bits)       |
 *  +----------------------------------+-----+-------------------------------+
 *    kind 1, TABLE:    slot (14 bits) | generation (16 bits) in the directory's {@link ProcessTable}
 *    kind 2, PROCFS:   start time in clock ticks since boot, low 30 bits
 *    kind 3, PORTABLE: start time in epoch milliseconds (ProcessHandle), low 30 bits
 *    kind 0: no identity; 0 is "nobody", any other word of kind 0 is never written and names no live process
 * </pre>
 *
 * <p>The kind records how the word can be judged, so processes that use different methods never misread
 * each other: a word is always judged by its own kind's method, or, where that method is not available to
 * the observer, counted alive: what cannot be told is never taken for a death. Only a TABLE word is safe across PID namespaces (its liveness is a lock the
 * kernel drops at the owner's death); the start-time kinds name a pid in the observer's namespace.
 *
 * <p>The low 32 bits, the {@linkplain #lockTag tag}, are never 0 and, among running processes, name one
 * process: host-wide for TABLE words (a slot has one holder), within a namespace for the others (they keep
 * the pid there instead of the start time, see {@link #lockTag}). Futex-based owner words hold the tag.
 */
public final class ProcessIdentity {
    /** No process: a free owner word. */
    public static final long NONE = 0;

    public static final int KIND_NONE = 0;
    public static final int KIND_TABLE = 1;
    public static final int KIND_PROCFS = 2;
    public static final int KIND_PORTABLE = 3;

    static final int KIND_SHIFT = 30;
    static final long LOW_MASK = (1L << KIND_SHIFT) - 1;
    static final int SLOT_BITS = 14;
    static final int GENERATION_BITS = 16;
    static final int GENERATION_MASK = (1 << GENERATION_BITS) - 1;
    /** Pids fit in 22 bits on Linux (pid_max at most 2^22); 30 are kept in a start-time kind's tag. */
    static final long MAX_PID = LOW_MASK;

    private ProcessIdentity() {
    }

    public static int kind(long identity) {
        return (int) (identity >>> KIND_SHIFT) & 3;
    }

    /** The pid the writer had in its own PID namespace (for messages; see {@link ProcessTable#localPid}). */
    public static long pid(long identity) {
        return identity >>> 32;
    }

    static long table(long pid, int slot, int generation) {
        return (pid << 32) | ((long) KIND_TABLE << KIND_SHIFT) | ((long) slot << GENERATION_BITS) | (generation & GENERATION_MASK);
    }

    static int slot(long identity) {
        return (int) ((identity & LOW_MASK) >>> GENERATION_BITS);
    }

    static int generation(long identity) {
        return (int) identity & GENERATION_MASK;
    }

    /**
     * A process known by its pid and start time as measured by {@code liveness}: the identity of a child
     * this JVM started, before that child has an entry in any table. {@code startTime} 0 (not known) makes a
     * word that pid reuse can fool only towards "alive".
     */
    public static long started(long pid, long startTime, ProcessLiveness liveness) {
        if (pid <= 0 || pid > MAX_PID) {
            throw new IllegalArgumentException("pid " + pid + " does not fit an ipc4j process identity");
        }
        int kind = liveness instanceof ProcfsLiveness ? KIND_PROCFS : KIND_PORTABLE;
        return (pid << 32) | ((long) kind << KIND_SHIFT) | (Math.max(startTime, 0) & LOW_MASK);
    }

    static long recordedStart(long identity) {
        return identity & LOW_MASK;
    }

    /**
     * The 32-bit form a futex owner word holds: the low half of a TABLE word, or kind and pid for the other
     * kinds (their start time does not tell two processes started in the same tick apart). Never 0.
     */
    public static int lockTag(long identity) {
        int kind = kind(identity);
        if (kind == KIND_TABLE) {
            return (int) identity;
        }
        return (int) (((long) kind << KIND_SHIFT) | (pid(identity) & LOW_MASK));
    }

    /**
     * The identity a {@linkplain #lockTag tag} alone tells, for when the full word beside it is not that
     * tenure's: exact for a TABLE tag, "any process with this pid" for the others.
     */
    public static long fromLockTag(int tag) {
        long unsigned = tag & 0xFFFF_FFFFL;
        int kind = (int) (unsigned >>> KIND_SHIFT);
        if (kind == KIND_TABLE) {
            return unsigned;
        }
        return ((unsigned & LOW_MASK) << 32) | ((long) kind << KIND_SHIFT);
    }

    /** For messages: "pid 123" or, for a process that may be in another PID namespace, "pid 123 (slot 4)". */
    public static String describe(long identity) {
        if (identity == NONE) {
            return "nobody";
        }
        if (kind(identity) == KIND_TABLE) {
            return "pid " + pid(identity) + " (process table slot " + slot(identity) + ")";
        }
        return "pid " + pid(identity);
    }
}
