package org.ipc4j.bench.tuning;

import java.io.EOFException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.ipc4j.bench.harness.Args;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.harness.PeerJvm;
import org.ipc4j.bench.harness.PeerProtocol;
import org.ipc4j.bench.harness.Progress;
import org.ipc4j.bench.harness.Workloads;
import org.ipc4j.bench.throughput.OneWayWorkload;

/**
 * The measuring (consuming) JVM of a throughput point: creates the one-way workload, starts
 * {@link CountingProducer}, warms up for {@code warmupMillis}, then receives for {@code iterations} windows of
 * {@code iterationMillis}. Writes one {@link TuningRecord}: the mean msgs/s over the windows, bytes/s for
 * {@code size}-byte messages, CPU of both processes, CPU ns per message (both processes), and bytes allocated
 * per message by the consuming thread (during the windows) and the producing thread (over its whole run).
 */
public final class OneWayRun {
    private OneWayRun() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        MeasuringSide side = new MeasuringSide(args);
        OneWayWorkload workload = Workloads.instantiate(args.get("workload"), OneWayWorkload.class);
        BenchContext context = side.context();
        TuningRecord record;
        try (workload) {
            workload.create(context);
            try (PeerJvm producer = side.startPeer(CountingProducer.class.getName(), workload, context)) {
                workload.connected();
                window(workload, TimeUnit.MILLISECONDS.toNanos(args.getLong("warmupMillis")));
                int iterations = args.getInt("iterations");
                long windowNanos = TimeUnit.MILLISECONDS.toNanos(args.getLong("iterationMillis"));
                double rateSum = 0;
                long received = 0;
                long selfBefore = CpuClock.selfCpuNanos();
                long peerBefore = CpuClock.processCpuNanos(producer.pid());
                long allocatedBefore = MeasuringSide.allocatedBytes();
                long start = System.nanoTime();
                for (int i = 0; i < iterations; i++) {
                    long windowStart = System.nanoTime();
                    long n = window(workload, windowNanos);
                    received += n;
                    rateSum += n / ((System.nanoTime() - windowStart) / 1e9);
                    Progress.report((i + 1.0) / iterations, "window " + (i + 1));
                }
                long wall = System.nanoTime() - start;
                long allocated = MeasuringSide.allocatedBytes() - allocatedBefore;
                long selfAfter = CpuClock.selfCpuNanos();
                long peerAfter = CpuClock.processCpuNanos(producer.pid());
                producer.send(PeerProtocol.STOP);
                drainUntilExit(workload, producer);
                int exit = producer.waitFor(Duration.ofSeconds(30));
                if (exit != 0) {
                    throw new IllegalStateException("producer exited with " + exit + ":\n" + producer.output());
                }
                long[] produced = CountingProducer.parse(producer.output());
                double rate = rateSum / iterations;
                double size = Double.parseDouble(args.get("size", "NaN"));
                record = side.point().withRate(received, rate, rate * size)
                        .withCpu(CpuClock.percent(selfBefore, selfAfter, wall), CpuClock.percent(peerBefore, peerAfter, wall),
                                received == 0 ? Double.NaN : (double) (selfAfter - selfBefore + peerAfter - peerBefore) / received)
                        .withAlloc(received == 0 ? Double.NaN : (double) allocated / received,
                                produced == null || produced[0] == 0 ? Double.NaN : (double) produced[1] / produced[0])
                        .withRun(wall / 1e9, side.note());
            }
        }
        TuningRecord.write(side.out(), List.of(record));
        System.out.printf(Locale.ROOT, "result %s / %s / %s: %.0f msgs/s, CPU %.0f%% + %.0f%%, %.1f B/msg allocated%n",
                record.knob().id(), record.series(), record.label(), record.msgsPerSec(), record.measurerCpuPct(),
                record.peerCpuPct(), record.measurerAllocPerMsg());
        System.exit(0);
    }

    /** Receives for {@code nanos}; returns how many messages came. */
    private static long window(OneWayWorkload workload, long nanos) throws Exception {
        long received = 0;
        long start = System.nanoTime();
        do {
            for (int i = 0; i < 16; i++) {
                int n = workload.poll();
                received += n;
                if (n == 0) {
                    Thread.onSpinWait();
                }
            }
        } while (System.nanoTime() - start < nanos);
        return received;
    }

    /** Keeps consuming so that a producer blocked on a full transport sees STOP and exits. */
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
}
