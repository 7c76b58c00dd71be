package org.ipc4j.bench.tuning;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.ipc4j.bench.harness.Args;
import org.ipc4j.bench.harness.PeerJvm;
import org.ipc4j.bench.harness.Placement;
import org.ipc4j.bench.suite.MachineInfo;
import org.ipc4j.os.ProcessTable;

/**
 * Runs the tuning sweep and writes the guide: {@code TuningSweep quick|full [out=DIR] [only=REGEX]
 * [command=TEXT]}, from the repository root ({@code bench/run tuning} builds and calls it under the machine's
 * build lock). Each case runs in its own measuring JVM and peer; a failing case is reported and the others
 * still run; the exit code is 1 if any failed.
 *
 * <p>Writes {@code DIR/raw/tuning/} (one CSV per case, machine and run descriptions), then
 * {@code DIR/TUNING.md} and {@code DIR/charts/tuning-*.png}; it touches nothing else in DIR. DIR defaults to
 * {@code results} for full runs and {@code ipc-bench/target/results-quick} for quick ones.
 */
public final class TuningSweep {
    private TuningSweep() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length < 1 || !(argv[0].equals("quick") || argv[0].equals("full"))) {
            System.err.println("usage: TuningSweep quick|full [out=DIR] [only=REGEX] [command=TEXT]");
            System.exit(2);
        }
        boolean full = argv[0].equals("full");
        Args args = Args.parse(Arrays.copyOfRange(argv, 1, argv.length));
        Path results = Path.of(args.get("out", full ? "results" : "ipc-bench/target/results-quick")).toAbsolutePath().normalize();
        String only = args.get("only", "");
        List<TuningCase> cases = new ArrayList<>(TuningPlan.cases(full, Placement.available()));
        if (!only.isEmpty()) {
            Pattern pattern = Pattern.compile(only);
            cases.removeIf(c -> !pattern.matcher(c.title()).find());
        }
        String command = args.get("command", "TuningSweep " + String.join(" ", argv));
        System.exit(run(cases, argv[0], results, command, System.out) ? 0 : 1);
    }

    static boolean run(List<TuningCase> cases, String mode, Path results, String command, PrintStream out) throws IOException {
        ZonedDateTime started = ZonedDateTime.now();
        Path raw = TuningReport.rawDir(results);
        deleteTree(raw);
        deleteOldCharts(results.resolve("charts"));
        Files.createDirectories(raw);
        Path shm = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        Path work = Files.createTempDirectory(shm, "ipc4j-tuning-");
        String runId = "t" + ProcessHandle.current().pid();
        double total = cases.stream().mapToDouble(TuningCase::estimatedSeconds).sum();
        out.printf(Locale.ROOT, "ipc4j tuning sweep (%s): %d cases, about %s, results in %s%n", mode, cases.size(),
                clock(total), results);
        List<String> failures = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        double estimatedDone = 0;
        long start = System.nanoTime();
        boolean zgc = jvmAccepts("-XX:+UseZGC");
        for (int i = 0; i < cases.size(); i++) {
            TuningCase c = cases.get(i);
            double elapsed = (System.nanoTime() - start) / 1e9;
            double pace = estimatedDone > 0 ? elapsed / estimatedDone : 1;
            out.printf(Locale.ROOT, "[%d/%d, %s elapsed, ~%s left] %s%n", i + 1, cases.size(), clock(elapsed),
                    clock((total - estimatedDone) * pace), c.title());
            estimatedDone += c.estimatedSeconds();
            if (!zgc && c.jvmOptions().contains("-XX:+UseZGC")) {
                skipped.add(c.title() + ": this JVM does not accept -XX:+UseZGC");
                out.println("  SKIPPED: this JVM does not accept -XX:+UseZGC");
                continue;
            }
            try {
                runCase(c, raw.resolve(c.fileId(i + 1) + ".csv"), runId + "-" + (i + 1), work, out);
            } catch (RuntimeException e) {
                failures.add(c.title() + ": " + firstLine(e.getMessage()));
                out.println("  FAILED: " + e.getMessage());
            }
            List<String> leftovers = clear(work);
            if (!leftovers.isEmpty()) {
                failures.add(c.title() + ": left files in the shared directory: " + leftovers);
            }
        }
        deleteTree(work); // with the process table the steps left in it
        Map<String, String> run = new LinkedHashMap<>();
        run.put("mode", mode);
        run.put("command", command);
        run.put("started", started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        run.put("duration_seconds", Long.toString(Duration.between(started, ZonedDateTime.now()).toSeconds()));
        run.put("cases", Integer.toString(cases.size()));
        for (int i = 0; i < failures.size(); i++) {
            run.put("failure." + (i + 1), failures.get(i));
        }
        for (int i = 0; i < skipped.size(); i++) {
            run.put("skipped." + (i + 1), skipped.get(i));
        }
        MachineInfo.write(raw.resolve("run.properties"), run);
        MachineInfo.write(raw.resolve("machine.properties"), MachineInfo.collect());
        try {
            TuningReport.generate(results);
            out.println("tuning guide: " + results.resolve(TuningReport.GUIDE));
        } catch (RuntimeException e) {
            failures.add("guide generation: " + e);
            e.printStackTrace(out);
        }
        out.printf(Locale.ROOT, "%d cases, %d failed, %d skipped, in %s%n", cases.size(), failures.size(), skipped.size(),
                clock((System.nanoTime() - start) / 1e9));
        failures.forEach(f -> out.println("FAILED: " + f));
        return failures.isEmpty();
    }

    private static void runCase(TuningCase c, Path csv, String runId, Path work, PrintStream out) {
        Placement placement = Placement.parse(c.cpus());
        PeerJvm.Builder builder = PeerJvm.builder(c.main().getName()).jvmArgs(c.jvmOptions())
                .property("ipc4j.dir", work.toString()).prefix(placement.measurerPrefix())
                .args(c.args(csv.toString(), runId))
                .listener(line -> {
                    if (line.startsWith("result ")) {
                        out.println("  " + line);
                    }
                });
        try (PeerJvm jvm = builder.start()) {
            int exit = jvm.waitFor(Duration.ofSeconds((long) (c.estimatedSeconds() * 4 + 60)));
            if (exit != 0) {
                throw new IllegalStateException(c.title() + " exited with " + exit + ":\n" + tail(jvm.output()));
            }
        }
        if (!Files.exists(csv)) {
            throw new IllegalStateException(c.title() + " wrote no results");
        }
    }

    /** True if this JVM starts with {@code option} (ZGC is not in every build). */
    static boolean jvmAccepts(String option) {
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), option, "-version")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String tail(String output) {
        String[] lines = output.split("\n");
        return String.join("\n", Arrays.asList(lines).subList(Math.max(0, lines.length - 30), lines.length));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static void deleteOldCharts(Path charts) throws IOException {
        if (!Files.isDirectory(charts)) {
            return;
        }
        try (Stream<Path> list = Files.list(charts)) {
            for (Path file : list.filter(f -> f.getFileName().toString().startsWith(TuningReport.CHART_PREFIX))
                    .collect(Collectors.toList())) {
                Files.delete(file);
            }
        }
    }

    private static List<String> clear(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            // the directory's process table is part of the directory, not a step's leftover
            files = list.filter(f -> !ProcessTable.isTableFile(f.getFileName().toString())).collect(Collectors.toList());
        }
        for (Path file : files) {
            deleteTree(file);
        }
        return files.stream().map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }
}
