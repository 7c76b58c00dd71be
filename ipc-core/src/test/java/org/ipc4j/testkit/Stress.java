package org.ipc4j.testkit;

/**
 * How many rounds the kill-and-recover stress tests run: their full count times {@code -Dipc4j.test.stress}
 * (default 1). The build's second pass over the core tests, on the JDK 22+ backend, runs them at a quarter: the
 * same code paths and crash points, fewer repetitions, so that both passes fit the CI budget.
 */
public final class Stress {
    private static final double SCALE = Double.parseDouble(System.getProperty("ipc4j.test.stress", "1"));

    private Stress() {
    }

    /** {@code full} scaled, never below {@code minimum}. */
    public static int rounds(int full, int minimum) {
        return Math.max(minimum, (int) Math.round(full * SCALE));
    }
}
