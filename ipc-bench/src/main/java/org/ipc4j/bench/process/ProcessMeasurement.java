package org.ipc4j.bench.process;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.data.RecordFiles;
import org.ipc4j.bench.data.ScoreRecord;
import org.ipc4j.bench.harness.Args;
import org.ipc4j.bench.harness.Progress;
import org.ipc4j.process.JvmProcess;
import org.ipc4j.process.PoolFunction;
import org.ipc4j.process.ProcessPool;
import org.ipc4j.process.StartMethod;
import org.ipc4j.sync.SharedEvent;

/**
 * ipc4j's process layer against Python's (mp_bench.py runs the same counts): {@link JvmProcess} start to
 * running (the child has set an event) and start to join, {@code WARM} and {@code SPAWN}; a
 * {@link ProcessPool} of 2 workers, {@code applyAsync} of a trivial task and {@code map} over a range.
 * Writes {@code <out>/process.csv}.
 */
public final class ProcessMeasurement {
    private static final String IMPL = "ipc4j ";

    private ProcessMeasurement() {
    }

    /** The same counts as mp_bench.py's settings for the mode. */
    record Counts(int starts, int tasks, int iterations, long pauseMillis, double warmUpSeconds, long settleMillis) {
        static Counts of(String mode) {
            return "full".equals(mode) ? new Counts(20, 50_000, 5, 1_000, 2.0, 10_000) : new Counts(3, 2_000, 2, 500, 0.2, 0);
        }
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        Counts counts = Counts.of(args.get("mode"));
        List<ScoreRecord> records = new ArrayList<>();
        // the step before may have deleted large files from /dev/shm, which disturbs the next 10-15 s (BENCH-NOTES)
        Thread.sleep(counts.settleMillis());
        try {
            records.addAll(starts(StartMethod.WARM, counts));
            Progress.report(0.35, "JvmProcess warm starts");
            records.addAll(starts(StartMethod.SPAWN, counts));
            records.add(helloWorldStarts(counts));
            Progress.report(0.7, "JvmProcess spawn starts");
        } finally {
            JvmProcess.shutdownWarmSpares();
        }
        records.addAll(pool(counts));
        Progress.report(1.0, "ProcessPool");
        RecordFiles.writeScores(Path.of(args.get("out")).resolve("process.csv"), records);
        for (ScoreRecord r : records) {
            System.out.printf(Locale.ROOT, "result %s %s: %.4f %s%n", r.workload(), r.implementation(), r.score(), r.unit());
        }
    }

    private static List<ScoreRecord> starts(StartMethod method, Counts counts) throws Exception {
        String label = method.name().toLowerCase(Locale.ROOT);
        double[] running = new double[counts.starts()];
        double[] joined = new double[counts.starts()];
        try (SharedEvent started = SharedEvent.create()) {
            try {
                once(method, started);
                for (int i = 0; i < counts.starts(); i++) {
                    if (method == StartMethod.WARM) {
                        // the hand-over starts the next spare in the background; let it come up, as between
                        // occasional starts, instead of timing a start that waits for a spare still booting
                        Thread.sleep(counts.pauseMillis());
                    }
                    started.clear();
                    long begin = System.nanoTime();
                    JvmProcess process = new JvmProcess(started::set).startMethod(method).start();
                    if (!started.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("a " + label + " JvmProcess did not report running in 60 s");
                    }
                    running[i] = (System.nanoTime() - begin) / 1e6;
                    joinOrFail(process, label);
                    joined[i] = (System.nanoTime() - begin) / 1e6;
                }
            } finally {
                started.unlink();
            }
        }
        String impl = IMPL + "JvmProcess (" + label + ")";
        String note = "new JvmProcess(event::set).startMethod(" + method + ").start(); " + counts.starts() + " starts"
                + (method == StartMethod.WARM ? ", " + counts.pauseMillis() + " ms apart so that the next spare is up" : "");
        return List.of(
                medianRecord("process-start", "process-start-to-running", impl, running,
                        note + "; until the child set the event; median of the starts"),
                medianRecord("process-start", "process-start-to-join", impl, joined,
                        note + "; until join() returned; median of the starts"));
    }

