package org.ipc4j.bench.tuning;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.ipc4j.bench.harness.Placement;

/**
 * Writes {@code TUNING.md} and {@code charts/tuning-*.png} in a results directory from {@code raw/tuning/}.
 * {@code java -cp .. org.ipc4j.bench.tuning.TuningReport <results dir>} regenerates them without measuring.
 */
public final class TuningReport {
    static final String GUIDE = "TUNING.md";
    static final String CHART_PREFIX = "tuning-";
    private static final Map<String, String> MACHINE_LABELS = Map.of("cpu", "CPU", "cores", "Cores", "memory", "Memory",
            "os", "OS", "virtualisation", "Virtualisation", "jdk", "JDK", "python", "Python", "cc", "C compiler");

    private TuningReport() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: TuningReport <results dir>");
            System.exit(2);
        }
        generate(Path.of(args[0]));
        System.out.println("wrote " + Path.of(args[0]).resolve(GUIDE));
    }

    static Path rawDir(Path results) {
        return results.resolve("raw").resolve("tuning");
    }

    public static void generate(Path results) {
        System.setProperty("java.awt.headless", "true");
        Path raw = rawDir(results);
        Points points = new Points(TuningRecord.readAll(raw));
        Map<String, String> machine = properties(raw.resolve("machine.properties"));
        Map<String, String> run = properties(raw.resolve("run.properties"));
        String markdown = render(points, machine, run, results.resolve("charts"), Placement.available());
        try {
            Files.writeString(results.resolve(GUIDE), markdown);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + results.resolve(GUIDE), e);
        }
    }

    static String render(Points points, Map<String, String> machine, Map<String, String> run, Path charts, boolean taskset) {
        StringBuilder md = new StringBuilder("# ipc4j tuning guide\n\n");
        md.append("What each knob of ipc4j does to latency, throughput and CPU use, measured on the machine below. Every"
                + " figure comes from `raw/tuning/*.csv` (one file per measuring JVM); the recommendations are generated"
                + " from those figures by the rules stated in `org.ipc4j.bench.tuning.Advice`, so they change when the"
                + " numbers do.\n\n");
        md.append("- Command: `").append(run.getOrDefault("command", "?")).append("`\n");
        md.append("- Date: ").append(run.getOrDefault("started", "?")).append(" (took ")
                .append(run.getOrDefault("duration_seconds", "?")).append(" s, ").append(run.getOrDefault("cases", "?"))
                .append(" JVM pairs)\n");
        for (Map.Entry<String, String> e : machine.entrySet()) {
            md.append("- ").append(MACHINE_LABELS.getOrDefault(e.getKey(), e.getKey())).append(": ").append(e.getValue())
                    .append('\n');
        }
        md.append('\n');
        if ("quick".equals(run.get("mode"))) {
            md.append("> **Quick smoke run:** one point per knob with very short measurements; the figures only show"
                    + " that every path works and are not representative.\n\n");
        }
        md.append("How to read: *round trip* = request and reply, timed by the requester (HdrHistogram); *msgs/s* ="
                + " one-way messages received per second; *CPU* = process CPU time / wall time, in % of one core (100 %"
                + " = one core busy; JIT and GC threads included), read from /proc for both JVMs; *CPU per msg* = both"
                + " processes' CPU time divided by the messages. Each point is a single run of a fresh JVM pair on a"
                + " 2-core virtual machine: differences under about 20 % are within run-to-run noise.\n\n");
        List<String> failures = listed(run, "failure.");
        List<String> skipped = listed(run, "skipped.");
        if (!failures.isEmpty() || !skipped.isEmpty()) {
            md.append("**Cases that did not run:**\n\n");
            failures.forEach(f -> md.append("- FAILED: ").append(f).append('\n'));
            skipped.forEach(s -> md.append("- skipped: ").append(s).append('\n'));
            md.append('\n');
        }
        md.append("Contents: ");
        for (Knob knob : Knob.values()) {
            md.append(knob.ordinal() + 1).append(". ").append(knob.title()).append(knob.ordinal() + 1 < Knob.values().length ? " · " : "\n\n");
        }
        TransportSections.waitStrategy(md, points, charts);
        TransportSections.capacity(md, points, charts);
        TransportSections.batch(md, points, charts);
        TransportSections.messageSize(md, points, charts);
        RuntimeSections.codec(md, points, charts);
        RuntimeSections.jvm(md, points, charts);
        RuntimeSections.placement(md, points, charts, taskset);
        return md.toString();
    }

    private static List<String> listed(Map<String, String> run, String prefix) {
        return run.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
                .collect(java.util.stream.Collectors.toList());
    }

    static Map<String, String> properties(Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.indexOf('=') > 0 && !line.startsWith("#")) {
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
}
