package org.ipc4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.data.ScoreRecord;
import org.junit.jupiter.api.Test;

/** The tables of the multi-process groups: rows per process count, GB/s, and ratios against every peer. */
class GroupTablesTest {
    private static ScoreRecord score(String group, String workload, String impl, Kind kind, int rep, String unit,
                                     double value) {
        return new ScoreRecord(group, workload, impl, kind, rep, unit, value, value * 0.9, value * 1.1, 3, Double.NaN,
                impl + " note");
    }

    private static List<ScoreRecord> sharedMap() {
        List<ScoreRecord> records = new ArrayList<>();
        for (int rep = 1; rep <= 2; rep++) {
            records.add(score("shared-map", "get-1-process", "ipc4j SharedMap", Kind.IPC4J, rep, "ops/s", 6e6 * rep));
            records.add(score("shared-map", "get-2-processes", "ipc4j SharedMap", Kind.IPC4J, rep, "ops/s", 8e6));
            records.add(score("shared-map", "get-1-process", "Chronicle Map 3.27ea0", Kind.PEER, rep, "ops/s", 2e6 * rep));
            records.add(score("shared-map", "get-2-processes", "Chronicle Map 3.27ea0", Kind.PEER, rep, "ops/s", 1e6));
        }
        records.add(score("shared-map", "get-1-process", "Python multiprocessing.Manager().dict()", Kind.PEER, 1,
                "ops/s", 15_000));
        records.add(score("shared-map", "get-2-processes", "Python multiprocessing.Manager().dict()", Kind.PEER, 1,
                "ops/s", 20_000));
        return records;
    }

    @Test
    void sharedMapTableHasARowPerProcessCountAndARatioPerPeer() {
        String md = ScoreTable.markdown(ScoreSummary.of(sharedMap()));
        assertTrue(md.startsWith("| Workload | ipc4j SharedMap (min..max) | Chronicle Map 3.27ea0 (min..max)"
                + " | Python multiprocessing.Manager().dict() (min..max) | ipc4j / Chronicle Map 3.27ea0"
                + " | ipc4j / Python multiprocessing.Manager().dict() |"), md);
        // paired per repetition: 6/2 and 12/4 -> 3x; Python ran once: ratio of the medians 6 M / 15 k = 400x
        assertTrue(md.contains("| get-1-process | 6.00 M ops/s (5400000..13200000) | 2.00 M ops/s (1800000..4400000)"
                + " | 15.0 k ops/s (13500..16500) | 3.00x | 400x |"), md);
        assertTrue(md.contains("| get-2-processes | 8.00 M ops/s (7200000..8800000) | 1.00 M ops/s (900000..1100000)"
                + " | 20.0 k ops/s (18000..22000) | 8.00x | 400x |"), md);
        assertTrue(md.indexOf("| get-1-process") < md.indexOf("| get-2-processes"), md);
    }

