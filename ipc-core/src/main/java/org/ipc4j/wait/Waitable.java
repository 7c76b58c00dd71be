package org.ipc4j.wait;

/**
 * An object {@link WaitSet} can wait on: a {@code Connection} (a message or the end of the stream), a
 * {@code SharedQueue} (an element, or shut down and drained), a {@code SharedEvent} (set) and a
 * {@code JvmProcess} (ended; Python's {@code sentinel}).
 */
public interface Waitable {
    /** How {@link WaitSet} watches this object during one wait; callers use {@link WaitSet} instead. */
    Readiness readiness();
}
