package org.ipc4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.data.LatencyRecord;
import org.ipc4j.bench.data.ScoreRecord;
import org.junit.jupiter.api.Test;

class ReportPartsTest {
    @Test
    void jsonReadsWhatJmhWrites() {
        Object parsed = Json.parse("{\"a\" : [1, 2.5e3, \"NaN\", true, null], \"b\" : {\"c\" : \"x\\\"y\\u00b7\"}}");
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) parsed;
        assertEquals(List.of(1.0, 2500.0, "NaN", true), ((List<?>) map.get("a")).subList(0, 4));
        assertEquals(Map.of("c", "x\"y\u00b7"), map.get("b"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] x"));
    }

    @Test
    void jmhMethodNamesBecomeWorkloadIds() {
        assertEquals("get-long-volatile", JmhResults.kebab("getLongVolatile"));
        assertEquals("lock-uncontended", JmhResults.kebab("lockUncontended"));
    }

    @Test
    void unknownJmhClassesStillReport() {
        List<ScoreRecord> records = JmhResults.parse("[{\"benchmark\":\"x.y.NewBenchmark.fooBar\",\"mode\":\"thrpt\","
                + "\"forks\":1,\"jdkVersion\":\"17\",\"primaryMetric\":{\"score\":5.0,\"scoreUnit\":\"ops/us\","
                + "\"rawData\":[[4.0,6.0]]}}]");
        assertEquals(1, records.size());
        ScoreRecord r = records.get(0);
        assertEquals("jmh", r.group());
        assertEquals("foo-bar", r.workload());
        assertEquals("NewBenchmark", r.implementation());
        assertEquals(4.0, r.min());
        assertEquals(6.0, r.max());
        assertTrue(Double.isNaN(r.allocBytesPerOp()));
        assertTrue(r.higherIsBetter());
    }

    @Test
    void ratiosPairRepetitionsWhenBothRowsHaveThem() {
        // per repetition 160/150, 500/470, 160/160: the median ratio is 1.06; the ratio of medians would be 1.0
        List<LatencySummary> rows = LatencySummary.of(List.of(latency("ipc4j", Kind.IPC4J, 1, 160),
                latency("ipc4j", Kind.IPC4J, 2, 500), latency("ipc4j", Kind.IPC4J, 3, 160),
                latency("floor", Kind.FLOOR, 1, 150), latency("floor", Kind.FLOOR, 2, 470),
                latency("floor", Kind.FLOOR, 3, 160), latency("single", Kind.PEER, 1, 80)));
        assertEquals(500.0 / 470, LatencyTable.pairedRatio(rows.get(0), rows.get(1), 0), 1e-9);
        // one repetition only: the ratio of the medians (160 / 80)
        assertEquals(2.0, LatencyTable.pairedRatio(rows.get(0), rows.get(2), 0), 1e-9);
        assertEquals(2.5, LatencyTable.median(List.of(4.0, 1.0, 2.0, 3.0)), 1e-9);
    }

