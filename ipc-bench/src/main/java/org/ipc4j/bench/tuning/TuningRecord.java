package org.ipc4j.bench.tuning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.ipc4j.bench.data.Csv;

/**
 * One measured point of the tuning sweep: a knob, a series (a curve or a table), the setting's label and,
 * for curves, its numeric value {@code x}. Metrics not measured for a point are NaN. CPU is in percent of one
 * core (process CPU time / wall time); {@code cpuNsPerMsg} adds both processes' CPU time per message.
 */
public record TuningRecord(Knob knob, String series, String label, double x, long count,
                           double p50Ns, double p90Ns, double p99Ns, double p999Ns, double maxNs,
                           double msgsPerSec, double bytesPerSec, double measurerCpuPct, double peerCpuPct,
                           double cpuNsPerMsg, double measurerAllocPerMsg, double peerAllocPerMsg,
                           double gcCount, double gcMillis, double seconds, String note) {

    public static final List<String> HEADER = List.of("knob", "series", "label", "x", "count", "p50_ns", "p90_ns",
            "p99_ns", "p99_9_ns", "max_ns", "msgs_per_s", "bytes_per_s", "cpu_measurer_pct", "cpu_peer_pct",
            "cpu_ns_per_msg", "alloc_measurer_bytes_per_msg", "alloc_peer_bytes_per_msg", "gc_count", "gc_ms",
            "seconds", "note");

    /** A point with only its identity set; the with-methods fill in what was measured. */
    public static TuningRecord of(Knob knob, String series, String label, double x) {
        double n = Double.NaN;
        return new TuningRecord(knob, series, label, x, 0, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, "");
    }

    public TuningRecord withLatency(long count, double p50, double p90, double p99, double p999, double max) {
        return new TuningRecord(knob, series, label, x, count, p50, p90, p99, p999, max, msgsPerSec, bytesPerSec,
                measurerCpuPct, peerCpuPct, cpuNsPerMsg, measurerAllocPerMsg, peerAllocPerMsg, gcCount, gcMillis, seconds, note);
    }

    public TuningRecord withRate(long count, double msgs, double bytes) {
        return new TuningRecord(knob, series, label, x, count, p50Ns, p90Ns, p99Ns, p999Ns, maxNs, msgs, bytes,
                measurerCpuPct, peerCpuPct, cpuNsPerMsg, measurerAllocPerMsg, peerAllocPerMsg, gcCount, gcMillis, seconds, note);
    }

    public TuningRecord withCpu(double measurer, double peer, double nsPerMsg) {
        return new TuningRecord(knob, series, label, x, count, p50Ns, p90Ns, p99Ns, p999Ns, maxNs, msgsPerSec,
                bytesPerSec, measurer, peer, nsPerMsg, measurerAllocPerMsg, peerAllocPerMsg, gcCount, gcMillis, seconds, note);
    }

    public TuningRecord withAlloc(double measurer, double peer) {
        return new TuningRecord(knob, series, label, x, count, p50Ns, p90Ns, p99Ns, p999Ns, maxNs, msgsPerSec,
                bytesPerSec, measurerCpuPct, peerCpuPct, cpuNsPerMsg, measurer, peer, gcCount, gcMillis, seconds, note);
    }

    public TuningRecord withGc(double collections, double millis) {
        return new TuningRecord(knob, series, label, x, count, p50Ns, p90Ns, p99Ns, p999Ns, maxNs, msgsPerSec,
                bytesPerSec, measurerCpuPct, peerCpuPct, cpuNsPerMsg, measurerAllocPerMsg, peerAllocPerMsg, collections,
                millis, seconds, note);
    }

    public TuningRecord withRun(double runSeconds, String runNote) {
        return new TuningRecord(knob, series, label, x, count, p50Ns, p90Ns, p99Ns, p999Ns, maxNs, msgsPerSec,
                bytesPerSec, measurerCpuPct, peerCpuPct, cpuNsPerMsg, measurerAllocPerMsg, peerAllocPerMsg, gcCount,
                gcMillis, runSeconds, runNote);
    }

    List<String> fields() {
        return List.of(knob.id(), series, label, num(x), Long.toString(count), num(p50Ns), num(p90Ns), num(p99Ns),
                num(p999Ns), num(maxNs), num(msgsPerSec), num(bytesPerSec), num(measurerCpuPct), num(peerCpuPct),
                num(cpuNsPerMsg), num(measurerAllocPerMsg), num(peerAllocPerMsg), num(gcCount), num(gcMillis),
                num(seconds), note);
    }

    static TuningRecord parse(Map<String, String> row) {
        return new TuningRecord(Knob.parse(row.get("knob")), row.get("series"), row.get("label"), dbl(row, "x"),
                Long.parseLong(row.get("count")), dbl(row, "p50_ns"), dbl(row, "p90_ns"), dbl(row, "p99_ns"),
                dbl(row, "p99_9_ns"), dbl(row, "max_ns"), dbl(row, "msgs_per_s"), dbl(row, "bytes_per_s"),
                dbl(row, "cpu_measurer_pct"), dbl(row, "cpu_peer_pct"), dbl(row, "cpu_ns_per_msg"),
                dbl(row, "alloc_measurer_bytes_per_msg"), dbl(row, "alloc_peer_bytes_per_msg"), dbl(row, "gc_count"),
                dbl(row, "gc_ms"), dbl(row, "seconds"), row.getOrDefault("note", ""));
    }

    private static String num(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.3f", value);
    }

    private static double dbl(Map<String, String> row, String key) {
        String value = row.get(key);
        return value == null || value.isEmpty() ? Double.NaN : Double.parseDouble(value);
    }

    /** Writes {@code records} as one CSV file (header line first). */
    public static void write(Path file, List<TuningRecord> records) {
        List<String> lines = new ArrayList<>();
        lines.add(Csv.line(HEADER));
        records.forEach(r -> lines.add(Csv.line(r.fields())));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Every record in the CSV files of {@code dir}, files in name order; none if it does not exist. */
    public static List<TuningRecord> readAll(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<TuningRecord> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".csv")).sorted().collect(Collectors.toList())) {
                List<String> lines = Files.readAllLines(file);
                if (lines.isEmpty()) {
                    continue;
                }
                List<String> header = Csv.split(lines.get(0));
                for (String line : lines.subList(1, lines.size())) {
                    if (line.isBlank()) {
                        continue;
                    }
                    List<String> fields = Csv.split(line);
                    Map<String, String> row = new HashMap<>();
                    for (int i = 0; i < Math.min(fields.size(), header.size()); i++) {
                        row.put(header.get(i), fields.get(i));
                    }
                    records.add(parse(row));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        return records;
    }
}
