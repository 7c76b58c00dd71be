package org.ipc4j.bench.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Writes and reads the raw-data CSV files: a header line, then one record per line. */
public final class RecordFiles {
    private RecordFiles() {
    }

    public static void writeLatency(Path file, List<LatencyRecord> records) {
        write(file, LatencyRecord.HEADER, records.stream().map(LatencyRecord::fields).collect(Collectors.toList()));
    }

    public static void writeScores(Path file, List<ScoreRecord> records) {
        write(file, ScoreRecord.HEADER, records.stream().map(ScoreRecord::fields).collect(Collectors.toList()));
    }

    /** Every latency record in the CSV files of {@code dir} (none if it does not exist). */
    public static List<LatencyRecord> readLatency(Path dir) {
        return readAll(dir, LatencyRecord::parse);
    }

    public static List<ScoreRecord> readScores(Path dir) {
        return readAll(dir, ScoreRecord::parse);
    }

    private static void write(Path file, List<String> header, List<List<String>> rows) {
        List<String> lines = new ArrayList<>();
        lines.add(Csv.line(header));
        rows.forEach(r -> lines.add(Csv.line(r)));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static <T> List<T> readAll(Path dir, Function<Map<String, String>, T> parser) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<T> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".csv")).sorted().collect(Collectors.toList())) {
                for (Map<String, String> row : rows(file)) {
                    records.add(parser.apply(row));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        return records;
    }

    static List<Map<String, String>> rows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<Map<String, String>> rows = new ArrayList<>();
        if (lines.isEmpty()) {
            return rows;
        }
        List<String> header = Csv.split(lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> fields = Csv.split(lines.get(i));
            if (fields.size() > header.size()) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + fields.size()
                        + " fields, the header has " + header.size());
            }
            Map<String, String> row = new HashMap<>();
            for (int f = 0; f < fields.size(); f++) {
                row.put(header.get(f), fields.get(f));
            }
            rows.add(row);
        }
        return rows;
    }
}
