package org.ipc4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report generator on the fixed raw data in src/test/resources/report-input. */
class ReportTest {
    private static final List<String> INPUT = List.of("raw/latency/spin.csv", "raw/latency/floor-r1.csv",
            "raw/scores/throughput.csv", "raw/jmh/access.json", "raw/machine.properties", "raw/run.properties");

    @TempDir
    static Path results;
    private static String readme;

    @BeforeAll
    static void generate() throws IOException {
        for (String file : INPUT) {
            Path target = results.resolve(file);
            Files.createDirectories(target.getParent());
            try (InputStream in = Objects.requireNonNull(ReportTest.class.getResourceAsStream("/report-input/" + file), file)) {
                Files.copy(in, target);
            }
        }
        Report.generate(results);
        readme = Files.readString(results.resolve("README.md"));
    }

    @Test
    void latencyTableTakesTheMedianOfRepetitionsAndTheLargestMaximum() {
        // p50s 160, 200, 180 -> 180; p99.9 900, 950, 920 -> 920; max of maxima 8 ms
        assertTrue(readme.contains("| ipc4j Region word | ipc4j | 180 ns | 200 ns | 250 ns | 920 ns | 5.50 us | 8.00 ms"
                + " | 160 ns .. 200 ns | 3000000 | 1x | 1x |"), readme);
    }

    @Test
    void floorRowCarriesTheRatioOfIpc4jToTheFloor() {
        // 180 / 120 = 1.5 at p50, 250 / 240 = 1.04 at p99
        assertTrue(readme.contains("| C (fork + shared mmap) | floor | 120 ns | 150 ns | 240 ns | 800 ns | 4.00 us"
                + " | 1.00 ms | 1 run | 1000000 | 1.50x | 1.04x |"), readme);
    }

    @Test
    void workloadWithoutIpc4jSaysSoAndHasNoRatio() {
        assertTrue(readme.contains("| Agrona OneToOneRingBuffer | peer | 800 ns |"), readme);
        assertTrue(readme.contains("| 500000 | n/a | n/a |"), readme);
        assertTrue(readme.contains("ipc4j's row is not measured yet: ipc4j Pipe / SharedQueue"), readme);
        // peers are ordered fastest first
        assertTrue(readme.indexOf("| Agrona OneToOneRingBuffer | peer") < readme.indexOf("| Unix domain socket"), readme);
    }

    @Test
    void jmhTablePutsMappedBytesBesideUnsafeBufferWithRatioAndAllocation() {
        assertTrue(readme.contains("| Workload | ipc4j MappedBytes (Unsafe / java.lang.foreign) (min..max) | B/op"
                + " | Agrona UnsafeBuffer (--add-opens) (min..max) | B/op | ipc4j / Agrona UnsafeBuffer (--add-opens) |"), readme);
        assertTrue(readme.contains("| get-long-volatile | 3.00 ns/op (2.90..3.10) | 0 | 2.00 ns/op (1.90..2.10) | 0 | 1.50x |"),
                readme);
        assertTrue(readme.contains("| put-long-release | 1.00 ns/op (1.00..1.00) | 0 | 1.00 ns/op (1.00..1.00) | 0 | 1.00x |"),
                readme);
        assertTrue(readme.contains("| lock-uncontended | 1700 ns/op (1600..1800) | 104 |"), readme);
    }

    @Test
    void throughputTableFormatsRatesAndSaysHigherIsBetter() {
        assertTrue(readme.contains("(`one-way-throughput`, msgs/s, higher is better)"), readme);
        assertTrue(readme.contains("| msg32-one-way | 20.0 M msgs/s (18000000..22000000) | 50.0 k msgs/s (48000..52000) |"),
                readme);
    }

    @Test
    void headerDescribesMachineRunFailuresAndQuickMode() {
        assertTrue(readme.contains("QUICK RUN"), readme);
        assertTrue(readme.contains("NOT representative"), readme);
        assertTrue(readme.contains("| CPU | Test CPU 9000 |"), readme);
        assertTrue(readme.contains("| Python | Python 3.11.7 |"), readme);
        assertTrue(readme.contains("| Command | `bench/run quick` |"), readme);
        assertTrue(readme.contains("- latency lock-handoff java.nio FileLock (fcntl) (rep 1/1): peer exited with 1"), readme);
        assertTrue(readme.contains("- python multiprocessing peers: no python3 on the PATH"), readme);
    }

    @Test
    void chartsAreWrittenAsPngAndLinked() throws IOException {
        for (String chart : List.of("latency-spin-rtt.png", "latency-msg32-rtt.png", "scores-mapped-access.png",
                "scores-one-way-throughput.png", "scores-op-cost.png")) {
            Path file = results.resolve("charts").resolve(chart);
            BufferedImage image = ImageIO.read(file.toFile());
            assertNotNull(image, chart + " is not a readable image");
            assertEquals(900, image.getWidth(), chart);
            assertEquals(520, image.getHeight(), chart);
            assertTrue(readme.contains("(charts/" + chart + ")"), chart + " is not linked from README.md");
        }
    }

    @Test
    void fullRunHasNoQuickBanner() throws IOException {
        Path full = results.resolveSibling(results.getFileName() + "-full");
        for (String file : INPUT) {
            Path target = full.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(results.resolve(file), target);
        }
        Files.writeString(full.resolve("raw/run.properties"), "mode=full\ncommand=bench/run full\n");
        Report.generate(full);
        String text = Files.readString(full.resolve("README.md"));
        assertFalse(text.contains("QUICK RUN"), text);
        assertFalse(text.contains("Failed steps"), text);
    }
}