    @Test
    void severalIpc4jRowsPutTheUserApisFirstAndDivideEveryRowByAgronasOneToOne() {
        List<LatencySummary> rows = LatencyTable.ordered(LatencySummary.of(List.of(
                latency("ipc4j SharedRing SPSC pair, zero-copy (busy-spin)", Kind.IPC4J, 1, 200),
                latency("ipc4j Pipe (busy-spin)", Kind.IPC4J, 1, 300),
                latency("Agrona ManyToOneRingBuffer", Kind.PEER, 1, 180),
                latency("Agrona OneToOneRingBuffer", Kind.PEER, 1, 150),
                latency("Unix domain socket", Kind.PEER, 1, 15_000))));
        assertEquals("ipc4j Pipe (busy-spin)", rows.get(0).implementation());
        assertEquals("ipc4j SharedRing SPSC pair, zero-copy (busy-spin)", rows.get(1).implementation());
        String md = LatencyTable.markdown(rows);
        assertTrue(md.contains("| ipc4j / row, p99 | row / Agrona OneToOneRingBuffer, p50 | row / Agrona"
                + " OneToOneRingBuffer, p99 |\n|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n"), md);
        assertTrue(md.contains("| ipc4j Pipe (busy-spin) | ipc4j | 300 ns |"), md);
        assertTrue(md.contains(" | 1x | 1x | 2.00x | 2.00x |\n| ipc4j SharedRing"), md);
        assertTrue(md.contains(" | 1.50x | 1.50x | 1.33x | 1.33x |\n| Agrona OneToOneRingBuffer"), md);
        assertTrue(md.contains(" | 2.00x | 2.00x | 1x | 1x |\n"), md);
        assertTrue(md.contains("the last two columns divide each row by \"Agrona OneToOneRingBuffer\"."), md);
        // one ipc4j row: the table keeps its two ratio columns
        String single = LatencyTable.markdown(LatencyTable.ordered(LatencySummary.of(List.of(
                latency("ipc4j Pipe (busy-spin)", Kind.IPC4J, 1, 300), latency("Agrona OneToOneRingBuffer", Kind.PEER,
                        1, 150)))));
        assertFalse(single.contains("row / Agrona"), single);
    }

    @Test
    void latencyTablesDivideByOneToOneEvenWhereManyToOneWasFaster() {
        List<LatencySummary> rows = LatencyTable.ordered(LatencySummary.of(List.of(
                latency("ipc4j SharedRing SPSC pair, zero-copy (busy-spin)", Kind.IPC4J, 1, 200),
                latency("ipc4j Pipe (busy-spin)", Kind.IPC4J, 1, 300),
                latency("Agrona ManyToOneRingBuffer", Kind.PEER, 1, 120),
                latency("Agrona OneToOneRingBuffer", Kind.PEER, 1, 150))));
        assertEquals("Agrona ManyToOneRingBuffer", rows.get(2).implementation());
        assertEquals("Agrona OneToOneRingBuffer", LatencyTable.referencePeer(rows).implementation());
        String md = LatencyTable.markdown(rows);
        assertTrue(md.contains("| row / Agrona OneToOneRingBuffer, p50 | row / Agrona OneToOneRingBuffer, p99 |"), md);
        assertTrue(md.contains(" | 2.50x | 2.50x | 0.800x | 0.800x |\n| Agrona OneToOneRingBuffer"), md);
        // without a OneToOne row: Agrona's fastest
        List<LatencySummary> manyToOneOnly = LatencyTable.ordered(LatencySummary.of(List.of(
                latency("ipc4j SharedRing SPSC pair, zero-copy (busy-spin)", Kind.IPC4J, 1, 200),
                latency("ipc4j Pipe (busy-spin)", Kind.IPC4J, 1, 300),
                latency("Agrona ManyToOneRingBuffer", Kind.PEER, 1, 120))));
        assertEquals("Agrona ManyToOneRingBuffer", LatencyTable.referencePeer(manyToOneOnly).implementation());
    }

    private static LatencyRecord latency(String implementation, Kind kind, int rep, long p50) {
        return new LatencyRecord("w", implementation, kind, rep, 100, p50, p50, p50, p50, p50, p50, p50, 1, "");
    }

    @Test
    void medianOfAnEvenCountIsTheLowerMiddleValue() {
        assertEquals(3, LatencySummary.median(new long[] {5, 1, 3}));
        assertEquals(2, LatencySummary.median(new long[] {4, 2, 1, 3}));
    }

    @Test
    void formatsUnitsAndRatios() {
        assertEquals("161 ns", Format.nanos(161));
        assertEquals("9.58 us", Format.nanos(9_580));
        assertEquals("12.0 ms", Format.nanos(12_000_000));
        assertEquals("0.500x", Format.ratio(0.5));
        assertEquals("n/a", Format.ratio(Double.NaN));
        assertEquals("21.4 M msgs/s", Format.score(21_400_000, "msgs/s"));
        assertEquals("p99.9", Charts.percentileLabel(3));
        assertEquals("p50", Charts.percentileLabel(0));
        assertEquals("", Charts.percentileLabel(1.5));
    }
}