    @Test
    void largeMessagesAreInGigabytesPerSecondHigherIsBetter() {
        List<ScoreRecord> records = List.of(
                score("one-way-large", "msg1m-one-way", "ipc4j Pipe (4 MiB ring, inline)", Kind.IPC4J, 1, "GB/s", 3.0),
                score("one-way-large", "msg1m-one-way", "Unix domain socket", Kind.PEER, 1, "GB/s", 1.5),
                score("one-way-throughput-2p2c", "msg32-2p2c", "ipc4j SharedRing MPMC (zero-copy)", Kind.IPC4J, 1,
                        "msgs/s", 4e6),
                score("one-way-throughput-2p2c", "msg32-2p1c", "ipc4j SharedRing MPMC (zero-copy)", Kind.IPC4J, 1,
                        "msgs/s", 4e6),
                score("one-way-throughput-2p2c", "msg32-2p1c", "Agrona ManyToOneRingBuffer", Kind.PEER, 1, "msgs/s",
                        5e6),
                score("shared-counter", "increment-2-processes", "ipc4j SharedLong.incrementAndGet", Kind.IPC4J, 1,
                        "ops/s", 5e7));
        List<ScoreSummary> summaries = ScoreSummary.of(records);
        String readme = MarkdownReport.render(new RunData(Map.of(), Map.of("mode", "full"), List.of(), records),
                List.of(), summaries);
        assertTrue(readme.contains("### One-way large messages (64 KiB to 256 MiB) between two processes (`one-way-large`, GB/s, higher is"
                + " better)"), readme);
        assertTrue(readme.contains("| msg1m-one-way | 3.00 GB/s (2.70..3.30) | 1.50 GB/s (1.35..1.65) | 2.00x |"), readme);
        // Agrona can only be compared where it runs: 2 producers, 1 consumer
        assertTrue(readme.contains("| msg32-2p2c | 4.00 M msgs/s (3600000..4400000) | - | - |"), readme);
        assertTrue(readme.contains("| msg32-2p1c | 4.00 M msgs/s (3600000..4400000) | 5.00 M msgs/s (4500000..5500000)"
                + " | 0.800x |"), readme);
        // sections follow Titles' order: the counter before the 1 MiB messages, 2P/2C right after one-way
        assertTrue(readme.indexOf("(`one-way-throughput-2p2c`") < readme.indexOf("(`one-way-large`"), readme);
        assertTrue(readme.indexOf("(`one-way-large`") < readme.indexOf("(`shared-counter`"), readme);
        assertTrue(readme.contains("![Shared counter from 1 and from 2 processes](charts/scores-shared-counter.png)"),
                readme);
    }

    @Test
    void severalIpc4jColumnsPutTheUserApisFirstAndEachOverAgrona() {
        List<ScoreRecord> records = new ArrayList<>();
        for (int rep = 1; rep <= 2; rep++) {
            records.add(score("one-way-throughput", "msg32-one-way", "Agrona OneToOneRingBuffer", Kind.PEER, rep,
                    "msgs/s", 20e6));
            records.add(score("one-way-throughput", "msg32-one-way", "Chronicle Queue", Kind.PEER, rep, "msgs/s", 2e6));
            records.add(score("one-way-throughput", "msg32-one-way", "ipc4j SharedRing SPSC (zero-copy)", Kind.IPC4J, rep,
                    "msgs/s", 30e6));
            records.add(score("one-way-throughput", "msg32-one-way", "ipc4j Pipe (busy-spin)", Kind.IPC4J, rep, "msgs/s",
                    5e6 * rep));
        }
        String md = ScoreTable.markdown(ScoreSummary.of(records));
        assertTrue(md.startsWith("| Workload | ipc4j Pipe (busy-spin) (min..max) | ipc4j SharedRing SPSC (zero-copy) (min..max)"
                + " | Agrona OneToOneRingBuffer (min..max) | Chronicle Queue (min..max)"
                + " | ipc4j Pipe (busy-spin) / Agrona OneToOneRingBuffer"
                + " | ipc4j SharedRing SPSC (zero-copy) / Agrona OneToOneRingBuffer"
                + " | ipc4j Pipe (busy-spin) / Chronicle Queue |"), md);
        // paired: 5/20 and 10/20 -> 0.375; the ring 30/20; the pipe over Chronicle 2.5 and 5 -> 3.75
        assertTrue(md.contains(" | 0.375x | 1.50x | 3.75x |"), md);
        List<String> columns = ScoreSummaryOrder.implementations(ScoreSummary.of(records));
        assertEquals(List.of("ipc4j Pipe (busy-spin)", "ipc4j SharedRing SPSC (zero-copy)", "Agrona OneToOneRingBuffer",
                "Chronicle Queue"), columns);
    }

    @Test
    void everyNewGroupHasATitleAndADescription() {
        for (String group : List.of("shared-counter", "shared-map", "one-way-throughput-2p2c", "one-way-large",
                "pipe-queue-api")) {
            Titles.Entry entry = Titles.group(group);
            assertTrue(!entry.title().equals(group) && !entry.description().isEmpty(), group);
        }
        assertEquals(Titles.order(Titles.GROUPS, "one-way-throughput-mpmc") + 1,
                Titles.order(Titles.GROUPS, "one-way-throughput-2p2c"));
    }
}
