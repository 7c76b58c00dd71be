package org.ipc4j.bench.data;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One score (throughput or per-operation cost): one repetition of one implementation of one workload, in a
 * group of workloads that share a unit and a table. {@code min}/{@code max} span the iterations behind it;
 * {@code allocBytesPerOp} is NaN where nobody measured allocation.
 */
public record ScoreRecord(String group, String workload, String implementation, Kind kind, int repetition,
                          String unit, double score, double min, double max, int samples, double allocBytesPerOp,
                          String note) {

    public static final List<String> HEADER = List.of("group", "workload", "implementation", "kind", "repetition",
            "unit", "score", "min", "max", "samples", "alloc_bytes_per_op", "note");

    /** Rates ("msgs/s", "ops/ms") are better high; times ("ns/op", "ms") are better low. */
    public boolean higherIsBetter() {
        return higherIsBetter(unit);
    }

    public static boolean higherIsBetter(String unit) {
        return unit.contains("/s") || unit.contains("/ms") || unit.contains("/us") || unit.startsWith("ops");
    }

    public List<String> fields() {
        return List.of(group, workload, implementation, kind.name().toLowerCase(Locale.ROOT),
                Integer.toString(repetition), unit, number(score), number(min), number(max), Integer.toString(samples),
                Double.isNaN(allocBytesPerOp) ? "" : number(allocBytesPerOp), note);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    public static ScoreRecord parse(Map<String, String> row) {
        String alloc = row.getOrDefault("alloc_bytes_per_op", "");
        return new ScoreRecord(row.get("group"), row.get("workload"), row.get("implementation"),
                Kind.parse(row.get("kind")), Integer.parseInt(row.get("repetition")), row.get("unit"),
                Double.parseDouble(row.get("score")), Double.parseDouble(row.get("min")),
                Double.parseDouble(row.get("max")), Integer.parseInt(row.get("samples")),
                alloc.isBlank() ? Double.NaN : Double.parseDouble(alloc), row.getOrDefault("note", ""));
    }
}
