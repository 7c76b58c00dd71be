package org.ipc4j.bench.data;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * One latency measurement (one repetition of one implementation of one workload), values in nanoseconds.
 * The C floor and the Python scripts write the same columns, so every source lands in one table.
 */
public record LatencyRecord(String workload, String implementation, Kind kind, int repetition, long count,
                            double meanNs, long p50Ns, long p90Ns, long p99Ns, long p999Ns, long p9999Ns, long maxNs,
                            double seconds, String note) {

    public static final List<String> HEADER = List.of("workload", "implementation", "kind", "repetition", "count",
            "mean_ns", "p50_ns", "p90_ns", "p99_ns", "p99_9_ns", "p99_99_ns", "max_ns", "seconds", "note");

    public static LatencyRecord of(String workload, String implementation, Kind kind, int repetition, Histogram h,
                                   double seconds, String note) {
        return new LatencyRecord(workload, implementation, kind, repetition, h.getTotalCount(), h.getMean(),
                h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getValueAtPercentile(99.99), h.getMaxValue(), seconds, note);
    }

    /** The percentiles in the order of {@link #PERCENTILES}. */
    public long[] percentiles() {
        return new long[] {p50Ns, p90Ns, p99Ns, p999Ns, p9999Ns};
    }

    /** The percentiles every latency table and curve shows, besides the maximum. */
    public static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};

    public List<String> fields() {
        return List.of(workload, implementation, kind.name().toLowerCase(Locale.ROOT), Integer.toString(repetition),
                Long.toString(count), String.format(Locale.ROOT, "%.1f", meanNs), Long.toString(p50Ns),
                Long.toString(p90Ns), Long.toString(p99Ns), Long.toString(p999Ns), Long.toString(p9999Ns),
                Long.toString(maxNs), String.format(Locale.ROOT, "%.3f", seconds), note);
    }

    public static LatencyRecord parse(Map<String, String> row) {
        return new LatencyRecord(row.get("workload"), row.get("implementation"), Kind.parse(row.get("kind")),
                Integer.parseInt(row.get("repetition")), Long.parseLong(row.get("count")),
                Double.parseDouble(row.get("mean_ns")), Long.parseLong(row.get("p50_ns")),
                Long.parseLong(row.get("p90_ns")), Long.parseLong(row.get("p99_ns")),
                Long.parseLong(row.get("p99_9_ns")), Long.parseLong(row.get("p99_99_ns")),
                Long.parseLong(row.get("max_ns")), Double.parseDouble(row.get("seconds")),
                row.getOrDefault("note", ""));
    }
}
