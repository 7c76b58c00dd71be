package org.ipc4j.testkit;

/**
 * How many rounds the kill-and-recover stress tests run: their full count times {@code -Dipc4j.test.stress}
 * (1 when unset, as in an IDE). The build sets it (ipc-core's pom): half on JDK 17 and a quarter on the JDK 22+
 * pass, the same code paths and crash points with fewer repetitions, so that both passes fit the CI budget;
 * {@code bench/stress} runs them at twice the full count.
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
