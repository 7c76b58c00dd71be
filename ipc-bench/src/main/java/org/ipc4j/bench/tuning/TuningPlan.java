package org.ipc4j.bench.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ipc4j.channel.Pipe;
import org.ipc4j.ring.RingOptions;

/**
 * The cases of a sweep. {@code full} measures every point of every knob (about 7 minutes here); quick runs one
 * point of each knob through every measuring path (about 20 s) as a smoke test, its figures not representative.
 */
final class TuningPlan {
    /** Seconds to start a measuring JVM and its peer. */
    private static final double START_SECONDS = 2.0;
    static final long[] WAIT_GAPS = {0, 100_000, 1_000_000};
    static final List<String> STRATEGIES = List.of("busy-spin", "blocking:10000", "blocking:1000",
            "blocking:300", WaitChoice.DEFAULT_SPEC, "blocking:200:0", "blocking:100", "blocking:0", "yield", "backoff");
    static final int[] CAPACITIES = {4 << 10, 16 << 10, 64 << 10, 256 << 10, 1 << 20, 4 << 20, 16 << 20};
    static final int[] BATCHES = {1, 4, 16, 64, 256, 1024};
    static final int[] SIZES = {16, 64, 256, 1 << 10, 4 << 10, 16 << 10, 64 << 10, 256 << 10, 1 << 20};
    static final int[] LATENCY_SIZES = {16, 256, 4 << 10, 64 << 10, 1 << 20};
    static final int BIG_RING = 4 << 20;
    static final List<String> CODECS = List.of("bytes", "bytebuffer", "string", "long", "serial");
    static final List<String> GCS = List.of("-XX:+UseG1GC", "-XX:+UseParallelGC", "-XX:+UseSerialGC", "-XX:+UseZGC");
    static final List<String> HEAPS = List.of("64m", "1g");
    static final String WAIT_PIPE = "Pipe, 32 B, 64 KiB rings";
    static final String SPSC = "SharedRing SPSC one-way, 32 B";
    static final String RING_BATCH = "SharedRing SPSC read(handler, limit), zero-copy";
    static final String DEFAULT_PIPE = "Pipe, default 256 KiB ring (inline <= 32 KiB)";
    static final String BIG_PIPE = "Pipe, 4 MiB ring (inline <= 2 MiB)";

    /**
     * Where the throughput knobs run: pinned to two cores when taskset exists, since unpinned one-way runs of the
     * same ring differed up to 3x from run to run here, which would drown the knob's effect.
     */
    private final String throughputCpus;
    private final boolean full;
    private final boolean taskset;
    private final List<TuningCase> cases = new ArrayList<>();

    private TuningPlan(boolean full, boolean taskset) {
        this.full = full;
        this.taskset = taskset;
        this.throughputCpus = taskset ? "0,1" : "";
    }

    static List<TuningCase> cases(boolean full, boolean taskset) {
        TuningPlan plan = new TuningPlan(full, taskset);
        plan.waits();
        plan.capacities();
        plan.batches();
        plan.sizes();
        plan.codecs();
        plan.jvmOptions();
        plan.placements();
        return plan.cases;
    }

    private void waits() {
        List<String> strategies = full ? STRATEGIES : List.of(WaitChoice.DEFAULT_SPEC);
        String gaps = full ? "0,100000,1000000" : "0,100000";
        for (String spec : strategies) {
            int spins = WaitChoice.spins(spec);
            roundTrip(Knob.WAIT, "", WaitChoice.label(spec), spins < 0 ? Double.NaN : spins, context("strategy", spec, "capacity", "65536"),
                    List.of(), "", gaps, full ? 2_500 : 300);
        }
        if (full) {
            roundTrip(Knob.WAIT, "", WaitChoice.label("busy-spin") + ", rings without wakeups", Double.NaN,
                    context("strategy", "busy-spin", "capacity", "65536", "wakeups", "false"), List.of(), "", gaps, 2_500);
        }
    }

    private void capacities() {
        for (int capacity : full ? CAPACITIES : new int[] {4 << 10}) {
            oneWay(Knob.CAPACITY, SPSC, size(capacity), capacity, TunedRingOneWay.class,
                    context("capacity", Integer.toString(capacity), "batch", "256"), List.of(), throughputCpus, 32);
        }
    }

    private void batches() {
        for (int batch : full ? BATCHES : new int[0]) {
            oneWay(Knob.BATCH, RING_BATCH, "limit " + batch, batch, TunedRingOneWay.class,
                    context("batch", Integer.toString(batch)), List.of(), throughputCpus, 32);
        }
        if (full) {
            oneWay(Knob.BATCH, "SharedQueue<byte[]>, 32 B", "poll() one by one", Double.NaN, TunedQueueOneWay.class,
                    context("codec", "bytes", "receive", "poll"), List.of(), throughputCpus, 32);
        }
        oneWay(Knob.BATCH, "SharedQueue<byte[]>, 32 B", "drainTo(list, 256)", Double.NaN, TunedQueueOneWay.class,
                context("codec", "bytes", "receive", "drain"), List.of(), throughputCpus, 32);
    }

