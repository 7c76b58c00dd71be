package org.ipc4j.process;

/**
 * How a child JVM comes to be, Python's start methods for the JVM. There is no {@code fork}: a JVM cannot
 * be forked safely (its threads, GC and JIT state do not survive fork()).
 */
public enum StartMethod {
    /** A fresh JVM for each process, like Python's {@code spawn}: about 0.1-0.3 s to start; static state is new. */
    SPAWN,
    /**
     * A pre-started, pre-warmed spare JVM takes the target, and another spare is started in the background:
     * Python's {@code forkserver} idea. Static state is still the child's own (as under spawn), but the start
     * costs only the hand-over. Custom JVM arguments or environment force {@link #SPAWN}.
     */
    WARM
}
