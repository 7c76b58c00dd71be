package org.ipc4j.bench.latency;

import java.util.List;
import java.util.Map;

import org.ipc4j.bench.harness.Args;

/**
 * How long a latency measurement runs. Warm-up is by count AND time (a count alone finishes before the
 * JIT settles), then the measured phase runs until it has {@code minCount} round trips and
 * {@code minMillis} elapsed, or {@code maxMillis} elapsed, whichever comes first.
 */
public record LatencySettings(long warmupCount, long warmupMillis, long minCount, long minMillis, long maxMillis) {

    public static LatencySettings from(Args args) {
        return new LatencySettings(args.getLong("warmupCount"), args.getLong("warmupMillis"), args.getLong("minCount"),
                args.getLong("minMillis"), args.getLong("maxMillis"));
    }

    public List<String> toArgs() {
        return Args.of(Map.of("warmupCount", Long.toString(warmupCount), "warmupMillis", Long.toString(warmupMillis),
                "minCount", Long.toString(minCount), "minMillis", Long.toString(minMillis),
                "maxMillis", Long.toString(maxMillis))).toList();
    }

    /** A rough upper estimate of the time taken, for the suite's progress display. */
    public double estimatedSeconds() {
        return (warmupMillis + Math.max(minMillis, Math.min(maxMillis, minMillis * 2))) / 1000.0;
    }
}
