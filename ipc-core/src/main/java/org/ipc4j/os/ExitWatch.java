package org.ipc4j.os;

/**
 * Tells a waiter, without polling, that a process has exited: a waiter that sleeps in long slices because
 * the process it waits on is alive registers here, and is called back soon after that process ends. On Linux
 * one daemon thread per JVM waits on a pidfd per watched process ({@code pidfd_open(2)}), and a process with a
 * lifeline in a process table this JVM uses is also watched through it, which tells of the death as it
 * happens, before the process has finished exiting; elsewhere, or where pidfds are refused, nothing is watched
 * and waiters keep checking liveness by polling.
 *
 * <p>A watch names a pid, not an incarnation: the caller checks, after {@link #watch} returned true, that
 * the process it means is still the one under that pid (or that it is already dead).
 */
public interface ExitWatch {
    /** Called once, on the watch's own thread, when the watched process has exited. Must not block. */
    interface Listener {
        void processExited();
    }

    /** Watches nothing: every {@link #watch} says false. */
    ExitWatch NONE = new ExitWatch() {
        @Override
        public boolean watch(long pid, Listener listener) {
            return false;
        }

        @Override
        public void cancel(long pid, Listener listener) {
        }

        @Override
        public String name() {
            return "none";
        }
    };

    /**
     * Calls {@code listener} once process {@code pid} has exited: on the watch's thread, or on the caller's
     * before this returns if no process runs under {@code pid}. False if this watch cannot watch it (no
     * pidfds, too many watched); the listener is then never called.
     */
    boolean watch(long pid, Listener listener);

    /** Forgets {@code listener}; it may still be called if the exit raced the cancel. */
    void cancel(long pid, Listener listener);

    /** A short name for reports: "lifeline+pidfd", "pidfd" or "none". */
    String name();
}
