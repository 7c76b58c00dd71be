package org.ipc4j.examples;

/** Python's {@code time.sleep(s)} and {@code time.time()}, in seconds as doubles, for the examples. */
public final class Seconds {
    private Seconds() {
    }

    /** Sleeps {@code seconds}; an interrupt ends the sleep early and stays set. */
    public static void sleep(double seconds) {
        try {
            Thread.sleep(Math.round(seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Wall-clock seconds, comparable between processes on one host (Python's {@code time.time()}). */
    public static double now() {
        return System.currentTimeMillis() / 1000.0;
    }
}
