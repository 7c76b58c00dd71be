package org.ipc4j.process;

/**
 * Hears how far a map has come (mpire's progress bar): once before any result, then after each chunk, on the
 * thread that reads results, so it should return quickly. A listener that throws fails the map.
 */
@FunctionalInterface
public interface MapProgress {
    /** {@code done} of {@code total} elements have results, at {@code perSecond} elements a second since the map began. */
    void update(long done, long total, double perSecond);
}
