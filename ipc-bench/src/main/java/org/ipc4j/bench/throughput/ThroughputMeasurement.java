package org.ipc4j.bench.throughput;

import java.io.EOFException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

/**
 * The measuring (consuming) JVM of a one-way throughput benchmark: creates the workload, starts
 * {@link ProducerPeer}, warms up, then counts messages received in each of the timed windows and writes one
 * {@link ScoreRecord} (mean msgs/s, min and max over the windows) to {@code <out>/<id>.csv}.
 *
 * <p>Arguments ({@code key=value}): {@code workload}, {@code group}, {@code out}, {@code rep}, {@code runId},
 * the {@link ThroughputSettings}, optionally {@code cpus=A,B}.
 */
public final class ThroughputMeasurement {
    private ThroughputMeasurement() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        ThroughputSettings settings = ThroughputSettings.from(args);
        int rep = args.getInt("rep");
        Placement placement = Placement.parse(args.get("cpus", ""));
        OneWayWorkload workload = Workloads.instantiate(args.get("workload"), OneWayWorkload.class);
        BenchContext context = new BenchContext(args.get("runId"), args.withPrefix("ctx."));
        try (workload) {
            workload.create(context);
            Map<String, String> peerArgs = new LinkedHashMap<>();
            context.properties().forEach((k, v) -> peerArgs.put("ctx." + k, v));
            peerArgs.put("workload", workload.getClass().getName());
            peerArgs.put("runId", context.runId());
            double[] rates;
            try (PeerJvm producer = PeerJvm.builder(ProducerPeer.class.getName()).jvmArgs(workload.jvmArgs())
                    .prefix(placement.peerPrefix()).args(Args.of(peerArgs).toList()).start()) {
                producer.awaitLine(PeerProtocol.READY, Duration.ofSeconds(60));
                workload.connected();
                rates = measure(workload, settings);
                producer.send(PeerProtocol.STOP);
                drainUntilExit(workload, producer);
                int exit = producer.waitFor(Duration.ofSeconds(30));
                if (exit != 0) {
                    throw new IllegalStateException("producer exited with " + exit + ":\n" + producer.output());
                }
            }
            write(Path.of(args.get("out")), args.get("group"), workload, rep, rates, placement);
        }
        System.exit(0);
    }

    private static double[] measure(OneWayWorkload workload, ThroughputSettings settings) throws Exception {
        window(workload, TimeUnit.MILLISECONDS.toNanos(settings.warmupMillis()));
        Progress.report(0, "warmed up");
        double[] rates = new double[settings.iterations()];
        long windowNanos = TimeUnit.MILLISECONDS.toNanos(settings.iterationMillis());
        for (int i = 0; i < rates.length; i++) {
            long start = System.nanoTime();
            long received = window(workload, windowNanos);
            rates[i] = received / ((System.nanoTime() - start) / 1e9);
            Progress.report((i + 1.0) / rates.length, String.format(Locale.ROOT, "iteration %d: %.0f msgs/s", i + 1, rates[i]));
        }
        return rates;
    }

    /** Receives for {@code nanos}; returns how many messages came. The one timed loop. */
    private static long window(OneWayWorkload workload, long nanos) throws Exception {
        long received = 0;
        long start = System.nanoTime();
        do {
            for (int i = 0; i < 64; i++) {
                int n = workload.poll();
                received += n;
                if (n == 0) {
                    Thread.onSpinWait();
                }
            }
        } while (System.nanoTime() - start < nanos);
        return received;
    }

    /** Keeps consuming so that a producer stuck on a full transport sees STOP and exits. */
    private static void drainUntilExit(OneWayWorkload workload, PeerJvm producer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            while (producer.isAlive() && System.nanoTime() - deadline < 0) {
                if (workload.poll() == 0) {
                    Thread.onSpinWait();
                }
            }
        } catch (EOFException producerClosedItsEnd) {
            // a pipe reports the end of the stream once the producer has gone: nothing more to drain
        }
    }

    private static void write(Path out, String group, OneWayWorkload workload, int rep, double[] rates,
                              Placement placement) {
        double sum = 0;
        double min = Double.MAX_VALUE;
        double max = 0;
        for (double r : rates) {
            sum += r;
            min = Math.min(min, r);
            max = Math.max(max, r);
        }
        String note = workload.note() + (placement.pinned() ? "; " + placement.describe() : "");
        ScoreRecord record = new ScoreRecord(group, workload.workload(), workload.implementation(), workload.kind(),
                rep, "msgs/s", sum / rates.length, min, max, rates.length, Double.NaN, note);
        String id = LatencyMeasurement.fileId(workload.workload(), workload.implementation(), rep);
        RecordFiles.writeScores(out.resolve(id + ".csv"), List.of(record));
        System.out.printf(Locale.ROOT, "result %s %s: %.0f msgs/s (min %.0f, max %.0f)%n", workload.workload(),
                workload.implementation(), record.score(), min, max);
    }
}
