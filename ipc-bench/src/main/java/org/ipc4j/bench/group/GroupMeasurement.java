package org.ipc4j.bench.group;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ipc4j.bench.data.RecordFiles;
import org.ipc4j.bench.data.ScoreRecord;
import org.ipc4j.bench.harness.Args;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.harness.PeerJvm;
import org.ipc4j.bench.harness.PeerProtocol;
import org.ipc4j.bench.harness.Placement;
import org.ipc4j.bench.harness.Progress;
import org.ipc4j.bench.harness.Workloads;
import org.ipc4j.bench.latency.LatencyMeasurement;
import org.ipc4j.bench.throughput.ThroughputSettings;

/**
 * The coordinating JVM of a {@link GroupWorkload}: creates it, starts its {@link GroupWorker}s, then for each
 * phase warms up and samples the summed count of the counting workers over timed windows (it sleeps
 * meanwhile, so it takes no core from them). Writes one {@link ScoreRecord} per phase to {@code <out>/<id>.csv}.
 *
 * <p>Arguments ({@code key=value}): {@code workload}, {@code out}, {@code rep}, {@code runId}, the
 * {@link ThroughputSettings}. Workers are not pinned: there are more of them than cores.
 */
public final class GroupMeasurement {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private GroupMeasurement() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        ThroughputSettings settings = ThroughputSettings.from(args);
        int rep = args.getInt("rep");
        GroupWorkload workload = Workloads.instantiate(args.get("workload"), GroupWorkload.class);
        BenchContext context = new BenchContext(args.get("runId"), args.withPrefix("ctx."));
        List<ScoreRecord> records = new ArrayList<>();
        try (workload; GroupControl control = GroupControl.create(context.name("group-control"), workload.workers())) {
            context.put("control", control.name());
            workload.create(context);
            List<PeerJvm> workers = new ArrayList<>();
            try {
                for (int i = 0; i < workload.workers(); i++) {
                    workers.add(start(workload, context, i));
                }
                for (PeerJvm worker : workers) {
                    worker.awaitLine(PeerProtocol.READY, START_TIMEOUT);
                }
                workload.connected();
                List<GroupWorkload.Phase> phases = workload.phases();
                for (int p = 0; p < phases.size(); p++) {
                    double[] rates = measure(workload, control, workers, p, settings);
                    records.add(record(workload, phases.get(p), rep, rates));
                }
                stop(workload, workers);
            } finally {
                workers.forEach(PeerJvm::close);
            }
        }
        RecordFiles.writeScores(Path.of(args.get("out")).resolve(
                LatencyMeasurement.fileId(workload.group(), workload.implementation(), rep) + ".csv"), records);
        for (ScoreRecord r : records) {
            System.out.printf(Locale.ROOT, "result %s %s: %.4g %s (min %.4g, max %.4g)%n", r.workload(),
                    r.implementation(), r.score(), r.unit(), r.min(), r.max());
        }
        System.exit(0);
    }

    private static PeerJvm start(GroupWorkload workload, BenchContext context, int worker) {
        Map<String, String> args = new LinkedHashMap<>();
        context.properties().forEach((k, v) -> args.put("ctx." + k, v));
        args.put("ctx." + GroupWorkload.WORKER, Integer.toString(worker));
        args.put("workload", workload.getClass().getName());
        args.put("runId", context.runId());
        return PeerJvm.builder(GroupWorker.class.getName()).jvmArgs(workload.jvmArgs()).args(Args.of(args).toList()).start();
    }

    private static double[] measure(GroupWorkload workload, GroupControl control, List<PeerJvm> workers, int phase,
                                    ThroughputSettings settings) throws InterruptedException {
        int phases = workload.phases().size();
        String row = workload.phases().get(phase).workload();
        control.startPhase(phase);
        sleep(settings.warmupMillis(), workers);
        double[] rates = new double[settings.iterations()];
        for (int i = 0; i < rates.length; i++) {
            long before = total(workload, control);
            long start = System.nanoTime();
            sleep(settings.iterationMillis(), workers);
            long counted = total(workload, control) - before;
            rates[i] = counted * workload.unitsPerCount() / ((System.nanoTime() - start) / 1e9);
            Progress.report((phase + (i + 1.0) / rates.length) / phases,
                    String.format(Locale.ROOT, "%s window %d: %.4g %s", row, i + 1, rates[i], workload.unit()));
        }
        return rates;
    }

    private static long total(GroupWorkload workload, GroupControl control) {
        long sum = 0;
        for (int i = 0; i < workload.workers(); i++) {
            if (workload.counts(i)) {
                sum += control.count(i);
            }
        }
        return sum;
    }

    /** Sleeps, failing early with its output if a worker died. */
    private static void sleep(long millis, List<PeerJvm> workers) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (true) {
            for (PeerJvm worker : workers) {
                if (!worker.isAlive()) {
                    throw new IllegalStateException("a worker exited during the measurement:\n" + worker.output());
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Thread.sleep(Math.max(1, Math.min(50, left / 1_000_000)));
        }
    }

    /** Producers (non-counting workers) first, while consumers still drain, so that nobody stays blocked. */
    private static void stop(GroupWorkload workload, List<PeerJvm> workers) {
        for (boolean counting : new boolean[] {false, true}) {
            for (int i = 0; i < workers.size(); i++) {
                if (workload.counts(i) == counting) {
                    workers.get(i).send(PeerProtocol.STOP);
                }
            }
            for (int i = 0; i < workers.size(); i++) {
                if (workload.counts(i) == counting) {
                    int exit = workers.get(i).waitFor(STOP_TIMEOUT);
                    if (exit != 0) {
                        throw new IllegalStateException("worker " + i + " exited with " + exit + ":\n" + workers.get(i).output());
                    }
                }
            }
        }
    }

    private static ScoreRecord record(GroupWorkload workload, GroupWorkload.Phase phase, int rep, double[] rates) {
        double sum = 0;
        double min = Double.MAX_VALUE;
        double max = 0;
        for (double r : rates) {
            sum += r;
            min = Math.min(min, r);
            max = Math.max(max, r);
        }
        return new ScoreRecord(workload.group(), phase.workload(), workload.implementation(), workload.kind(), rep,
                workload.unit(), sum / rates.length, min, max, rates.length, Double.NaN, workload.note());
    }
}