    /**
     * The floor of a spawn: a JVM on the same java and class path, with the options ipc4j gives its children
     * (-XX:-UsePerfData, native access), that prints one line; from ProcessBuilder.start() to that line.
     */
    private static ScoreRecord helloWorldStarts(Counts counts) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                HelloWorld.class.getName());
        double[] running = new double[counts.starts()];
        for (int i = -1; i < counts.starts(); i++) {
            long begin = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line = out.readLine();
                if (!HelloWorld.LINE.equals(line)) {
                    throw new IllegalStateException("the hello-world JVM printed " + line);
                }
                if (i >= 0) {
                    running[i] = (System.nanoTime() - begin) / 1e6;
                }
            }
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("the hello-world JVM did not exit cleanly");
            }
        }
        return medianRecord("process-start", "process-start-to-running", "hello-world JVM (same java)", Kind.PEER,
                running, "java -XX:-UsePerfData -cp <the same class path> HelloWorld, until its line is read; "
                        + counts.starts() + " starts, median");
    }

    /** Main of the hello-world JVM: one line, nothing else loaded. */
    public static final class HelloWorld {
        static final String LINE = "hello";

        public static void main(String[] args) {
            System.out.println(LINE);
        }
    }

    private static void once(StartMethod method, SharedEvent started) throws Exception {
        started.clear();
        JvmProcess process = new JvmProcess(started::set).startMethod(method).start();
        joinOrFail(process, method.name());
        if (!started.isSet()) {
            throw new IllegalStateException("the warm-up JvmProcess ended without setting the event");
        }
    }

    private static void joinOrFail(JvmProcess process, String label) throws InterruptedException {
        if (!process.join(Duration.ofSeconds(60))) {
            process.kill();
            throw new IllegalStateException("a " + label + " JvmProcess did not end in 60 s");
        }
        if (!Integer.valueOf(0).equals(process.exitCode())) {
            throw new IllegalStateException("a " + label + " JvmProcess exited with " + process.exitCode());
        }
    }

    private static List<ScoreRecord> pool(Counts counts) throws Exception {
        PoolFunction<Integer, Integer> identity = x -> x;
        int perIteration = counts.tasks() / counts.iterations();
        double[] applyRates = new double[counts.iterations()];
        try (ProcessPool pool = new ProcessPool(2)) {
            pool.map(identity, List.of(0, 1, 2));
            for (int it = 0; it < counts.iterations(); it++) {
                long begin = System.nanoTime();
                List<CompletableFuture<Integer>> futures = new ArrayList<>(perIteration);
                for (int i = 0; i < perIteration; i++) {
                    futures.add(pool.applyAsync(identity, i));
                }
                for (int i = 0; i < perIteration; i++) {
                    if (futures.get(i).get() != i) {
                        throw new IllegalStateException("task " + i + " returned " + futures.get(i).get());
                    }
                }
                applyRates[it] = perIteration / ((System.nanoTime() - begin) / 1e9);
            }
        }
        String impl = IMPL + "ProcessPool";
        List<ScoreRecord> records = new ArrayList<>();
        records.add(record("pool", "pool-apply-async", impl, "tasks/s", applyRates,
                "new ProcessPool(2).applyAsync(x -> x, i), " + perIteration + " submitted, then every get()"));
        records.addAll(map(identity, perIteration * 4, counts, impl));
        return records;
    }

    /**
     * The first map of a fresh pool (its JVMs are up: a 100-item map went first), then maps for the warm-up
     * time, then the measured ones; mp_bench.py does the same. The first map shows what a short-lived pool
     * gets, the later ones the steady state once the JIT has compiled both sides and the heap has settled.
     */
    private static List<ScoreRecord> map(PoolFunction<Integer, Integer> identity, int items, Counts counts, String impl)
            throws Exception {
        List<Integer> range = IntStream.range(0, items).boxed().collect(Collectors.toList());
        double[] mapRates = new double[counts.iterations()];
        double[] first = new double[1];
        try (ProcessPool pool = new ProcessPool(2)) {
            pool.map(identity, range.subList(0, 100));
            first[0] = timedMap(pool, identity, range);
            long warmUpEnd = System.nanoTime() + (long) (counts.warmUpSeconds() * 1e9);
            while (System.nanoTime() < warmUpEnd) {
                timedMap(pool, identity, range);
            }
            for (int it = 0; it < counts.iterations(); it++) {
                mapRates[it] = timedMap(pool, identity, range);
            }
        }
        String call = "new ProcessPool(2).map(x -> x, list of " + items + "), default chunk size";
        return List.of(
                record("pool", "pool-map-first", impl, "items/s", first, "the first " + call + " of a fresh pool"),
                record("pool", "pool-map", impl, "items/s", mapRates, call + ", after " + counts.warmUpSeconds() + " s of maps"));
    }

    /** Items per second of one map, checked. */
    private static double timedMap(ProcessPool pool, PoolFunction<Integer, Integer> identity, List<Integer> range)
            throws Exception {
        long begin = System.nanoTime();
        List<Integer> results = pool.map(identity, range);
        double rate = range.size() / ((System.nanoTime() - begin) / 1e9);
        if (!results.equals(range)) {
            throw new IllegalStateException("map returned other values than its input");
        }
        return rate;
    }

    /** Start latencies: the median, as mp_bench.py reports Python's, so that one 4 ms tick does not move it. */
    static ScoreRecord medianRecord(String group, String workload, String impl, double[] samples, String note) {
        return medianRecord(group, workload, impl, Kind.IPC4J, samples, note);
    }

    private static ScoreRecord medianRecord(String group, String workload, String impl, Kind kind, double[] samples,
                                            String note) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new ScoreRecord(group, workload, impl, kind, 1, "ms", median, sorted[0], sorted[sorted.length - 1],
                samples.length, Double.NaN, note);
    }

    private static ScoreRecord record(String group, String workload, String impl, String unit, double[] samples, String note) {
        double sum = 0;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double s : samples) {
            sum += s;
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        return new ScoreRecord(group, workload, impl, Kind.IPC4J, 1, unit, sum / samples.length, min, max, samples.length,
                Double.NaN, note);
    }
}
