package org.ipc4j.bench.suite;

import java.util.List;
import java.util.Locale;

import org.ipc4j.bench.latency.LatencySettings;
import org.ipc4j.bench.throughput.ThroughputSettings;

/**
 * How much the suite measures. {@code full} is the run behind a committed report (about 15 minutes here:
 * warm-up >= 2 s, >= 1 M round trips, three interleaved repetitions of everything cross-process; JMH in one fork). {@code
 * quick} is a smoke test (about a minute plus the build): every benchmark and peer runs once, briefly, and
 * its figures are not representative.
 */
public enum Mode {
    QUICK(1,
            new LatencySettings(1_000, 300, 10_000, 300, 1_500),
            new ThroughputSettings(300, 2, 300),
            List.of("-f", "1", "-wi", "1", "-w", "200ms", "-i", "2", "-r", "200ms"),
            100_000, 300),
    FULL(3,
            new LatencySettings(100_000, 3_000, 1_000_000, 5_000, 30_000),
            new ThroughputSettings(2_000, 5, 1_000),
            List.of("-f", "1", "-wi", "3", "-w", "1s", "-i", "5", "-r", "1s"),
            1_000_000, 2_000);

    private final int repetitions;
    private final LatencySettings latency;
    private final ThroughputSettings throughput;
    private final List<String> jmhOptions;
    private final long floorRoundTrips;
    private final long floorWarmupMillis;

    Mode(int repetitions, LatencySettings latency, ThroughputSettings throughput, List<String> jmhOptions,
         long floorRoundTrips, long floorWarmupMillis) {
        this.repetitions = repetitions;
        this.latency = latency;
        this.throughput = throughput;
        this.jmhOptions = jmhOptions;
        this.floorRoundTrips = floorRoundTrips;
        this.floorWarmupMillis = floorWarmupMillis;
    }

    public static Mode parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int repetitions() {
        return repetitions;
    }

    public LatencySettings latency() {
        return latency;
    }

    public ThroughputSettings throughput() {
        return throughput;
    }

    public List<String> jmhOptions() {
        return jmhOptions;
    }

    public long floorRoundTrips() {
        return floorRoundTrips;
    }

    public long floorWarmupMillis() {
        return floorWarmupMillis;
    }

    /** Seconds per JMH benchmark (forks x (warm-up + measurement)), plus a second per fork to start it. */
    public double jmhSecondsPerBenchmark() {
        return this == QUICK ? 1.8 : 3 + 5 + 1.5;
    }
}