    private void sizes() {
        String bigInline = Integer.toString(RingOptions.maxInline(BIG_RING));
        for (int size : full ? SIZES : new int[] {64 << 10}) {
            oneWay(Knob.MESSAGE_SIZE, "throughput, " + DEFAULT_PIPE, size(size), size, TunedPipeOneWay.class,
                    context("size", Integer.toString(size), "capacity", Integer.toString(Pipe.DEFAULT_CAPACITY)), List.of(), throughputCpus, size);
            if (full) {
                oneWay(Knob.MESSAGE_SIZE, "throughput, " + BIG_PIPE, size(size), size, TunedPipeOneWay.class,
                        context("size", Integer.toString(size), "capacity", Integer.toString(BIG_RING), "inline", bigInline),
                        List.of(), throughputCpus, size);
            }
        }
        for (int size : full ? LATENCY_SIZES : new int[0]) {
            roundTrip(Knob.MESSAGE_SIZE, "round trip, " + DEFAULT_PIPE, size(size), size,
                    context("size", Integer.toString(size), "capacity", Integer.toString(Pipe.DEFAULT_CAPACITY)), List.of(), "",
                    "0", 1_500);
            roundTrip(Knob.MESSAGE_SIZE, "round trip, " + BIG_PIPE, size(size), size,
                    context("size", Integer.toString(size), "capacity", Integer.toString(BIG_RING), "inline", bigInline),
                    List.of(), "", "0", 1_500);
        }
    }

    private void codecs() {
        for (String codec : full ? CODECS : List.of("serial")) {
            oneWay(Knob.CODEC, "SharedQueue, 256 KiB", codec, Double.NaN, TunedQueueOneWay.class,
                    context("codec", codec, "receive", "poll"), List.of(), throughputCpus, Double.NaN);
        }
    }

    private void jvmOptions() {
        for (String heap : full ? HEAPS : List.of("64m")) {
            for (String gc : full ? GCS : List.of("-XX:+UseSerialGC")) {
                roundTrip(Knob.JVM, "-Xms" + heap + " -Xmx" + heap, gc, Double.NaN,
                        context("codec", "serial", "strategy", WaitChoice.DEFAULT_SPEC),
                        List.of(gc, "-Xms" + heap, "-Xmx" + heap), "", "0", full ? 2_500 : 300);
            }
        }
    }

    private void placements() {
        List<String> placements = new ArrayList<>(List.of(""));
        if (taskset) {
            placements.addAll(full ? List.of("0,1", "0,0") : List.of("0,1"));
        }
        for (String cpus : placements) {
            String label = placementLabel(cpus);
            if (full) {
                roundTrip(Knob.PLACEMENT, "round trip, Pipe busy-spin", label, Double.NaN,
                        context("strategy", "busy-spin", "capacity", "65536", "wakeups", "false"), List.of(), cpus, "0", 2_000);
                roundTrip(Knob.PLACEMENT, "round trip, Pipe BLOCKING", label, Double.NaN,
                        context("strategy", WaitChoice.DEFAULT_SPEC, "capacity", "65536"), List.of(), cpus, "0", 2_000);
            }
            oneWay(Knob.PLACEMENT, "one-way " + SPSC, label, Double.NaN, TunedRingOneWay.class, context(), List.of(), cpus, 32);
        }
    }

    static String placementLabel(String cpus) {
        if (cpus.isEmpty()) {
            return "not pinned";
        }
        String[] c = cpus.split(",");
        return c[0].equals(c[1]) ? "same core (both on CPU " + c[0] + ")" : "different cores (CPU " + c[0] + " and " + c[1] + ")";
    }

    private void roundTrip(Knob knob, String series, String label, double x, Map<String, String> context,
                           List<String> jvm, String cpus, String gaps, long phaseMillis) {
        long warmup = full ? 1_000 : 200;
        Map<String, String> timing = context("warmupMillis", Long.toString(warmup), "phaseMillis", Long.toString(phaseMillis),
                "gaps", gaps);
        int phases = gaps.split(",").length;
        cases.add(new TuningCase(knob, series, label, x, PacedRoundTrip.class, TunedPipeRoundTrip.class, context, jvm, cpus,
                timing, "", START_SECONDS + (warmup + phases * phaseMillis) / 1000.0));
    }

    private void oneWay(Knob knob, String series, String label, double x, Class<?> workload, Map<String, String> context,
                        List<String> jvm, String cpus, double size) {
        long warmup = full ? 700 : 200;
        int iterations = full ? 5 : 3;
        long window = full ? 300 : 100;
        Map<String, String> timing = context("warmupMillis", Long.toString(warmup), "iterations", Integer.toString(iterations),
                "iterationMillis", Long.toString(window), "size", Double.toString(size));
        cases.add(new TuningCase(knob, series, label, x, OneWayRun.class, workload, context, jvm, cpus, timing, "",
                START_SECONDS + (warmup + iterations * window) / 1000.0));
    }

    private static Map<String, String> context(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    /** "16 B", "4 KiB", "1 MiB". */
    static String size(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return bytes / (1 << 20) + " MiB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return bytes / (1 << 10) + " KiB";
        }
        return bytes + " B";
    }
}
