package org.ipc4j.bench.suite;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import org.ipc4j.bench.harness.Progress;

/**
 * The progress display: which step of how many, time elapsed, estimated time left, and what the running
 * step reports. Estimates are scaled by how long the finished steps took against their own estimates.
 * Prints plain lines (no cursor tricks) so that CI logs stay readable.
 */
final class ProgressBoard {
    private static final long MIN_NANOS_BETWEEN_LINES = 2_000_000_000L;

    private final List<Step> steps;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private int current = -1;
    private double estimatedDone;
    private double actualDone;
    private long stepStart;
    private long lastLine;

    ProgressBoard(List<Step> steps, PrintStream out) {
        this.steps = steps;
        this.out = out;
    }

    synchronized void begin(int index) {
        current = index;
        stepStart = System.nanoTime();
        print(0, "starting");
    }

    synchronized void end(String outcome) {
        double took = (System.nanoTime() - stepStart) / 1e9;
        estimatedDone += steps.get(current).estimatedSeconds();
        actualDone += took;
        out.printf(Locale.ROOT, "%s %s: %s in %.1f s%n", prefix(1), steps.get(current).title(), outcome, took);
        out.flush();
    }

    /** A line from the running step: progress lines update the display (at most every 2 s), others are dropped. */
    synchronized void line(String line) {
        double fraction = Progress.fractionOf(line);
        if (fraction < 0 || current < 0) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastLine < MIN_NANOS_BETWEEN_LINES) {
            return;
        }
        print(fraction, Progress.whatOf(line));
    }

    private void print(double fraction, String what) {
        lastLine = System.nanoTime();
        out.printf(Locale.ROOT, "%s %s: %s (%.0f%%)%n", prefix(fraction), steps.get(current).title(), what, fraction * 100);
        out.flush();
    }

    private String prefix(double fractionOfCurrent) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "[%d/%d %s elapsed, ~%s left]", current + 1, steps.size(), clock(elapsed),
                clock(secondsLeft(fractionOfCurrent)));
    }

    double secondsLeft(double fractionOfCurrent) {
        double scale = estimatedDone > 0 ? Math.max(0.5, Math.min(3, actualDone / estimatedDone)) : 1;
        double left = steps.get(current).estimatedSeconds() * (1 - fractionOfCurrent);
        for (int i = current + 1; i < steps.size(); i++) {
            left += steps.get(i).estimatedSeconds();
        }
        return left * scale;
    }

    static String clock(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
