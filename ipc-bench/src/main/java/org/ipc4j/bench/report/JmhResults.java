package org.ipc4j.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.data.ScoreRecord;

/**
 * Turns JMH's JSON results into {@link ScoreRecord}s: the benchmark class says which table and which column
 * (see {@link #CLASSES}), the method name (in kebab case) is the row. The score's min/max span the
 * measurement iterations of every fork; allocation comes from {@code -prof gc}'s gc.alloc.rate.norm.
 */
final class JmhResults {
    /** Benchmark class (simple name) -> where its results go. */
    static final Map<String, Column> CLASSES = Map.of(
            "MappedBytesAccessBenchmark", new Column("mapped-access", "ipc4j MappedBytes (Unsafe / java.lang.foreign)", Kind.IPC4J),
            "UnsafeBufferAccessBenchmark", new Column("mapped-access", "Agrona UnsafeBuffer (--add-opens)", Kind.PEER),
            "FileLockBenchmark", new Column("op-cost", "java.nio FileLock (fcntl)", Kind.PEER),
            "Ipc4jOpCostBenchmark", new Column("op-cost", "ipc4j shared objects", Kind.IPC4J),
            "InJvmOpCostBenchmark", new Column("op-cost", "in-JVM equivalents (java.util.concurrent)", Kind.FLOOR),
            "RingZeroCopyBenchmark", new Column("ring-zero-copy", "ipc4j SharedRing zero-copy API", Kind.IPC4J),
            "AgronaRingZeroCopyBenchmark", new Column("ring-zero-copy", "Agrona ring (--add-opens)", Kind.PEER),
            "PipeQueueBenchmark", new Column("pipe-queue-api", "ipc4j Pipe / SharedQueue<byte[]>", Kind.IPC4J),
            "AgronaRingCopyBenchmark", new Column("pipe-queue-api", "Agrona ring write/read (--add-opens)", Kind.PEER));

    record Column(String group, String implementation, Kind kind) {
    }

    private JmhResults() {
    }

    static List<ScoreRecord> read(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<ScoreRecord> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().collect(Collectors.toList())) {
                records.addAll(parse(Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        return records;
    }

    @SuppressWarnings("unchecked")
    static List<ScoreRecord> parse(String json) {
        List<ScoreRecord> records = new ArrayList<>();
        for (Object item : (List<Object>) Json.parse(json)) {
            Map<String, Object> result = (Map<String, Object>) item;
            String benchmark = (String) result.get("benchmark");
            int methodDot = benchmark.lastIndexOf('.');
            String method = benchmark.substring(methodDot + 1);
            String cls = benchmark.substring(benchmark.lastIndexOf('.', methodDot - 1) + 1, methodDot);
            Column column = CLASSES.getOrDefault(cls, new Column("jmh", cls, Kind.PEER));
            Map<String, Object> primary = (Map<String, Object>) result.get("primaryMetric");
            double[] range = range((List<Object>) primary.get("rawData"));
            double alloc = allocation((Map<String, Object>) result.get("secondaryMetrics"));
            int forks = ((Number) result.get("forks")).intValue();
            records.add(new ScoreRecord(column.group(), kebab(method), column.implementation(), column.kind(), 1,
                    (String) primary.get("scoreUnit"), number(primary.get("score")), range[0], range[1], (int) range[2],
                    alloc, "JMH " + result.get("mode") + ", " + forks + " fork(s), JDK " + result.get("jdkVersion")));
        }
        return records;
    }

    /** min, max and count over every iteration of every fork. */
    @SuppressWarnings("unchecked")
    private static double[] range(List<Object> rawData) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        int n = 0;
        for (Object fork : rawData) {
            for (Object value : (List<Object>) fork) {
                double v = number(value);
                min = Math.min(min, v);
                max = Math.max(max, v);
                n++;
            }
        }
        return n == 0 ? new double[] {Double.NaN, Double.NaN, 0} : new double[] {min, max, n};
    }

    @SuppressWarnings("unchecked")
    private static double allocation(Map<String, Object> secondary) {
        if (secondary == null) {
            return Double.NaN;
        }
        for (Map.Entry<String, Object> metric : secondary.entrySet()) {
            if (metric.getKey().endsWith("gc.alloc.rate.norm")) {
                return number(((Map<String, Object>) metric.getValue()).get("score"));
            }
        }
        return Double.NaN;
    }

    private static double number(Object value) {
        if (value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        return Double.parseDouble(String.valueOf(value));
    }

    /** getLongVolatile -> get-long-volatile. */
    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
