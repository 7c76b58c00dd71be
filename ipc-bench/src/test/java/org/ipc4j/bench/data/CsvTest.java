package org.ipc4j.bench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @TempDir
    Path dir;

    @Test
    void quotedFieldsSurviveARoundTrip() {
        List<String> fields = List.of("plain", "with, comma", "with \"quotes\"", "");
        assertEquals(fields, Csv.split(Csv.line(fields)));
    }

    @Test
    void recordsSurviveAWriteAndRead() {
        LatencyRecord latency = new LatencyRecord("w", "impl, with comma", Kind.IPC4J, 2, 10, 1.5, 1, 2, 3, 4, 5, 6, 0.25, "n");
        RecordFiles.writeLatency(dir.resolve("latency/a.csv"), List.of(latency));
        assertEquals(List.of(latency), RecordFiles.readLatency(dir.resolve("latency")));
        ScoreRecord score = new ScoreRecord("g", "w", "i", Kind.PEER, 1, "ns/op", 2.5, 2, 3, 5, Double.NaN, "");
        RecordFiles.writeScores(dir.resolve("scores/a.csv"), List.of(score));
        ScoreRecord read = RecordFiles.readScores(dir.resolve("scores")).get(0);
        assertEquals(score.score(), read.score());
        assertEquals(score.implementation(), read.implementation());
        assertEquals(Double.NaN, read.allocBytesPerOp());
    }
}
