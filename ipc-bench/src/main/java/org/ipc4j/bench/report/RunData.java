package org.ipc4j.bench.report;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.ipc4j.bench.data.LatencyRecord;
import org.ipc4j.bench.data.RecordFiles;
import org.ipc4j.bench.data.ScoreRecord;

/**
 * The raw data of one run, as the suite leaves it in {@code raw/}: {@code latency/*.csv},
 * {@code scores/*.csv}, {@code jmh/*.json}, {@code machine.properties} and {@code run.properties}.
 */
record RunData(Map<String, String> machine, Map<String, String> run, List<LatencyRecord> latency,
               List<ScoreRecord> scores) {

    static RunData load(Path raw) {
        List<ScoreRecord> scores = new ArrayList<>(RecordFiles.readScores(raw.resolve("scores")));
        scores.addAll(JmhResults.read(raw.resolve("jmh")));
        return new RunData(properties(raw.resolve("machine.properties")), properties(raw.resolve("run.properties")),
                RecordFiles.readLatency(raw.resolve("latency")), scores);
    }

    /** The properties in file order; empty if the file is missing. */
    static Map<String, String> properties(Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    Properties one = new Properties();
                    try (Reader r = new StringReader(line)) {
                        one.load(r);
                    }
                    one.forEach((k, v) -> out.put((String) k, (String) v));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }

    /** The run's entries whose key starts with {@code prefix} (failures, skipped steps), in order. */
    List<String> listed(String prefix) {
        List<String> out = new ArrayList<>();
        run.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.add(v);
            }
        });
        return out;
    }
}
