package org.ipc4j.bench.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.ipc4j.bench.suite.MachineInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tuning guide generated from fixed raw data: tables, recommendations and chart files. */
class TuningReportTest {
    private static final String PHASE = PacedRoundTrip.phaseName(100_000);

    @TempDir
    static Path results;
    private static String guide;

    static TuningRecord waitPoint(String label, double spins, double p99, double peerCpu) {
        return TuningRecord.of(Knob.WAIT, PHASE, label, spins).withLatency(1000, p99 / 4, p99 / 2, p99, p99 * 2, p99 * 3)
                .withRate(1000, 8000, Double.NaN).withCpu(50, peerCpu, 900);
    }

    static TuningRecord throughput(Knob knob, String series, String label, double x, double msgs) {
        return TuningRecord.of(knob, series, label, x).withRate(1_000_000, msgs, msgs * 32).withCpu(100, 100, 300)
                .withAlloc(0, 0);
    }

    static List<TuningRecord> fixture() {
        List<TuningRecord> records = new ArrayList<>();
        records.add(waitPoint("BUSY_SPIN", Double.NaN, 2_000, 100));
        records.add(waitPoint("Blocking, spins=10000", 10_000, 3_000, 60));
        records.add(waitPoint("Blocking, spins=100", 100, 40_000, 4));
        records.add(TuningRecord.of(Knob.WAIT, "back to back", "BUSY_SPIN", Double.NaN)
                .withLatency(100_000, 300, 400, 500, 900, 5_000).withRate(100_000, 3e6, Double.NaN).withCpu(100, 100, 600));
        String spsc = TuningPlan.SPSC;
        records.add(throughput(Knob.CAPACITY, spsc, "4 KiB", 4096, 5e6));
        records.add(throughput(Knob.CAPACITY, spsc, "64 KiB", 65536, 9.5e6));
        records.add(throughput(Knob.CAPACITY, spsc, "1 MiB", 1 << 20, 10e6));
        records.add(throughput(Knob.BATCH, TuningPlan.RING_BATCH, "limit 1", 1, 2e6));
        records.add(throughput(Knob.BATCH, TuningPlan.RING_BATCH, "limit 256", 256, 10e6));
        records.add(throughput(Knob.BATCH, "SharedQueue<byte[]>, 32 B", "poll() one by one", Double.NaN, 1e6));
        records.add(throughput(Knob.BATCH, "SharedQueue<byte[]>, 32 B", "drainTo(list, 256)", Double.NaN, 1.5e6));
        String tDefault = "throughput, " + TuningPlan.DEFAULT_PIPE;
        String tBig = "throughput, " + TuningPlan.BIG_PIPE;
        records.add(TuningRecord.of(Knob.MESSAGE_SIZE, tDefault, "16 B", 16).withRate(1, 4e6, 64e6));
        records.add(TuningRecord.of(Knob.MESSAGE_SIZE, tDefault, "64 KiB", 65536).withRate(1, 2e3, 131e6));
        records.add(TuningRecord.of(Knob.MESSAGE_SIZE, tBig, "16 B", 16).withRate(1, 4.1e6, 65.6e6));
        records.add(TuningRecord.of(Knob.MESSAGE_SIZE, tBig, "64 KiB", 65536).withRate(1, 30e3, 1.97e9));
        records.add(TuningRecord.of(Knob.MESSAGE_SIZE, "round trip, " + TuningPlan.DEFAULT_PIPE, "16 B", 16)
                .withLatency(10, 5_000, 6_000, 7_000, 8_000, 9_000));
        records.add(throughput(Knob.CODEC, "SharedQueue, 256 KiB", "bytes", Double.NaN, 3e6).withAlloc(48, 0));
        records.add(throughput(Knob.CODEC, "SharedQueue, 256 KiB", "serial", Double.NaN, 60e3).withAlloc(4400, 7700));
        records.add(TuningRecord.of(Knob.JVM, "-Xms64m -Xmx64m", "-XX:+UseSerialGC", Double.NaN)
                .withLatency(10, 20_000, 30_000, 50_000, 900_000, 2_000_000).withGc(40, 90));
        records.add(TuningRecord.of(Knob.JVM, "-Xms1g -Xmx1g", "-XX:+UseParallelGC", Double.NaN)
                .withLatency(10, 20_000, 30_000, 50_000, 300_000, 1_000_000).withGc(3, 20));
        records.add(TuningRecord.of(Knob.PLACEMENT, "round trip, Pipe busy-spin", "not pinned", Double.NaN)
                .withLatency(10, 400, 500, 600, 700, 800).withRate(10, 2e6, Double.NaN));
        records.add(TuningRecord.of(Knob.PLACEMENT, "round trip, Pipe busy-spin", "same core (both on CPU 0)", Double.NaN)
                .withLatency(10, 3_000_000, 4_000_000, 5_000_000, 6_000_000, 7_000_000).withRate(10, 300, Double.NaN));
        return records;
    }

