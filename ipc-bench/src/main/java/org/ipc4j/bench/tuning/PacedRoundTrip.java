package org.ipc4j.bench.tuning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.ipc4j.bench.harness.Args;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.harness.PeerJvm;
import org.ipc4j.bench.harness.Progress;
import org.ipc4j.bench.harness.Workloads;
import org.ipc4j.bench.latency.EchoPeer;
import org.ipc4j.bench.latency.RoundTripWorkload;

/**
 * The measuring JVM of a latency point: creates the round-trip workload, starts {@link EchoPeer}, warms up
 * back to back for {@code warmupMillis}, then runs one phase per entry of {@code gaps} (nanoseconds, comma
 * separated) for {@code phaseMillis} each: round trips with a pause of at least the gap between the reply and
 * the next request (0 = back to back; pauses are parkNanos, so they overshoot by the timer slack). Each phase
 * gives one {@link TuningRecord} with the round-trip percentiles, the achieved rate, and the CPU use of both
 * processes over the phase: the peer only waits and echoes, so its CPU is the cost of the wait strategy.
 * With several gaps the phase names the series; with one the {@code series} argument does.
 */
public final class PacedRoundTrip {
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    private PacedRoundTrip() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        MeasuringSide side = new MeasuringSide(args);
        long[] gaps = args.get("gaps", "0").isEmpty() ? new long[] {0}
                : java.util.Arrays.stream(args.get("gaps", "0").split(",")).mapToLong(Long::parseLong).toArray();
        long phaseNanos = TimeUnit.MILLISECONDS.toNanos(args.getLong("phaseMillis"));
        RoundTripWorkload workload = Workloads.instantiate(args.get("workload"), RoundTripWorkload.class);
        BenchContext context = side.context();
        List<TuningRecord> records = new ArrayList<>();
        try (workload) {
            workload.create(context);
            try (PeerJvm peer = side.startPeer(EchoPeer.class.getName(), workload, context)) {
                workload.connected();
                long token = 1;
                Histogram discard = new Histogram(HIGHEST_NANOS, 3);
                token = phase(workload, discard, token, 0, TimeUnit.MILLISECONDS.toNanos(args.getLong("warmupMillis")));
                for (int i = 0; i < gaps.length; i++) {
                    Progress.report((double) i / gaps.length, "phase " + phaseName(gaps[i]));
                    Histogram histogram = new Histogram(HIGHEST_NANOS, 3);
                    long selfBefore = CpuClock.selfCpuNanos();
                    long peerBefore = CpuClock.processCpuNanos(peer.pid());
                    long[] gcBefore = MeasuringSide.gc();
                    long start = System.nanoTime();
                    token = phase(workload, histogram, token, gaps[i], phaseNanos);
                    long wall = System.nanoTime() - start;
                    long selfAfter = CpuClock.selfCpuNanos();
                    long peerAfter = CpuClock.processCpuNanos(peer.pid());
                    long[] gcAfter = MeasuringSide.gc();
                    TuningRecord point = side.point();
                    if (gaps.length > 1) {
                        point = TuningRecord.of(point.knob(), phaseName(gaps[i]), point.label(), point.x());
                    }
                    long n = histogram.getTotalCount();
                    records.add(point.withLatency(n, histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                                    histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9),
                                    histogram.getMaxValue())
                            .withRate(n, n / (wall / 1e9), Double.NaN)
                            .withCpu(CpuClock.percent(selfBefore, selfAfter, wall), CpuClock.percent(peerBefore, peerAfter, wall),
                                    n == 0 ? Double.NaN : (double) (selfAfter - selfBefore + peerAfter - peerBefore) / n)
                            .withGc(gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1])
                            .withRun(wall / 1e9, side.note()));
                }
                workload.ping(RoundTripWorkload.STOP);
                int exit = peer.waitFor(Duration.ofSeconds(30));
                if (exit != 0) {
                    throw new IllegalStateException("peer exited with " + exit + ":\n" + peer.output());
                }
            }
        }
        TuningRecord.write(side.out(), records);
        for (TuningRecord r : records) {
            System.out.printf(Locale.ROOT, "result %s / %s / %s: %d round trips, p50 %.0f ns, p99 %.0f ns, CPU %.1f%% + %.1f%%%n",
                    r.knob().id(), r.series(), r.label(), r.count(), r.p50Ns(), r.p99Ns(), r.measurerCpuPct(), r.peerCpuPct());
        }
        System.exit(0);
    }

    /** "back to back", "1 msg / 100 us", "1 msg / 1 ms". */
    static String phaseName(long gapNanos) {
        if (gapNanos <= 0) {
            return "back to back";
        }
        return gapNanos >= 1_000_000 && gapNanos % 1_000_000 == 0 ? "1 msg / " + gapNanos / 1_000_000 + " ms"
                : "1 msg / " + gapNanos / 1_000 + " us";
    }

    /** Timed round trips for {@code nanos}, pausing {@code gapNanos} after each; returns the next token. */
    private static long phase(RoundTripWorkload workload, Histogram histogram, long firstToken, long gapNanos, long nanos)
            throws Exception {
        long token = firstToken;
        long start = System.nanoTime();
        while (true) {
            long before = System.nanoTime();
            workload.ping(token++);
            long after = System.nanoTime();
            histogram.recordValue(Math.min(after - before, HIGHEST_NANOS));
            if (after - start >= nanos) {
                return token;
            }
            if (gapNanos > 0) {
                long next = after + gapNanos;
                long left;
                while ((left = next - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(left);
                }
            }
        }
    }
}
