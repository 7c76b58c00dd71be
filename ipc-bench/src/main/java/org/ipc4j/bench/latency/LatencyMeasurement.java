package org.ipc4j.bench.latency;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.ipc4j.bench.data.LatencyRecord;
import org.ipc4j.bench.data.RecordFiles;
import org.ipc4j.bench.harness.Args;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.harness.PeerJvm;
import org.ipc4j.bench.harness.PeerProtocol;
import org.ipc4j.bench.harness.Placement;
import org.ipc4j.bench.harness.Progress;
import org.ipc4j.bench.harness.Workloads;

/**
 * The measuring JVM of a round-trip benchmark: creates the workload, starts the peer JVM ({@link EchoPeer}),
 * warms up, measures into an HdrHistogram, and writes {@code <out>/<id>.hgrm} (the full distribution, in
 * microseconds) and {@code <out>/<id>.csv} (one {@link LatencyRecord}).
 *
 * <p>Each round trip is timed on its own, back to back (a closed loop: one request in flight, so there is no
 * coordinated omission to correct). Warm-up runs the very same method as the measured phase, recording into
 * a throw-away histogram, so nothing is recompiled when timing starts.
 *
 * <p>Arguments ({@code key=value}): {@code workload} (class name), {@code out}, {@code rep}, {@code runId},
 * the {@link LatencySettings}, and optionally {@code cpus=A,B} ({@link Placement}).
 */
public final class LatencyMeasurement {
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private LatencyMeasurement() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        LatencySettings settings = LatencySettings.from(args);
        int rep = args.getInt("rep");
        Path out = Path.of(args.get("out"));
        Placement placement = Placement.parse(args.get("cpus", ""));
        RoundTripWorkload workload = Workloads.instantiate(args.get("workload"), RoundTripWorkload.class);
        BenchContext context = new BenchContext(args.get("runId"), args.withPrefix("ctx."));

        try (workload) {
            workload.create(context);
            Args peerArgs = Args.of(contextArgs(context)).with("workload", workload.getClass().getName())
                    .with("runId", context.runId());
            try (PeerJvm peer = PeerJvm.builder(EchoPeer.class.getName()).jvmArgs(workload.jvmArgs())
                    .prefix(placement.peerPrefix()).args(peerArgs.toList()).start()) {
                peer.awaitLine(PeerProtocol.READY, Duration.ofSeconds(60));
                workload.connected();
                Measured measured = measure(workload, settings);
                workload.ping(RoundTripWorkload.STOP);
                int exit = peer.waitFor(Duration.ofSeconds(30));
                if (exit != 0) {
                    throw new IllegalStateException("peer exited with " + exit + ":\n" + peer.output());
                }
                write(out, workload, rep, measured, placement);
            }
        }
        System.exit(0);
    }

    private static Map<String, String> contextArgs(BenchContext context) {
        Map<String, String> prefixed = new LinkedHashMap<>();
        context.properties().forEach((k, v) -> prefixed.put("ctx." + k, v));
        return prefixed;
    }

    private record Measured(Histogram histogram, double seconds) {
    }

    private static Measured measure(RoundTripWorkload workload, LatencySettings settings) throws Exception {
        Histogram warmup = new Histogram(HIGHEST_NANOS, 3);
        long token = phase(workload, warmup, 1, settings.warmupCount(), settings.warmupMillis(),
                Math.max(settings.warmupMillis() * 5, 10_000), "warm-up");
        Histogram measured = new Histogram(HIGHEST_NANOS, 3);
        long start = System.nanoTime();
        phase(workload, measured, token, settings.minCount(), settings.minMillis(), settings.maxMillis(), "measure");
        return new Measured(measured, (System.nanoTime() - start) / 1e9);
    }

    /** Runs round trips into {@code histogram} until done; returns the next token. The one timed loop. */
    private static long phase(RoundTripWorkload workload, Histogram histogram, long firstToken, long minCount,
                              long minMillis, long maxMillis, String name) throws Exception {
        long minNanos = TimeUnit.MILLISECONDS.toNanos(minMillis);
        long maxNanos = TimeUnit.MILLISECONDS.toNanos(maxMillis);
        long token = firstToken;
        long count = 0;
        long start = System.nanoTime();
        long nextReport = start + REPORT_EVERY_NANOS;
        while (true) {
            long before = System.nanoTime();
            workload.ping(token++);
            long after = System.nanoTime();
            histogram.recordValue(Math.min(after - before, HIGHEST_NANOS));
            count++;
            long elapsed = after - start;
            if ((count >= minCount && elapsed >= minNanos) || elapsed >= maxNanos) {
                return token;
            }
            if (after - nextReport >= 0) {
                nextReport = after + REPORT_EVERY_NANOS;
                double done = Math.max(Math.min((double) count / minCount, (double) elapsed / minNanos),
                        (double) elapsed / maxNanos);
                Progress.report(done, name + " " + count + " round trips");
            }
        }
    }

    private static void write(Path out, RoundTripWorkload workload, int rep, Measured measured, Placement placement)
            throws IOException {
        Histogram histogram = measured.histogram();
        Files.createDirectories(out);
        String id = fileId(workload.workload(), workload.implementation(), rep);
        try (PrintStream hgrm = new PrintStream(Files.newOutputStream(out.resolve(id + ".hgrm")), false, "UTF-8")) {
            hgrm.printf(Locale.ROOT, "# %s / %s / repetition %d; values in microseconds; %s%n", workload.workload(),
                    workload.implementation(), rep, placement.describe());
            histogram.outputPercentileDistribution(hgrm, 1000.0);
        }
        String note = workload.note() + (placement.pinned() ? (workload.note().isEmpty() ? "" : "; ") + placement.describe() : "");
        LatencyRecord record = LatencyRecord.of(workload.workload(), workload.implementation(), workload.kind(), rep,
                histogram, measured.seconds(), note);
        RecordFiles.writeLatency(out.resolve(id + ".csv"), List.of(record));
        System.out.printf(Locale.ROOT, "result %s %s: %d round trips, p50 %d ns, p99 %d ns, p99.9 %d ns, max %d ns%n",
                workload.workload(), workload.implementation(), record.count(), record.p50Ns(), record.p99Ns(),
                record.p999Ns(), record.maxNs());
    }

    /** A file name for one measurement: the workload, the implementation and the repetition. */
    public static String fileId(String workload, String implementation, int rep) {
        return (workload + "__" + implementation).replaceAll("[^A-Za-z0-9._-]+", "_") + "__r" + rep;
    }
}