    @BeforeAll
    static void generate() throws IOException {
        Path raw = TuningReport.rawDir(results);
        TuningRecord.write(raw.resolve("fixture.csv"), fixture());
        MachineInfo.write(raw.resolve("machine.properties"), Map.of("cpu", "Test CPU 9000"));
        MachineInfo.write(raw.resolve("run.properties"), Map.of("mode", "full", "command", "bench/run tuning",
                "started", "2026-01-01T00:00:00Z", "duration_seconds", "420", "cases", "42",
                "skipped.1", "jvm: -XX:+UseZGC: this JVM does not accept -XX:+UseZGC"));
        TuningReport.generate(results);
        guide = Files.readString(results.resolve(TuningReport.GUIDE));
    }

    @Test
    void headerDescribesTheMachineTheCommandAndWhatDidNotRun() {
        assertTrue(guide.contains("- Command: `bench/run tuning`"), guide);
        assertTrue(guide.contains("- CPU: Test CPU 9000"), guide);
        assertTrue(guide.contains("took 420 s, 42 JVM pairs"), guide);
        assertTrue(guide.contains("- skipped: jvm: -XX:+UseZGC: this JVM does not accept -XX:+UseZGC"), guide);
        assertFalse(guide.contains("Quick smoke run"), guide);
    }

    @Test
    void waitTableAndAdviceFollowTheNumbers() {
        assertTrue(guide.contains("| Blocking, spins=10000 | 750 ns | 3.00 us | 6.00 us | 8000/s | 60.0 % | 50.0 % |"), guide);
        // busy-spin has the lowest p99 (2 us); spins=10000 is within 2x (3 us) at 60 % instead of 100 %
        assertTrue(guide.contains("- At 1 msg / 100 us, use Blocking, spins=10000: its p99 (3.00 us) was within 2x of the"
                + " lowest (BUSY_SPIN, 2.00 us) for 60.0 % of a core on the waiting side instead of 100 %; the least CPU,"
                + " 4.00 %, came with Blocking, spins=100 at a p99 of 40.0 us.\n- Back to back, use BUSY_SPIN: it had the"
                + " lowest p99 (500 ns)"), guide);
    }

    @Test
    void adviceChangesWhenTheNumbersDo() {
        // make spins=10000 slower than 2x the best: the advice must move to busy-spin
        Points changed = new Points(List.of(waitPoint("BUSY_SPIN", Double.NaN, 2_000, 100),
                waitPoint("Blocking, spins=10000", 10_000, 5_000, 60), waitPoint("Blocking, spins=100", 100, 40_000, 4)));
        assertTrue(Advice.wait(changed).startsWith("at 1 msg / 100 us, use BUSY_SPIN: it had the lowest p99 (2.00 us)"),
                Advice.wait(changed));
        // within 2x of the best p99 but not clearly cheaper: the advice stays with the fastest
        Points sameCpu = new Points(List.of(waitPoint("BUSY_SPIN", Double.NaN, 2_000, 100),
                waitPoint("Blocking, spins=10000", 10_000, 3_000, 95)));
        assertTrue(Advice.wait(sameCpu).startsWith("at 1 msg / 100 us, use BUSY_SPIN"), Advice.wait(sameCpu));
        Points grows = new Points(List.of(throughput(Knob.CAPACITY, "s", "4 KiB", 4096, 1e6),
                throughput(Knob.CAPACITY, "s", "16 KiB", 16384, 5e6)));
        assertTrue(Advice.enough(grows, "ring", "of", "", Double.NaN).startsWith("throughput still grew up to the largest ring measured (16 KiB"),
                Advice.enough(grows, "ring", "of", "", Double.NaN));
        // when identical runs differed more than the settings did, no setting is called the winner
        assertTrue(Advice.enough(grows, "ring", "of", "", 6.0).startsWith("the ring settings differed by at most 5.00x, no"
                + " more than identical runs of one configuration differed in this sweep (6.00x)"), Advice.enough(grows, "ring", "of", "", 6.0));
        Points flat = new Points(List.of(TuningRecord.of(Knob.JVM, "h", "A", Double.NaN).withLatency(1, 1, 1, 1, 100, 1),
                TuningRecord.of(Knob.JVM, "h", "B", Double.NaN).withLatency(1, 1, 1, 1, 110, 1)));
        assertTrue(Advice.jvm(flat).startsWith("no heap or GC setting moved p99.9 by more than 20 %"), Advice.jvm(flat));
    }

