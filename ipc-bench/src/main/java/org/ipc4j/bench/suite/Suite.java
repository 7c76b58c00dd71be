package org.ipc4j.bench.suite;

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
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.ipc4j.bench.harness.Args;
import org.ipc4j.bench.harness.Placement;
import org.ipc4j.bench.report.Report;
import org.ipc4j.os.ProcessTable;

/**
 * Runs the benchmark suite and writes the report: {@code Suite quick|full [out=DIR] [cpus=A,B] [only=REGEX]
 * [command=TEXT]}, from the repository root (the {@code bench/run} script builds and calls it under the
 * machine's build lock). Steps run one at a time, each in its own JVM(s) or process; a failing step is
 * reported, the others still run, and the exit code is 1 if anything failed.
 *
 * <p>Writes {@code DIR/raw/} (CSV, .hgrm, JMH JSON, machine and run descriptions), then {@code DIR/README.md}
 * and {@code DIR/charts/}. DIR defaults to {@code results} for full runs and {@code ipc-bench/target/results-quick}
 * for quick ones, so a smoke test never overwrites the committed report.
 */
public final class Suite {
    private Suite() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length < 1) {
            System.err.println("usage: Suite quick|full [out=DIR] [cpus=A,B] [only=REGEX] [command=TEXT]");
            System.exit(2);
        }
        Mode mode = Mode.parse(argv[0]);
        Args args = Args.parse(Arrays.copyOfRange(argv, 1, argv.length));
        Path repo = Path.of(args.get("repo", ".")).toAbsolutePath().normalize();
        Path results = repo.resolve(args.get("out", mode == Mode.FULL ? "results" : "ipc-bench/target/results-quick"));
        String cpus = args.get("cpus", "");
        Placement placement = Placement.parse(cpus);
        String onlyText = args.get("only", "");
        Pattern only = onlyText.isEmpty() ? null : Pattern.compile(onlyText);
        String command = args.get("command", "Suite " + String.join(" ", argv));
        String runId = "b" + ProcessHandle.current().pid();
        List<Step> steps = Plan.steps(mode, runId, placement.spec(), results.resolve("raw"), only);
        System.exit(run(steps, mode, repo, results, placement, only, command, runId, System.out) ? 0 : 1);
    }

    /** Runs {@code steps}, writes the run's description and the report; true if no step failed. */
    static boolean run(List<Step> steps, Mode mode, Path repo, Path results, Placement placement, Pattern only,
                       String command, String runId, PrintStream out) throws IOException {
        ZonedDateTime started = ZonedDateTime.now();
        // the tuning sweep's files (raw/tuning, charts/tuning-*) belong to a separate command: keep them
        deleteAllExcept(results.resolve("raw"), "tuning");
        deleteAllExcept(results.resolve("charts"), "tuning");
        Files.createDirectories(results.resolve("raw"));
        Path shm = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        Path work = Files.createTempDirectory(shm, "ipc4j-bench-");
        ProgressBoard board = new ProgressBoard(steps, out);
        StepEnv env = new StepEnv(repo, results, work, placement, runId, board::line);
        out.printf(Locale.ROOT, "ipc4j bench %s: %d steps, results in %s, CPU placement: %s%n", mode.id(), steps.size(),
                results, placement.describe());

        List<String> failures = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            board.begin(i);
            try {
                String note = step.run(env);
                if (note == null) {
                    board.end("done");
                } else {
                    skipped.add(step.title() + ": " + note);
                    board.end("SKIPPED: " + note);
                }
            } catch (Exception | AssertionError e) {
                failures.add(step.title() + ": " + firstLine(e.getMessage()));
                board.end("FAILED");
                System.err.println(step.title() + " FAILED: " + e.getMessage());
            }
            List<String> leftovers = clear(work);
            if (!leftovers.isEmpty()) {
                failures.add(step.title() + ": left files in the shared directory: " + leftovers);
            }
        }
        deleteTree(work); // with the process table the steps left in it

        Map<String, String> run = new LinkedHashMap<>();
        run.put("mode", mode.id());
        run.put("command", command);
        run.put("started", started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        run.put("duration_seconds", Long.toString(Duration.between(started, ZonedDateTime.now()).toSeconds()));
        run.put("placement", placement.describe());
        run.put("steps", Integer.toString(steps.size()));
        run.put("repetitions", Integer.toString(mode.repetitions()));
        run.put("filter", only == null ? "" : only.pattern());
        for (int i = 0; i < failures.size(); i++) {
            run.put("failure." + (i + 1), failures.get(i));
        }
        for (int i = 0; i < skipped.size(); i++) {
            run.put("skipped." + (i + 1), skipped.get(i));
        }
        MachineInfo.write(results.resolve("raw/run.properties"), run);
        MachineInfo.write(results.resolve("raw/machine.properties"), MachineInfo.collect());
        try {
            Report.generate(results);
            out.println("report: " + results.resolve("README.md"));
        } catch (RuntimeException e) {
            failures.add("report generation: " + e);
            e.printStackTrace();
        }
        out.printf(Locale.ROOT, "%d steps, %d failed, %d skipped, in %s%n", steps.size(), failures.size(), skipped.size(),
                ProgressBoard.clock(Duration.between(started, ZonedDateTime.now()).toSeconds()));
        failures.forEach(f -> out.println("FAILED: " + f));
        skipped.forEach(s -> out.println("SKIPPED: " + s));
        return failures.isEmpty();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Deletes whatever a step left in the run's directory; returns the names. */
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

    private static void deleteAllExcept(Path dir, String keptPrefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(f -> !f.getFileName().toString().startsWith(keptPrefix)).collect(Collectors.toList())) {
                deleteTree(p);
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
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
