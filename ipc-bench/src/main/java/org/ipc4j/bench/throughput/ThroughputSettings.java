package org.ipc4j.bench.throughput;

import java.util.List;
import java.util.Map;

import org.ipc4j.bench.harness.Args;

/** Warm-up time, then {@code iterations} windows of {@code iterationMillis}, each giving one msgs/s sample. */
public record ThroughputSettings(long warmupMillis, int iterations, long iterationMillis) {

    public static ThroughputSettings from(Args args) {
        return new ThroughputSettings(args.getLong("warmupMillis"), args.getInt("iterations"),
                args.getLong("iterationMillis"));
    }

    public List<String> toArgs() {
        return Args.of(Map.of("warmupMillis", Long.toString(warmupMillis), "iterations", Integer.toString(iterations),
                "iterationMillis", Long.toString(iterationMillis))).toList();
    }

    public double estimatedSeconds() {
        return (warmupMillis + (double) iterations * iterationMillis) / 1000.0;
    }
}