    @Test
    void capacityAndBatchAdvicePickTheSmallestSettingWithinTenPercentOfTheBest() {
        assertTrue(guide.contains("| 64 KiB | 9.50 M/s | 0.950x | 300 ns | 100 % | 100 % | 0 B |"), guide);
        assertTrue(guide.contains("A ring of 64 KiB is enough for 32-byte messages: it reached 95.0 % of the best"
                + " (1 MiB, 10.0 M/s); 4 KiB reached only 50.0 %."), guide);
        assertTrue(guide.contains("Throughput still grew up to the largest read measured (limit 256, 10.0 M/s)"), guide);
        assertTrue(guide.contains("For SharedQueue, drainTo was 1.50x faster (poll() 1.00 M/s, drainTo 1.50 M/s)."), guide);
    }

    @Test
    void runToRunNoiseOfRepeatedConfigurationsIsShown() {
        // the capacity sweep's 64 KiB point and the batch sweep's limit 256 are the same configuration
        assertTrue(guide.contains("was measured 2 times in this sweep: 9.50 M/s, 10.0 M/s (1.05x apart)._"), guide);
    }

    @Test
    void messageSizeTableJoinsTheSeriesAndTheAdviceNamesWhereInlineWins() {
        assertTrue(guide.contains("| 64 KiB | 2000/s | 0.131 GB/s | 30.0 k/s | 1.97 GB/s | - | - | - | - |"), guide);
        assertTrue(guide.contains("| 16 B | 4.00 M/s | 0.064 GB/s | 4.10 M/s | 0.066 GB/s | 5.00 us | 7.00 us | - | - |"), guide);
        assertTrue(guide.contains("a 4 MiB ring that keeps messages inline was more than 20 % faster at 64 KiB (up to 15.0x"
                + " at 64 KiB)"), guide);
    }

    @Test
    void codecJvmAndPlacementSections() {
        assertTrue(guide.contains("| serial | 60.0 k/s | 0.020x | 300 ns | 4400 B | 7700 B |"), guide);
        assertTrue(guide.contains("Prefer bytes (3.00 M/s, 48 B allocated per message by the receiver); serial was the"
                + " slowest, 50.0x slower"), guide);
        assertTrue(guide.contains("| -Xms1g -Xmx1g | -XX:+UseParallelGC | 20.0 us | 50.0 us | 300 us | 1.00 ms | n/a | 3 | 20 |"),
                guide);
        assertTrue(guide.contains("The lowest p99.9 came with -XX:+UseParallelGC with -Xms1g -Xmx1g (300 us), the highest"
                + " with -XX:+UseSerialGC with -Xms64m -Xmx64m (900 us, 3.00x)"), guide);
        assertTrue(guide.contains("Round trip, Pipe busy-spin: best not pinned (p50 400 ns), worst same core (both on CPU 0)"
                + " (p50 7500x higher)"), guide);
    }

    @Test
    void chartsAreDrawnAndLinked() throws IOException {
        for (String name : List.of("wait-cpu", "wait-p99", "capacity", "batch", "size-throughput", "size-latency", "codec",
                "jvm", "placement")) {
            Path png = results.resolve("charts").resolve(TuningReport.CHART_PREFIX + name + ".png");
            assertTrue(Files.exists(png), name);
            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(900, image.getWidth(), name);
            assertTrue(guide.contains("(charts/" + png.getFileName() + ")"), name);
        }
    }

    @Test
    void recordsSurviveTheirCsv() throws IOException {
        Path dir = results.resolve("csv");
        List<TuningRecord> records = fixture();
        TuningRecord.write(dir.resolve("a.csv"), records);
        assertEquals(records, TuningRecord.readAll(dir));
    }
}
