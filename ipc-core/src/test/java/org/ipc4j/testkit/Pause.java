package org.ipc4j.testkit;

/** Sleeps for lambdas and handlers that cannot throw {@link InterruptedException}: an interrupt stays pending. */
public final class Pause {
    private Pause() {
    }

    public static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
