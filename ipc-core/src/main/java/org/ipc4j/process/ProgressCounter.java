package org.ipc4j.process;

/** Counts a map's finished elements for its {@link MapProgress}; chunks finish on several reader threads. */
final class ProgressCounter {
    private final long total;
    private final MapProgress listener;
    private final long startNanos = System.nanoTime();
    private long done;

    ProgressCounter(long total, MapProgress listener) {
        this.total = total;
        this.listener = listener;
        listener.update(0, total, 0);
    }

    synchronized void add(int finished) {
        done += finished;
        double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        listener.update(done, total, done / seconds);
    }
}
