package org.ipc4j.bench.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.ipc4j.bench.group.GroupMeasurement;
import org.ipc4j.bench.group.GroupSettings;
import org.ipc4j.bench.group.GroupWorkload;
import org.ipc4j.bench.harness.CrossProcessWorkload;
import org.ipc4j.bench.harness.Workloads;
import org.ipc4j.bench.latency.LatencyMeasurement;
import org.ipc4j.bench.latency.RoundTripWorkload;
import org.ipc4j.bench.process.ProcessMeasurement;
import org.ipc4j.bench.throughput.ThroughputSettings;
import org.ipc4j.bench.throughput.ThroughputMeasurement;

/**
 * The ordered steps of a run: repetition by repetition, the floor, every round trip and every one-way
 * workload (so ipc4j and its peers alternate under the same conditions), then JMH, then Python.
 */
final class Plan {
    private static final double JVM_START_SECONDS = 2.5;

    private Plan() {
    }

    /** The steps whose title matches {@code only} (all when null). */
    static List<Step> steps(Mode mode, String runId, String cpus, Path raw, Pattern only) {
        List<Step> steps = new ArrayList<>();
        for (int rep = 1; rep <= mode.repetitions(); rep++) {
            steps.add(new FloorStep(rep, mode.floorRoundTrips(), mode.floorWarmupMillis()));
            for (Class<? extends RoundTripWorkload> cls : Catalogue.ROUND_TRIPS) {
                steps.add(roundTrip(mode, cls, rep, runId, cpus, raw));
                settle(mode, cls, steps);
            }
            for (Catalogue.OneWay oneWay : Catalogue.ONE_WAY) {
                steps.add(oneWay(mode, oneWay, rep, runId, cpus, raw));
                settle(mode, oneWay.workload(), steps);
            }
            for (Class<? extends GroupWorkload> cls : Catalogue.GROUPS) {
                steps.add(group(mode, cls, rep, runId, raw));
                settle(mode, cls, steps);
            }
        }
        for (Catalogue.Jmh jmh : Catalogue.JMH) {
            steps.add(new JmhStep(jmh.name(), jmh.include(), mode.jmhOptions(),
                    jmh.benchmarks() * mode.jmhSecondsPerBenchmark()));
        }
        steps.add(new JvmStep("process JvmProcess start, ProcessPool", ProcessMeasurement.class.getName(), List.of(),
                List.of("mode=" + mode.id(), "out=" + raw.resolve("scores")), mode == Mode.FULL ? 75 : 20));
        steps.add(new PythonStep(mode));
        if (only != null) {
            steps.removeIf(s -> !only.matcher(s.title()).find());
        }
        return steps;
    }

    /** In full runs, a pause after a workload that frees a lot of shared memory (see settleSeconds). */
    private static void settle(Mode mode, Class<?> cls, List<Step> steps) {
        double seconds = Workloads.instantiate(cls.getName(), CrossProcessWorkload.class).settleSeconds();
        if (mode == Mode.FULL && seconds > 0) {
            steps.add(new SettleStep(steps.get(steps.size() - 1).title(), seconds));
        }
    }

    private static Step roundTrip(Mode mode, Class<? extends RoundTripWorkload> cls, int rep, String runId, String cpus,
                                  Path raw) {
        CrossProcessWorkload w = Workloads.instantiate(cls.getName(), CrossProcessWorkload.class);
        List<String> args = new ArrayList<>(mode.latency().toArgs());
        args.addAll(List.of("workload=" + cls.getName(), "rep=" + rep, "runId=" + runId + "-r" + rep,
                "out=" + raw.resolve("latency"), "cpus=" + cpus));
        return new JvmStep(title("latency", w, rep, mode), LatencyMeasurement.class.getName(), w.jvmArgs(), args,
                JVM_START_SECONDS + mode.latency().estimatedSeconds());
    }

    private static Step oneWay(Mode mode, Catalogue.OneWay oneWay, int rep, String runId, String cpus, Path raw) {
        CrossProcessWorkload w = Workloads.instantiate(oneWay.workload().getName(), CrossProcessWorkload.class);
        List<String> args = new ArrayList<>(mode.throughput().toArgs());
        args.addAll(List.of("workload=" + oneWay.workload().getName(), "group=" + oneWay.group(), "rep=" + rep,
                "runId=" + runId + "-r" + rep, "out=" + raw.resolve("scores"), "cpus=" + cpus));
        return new JvmStep(title("throughput", w, rep, mode), ThroughputMeasurement.class.getName(), w.jvmArgs(), args,
                JVM_START_SECONDS + mode.throughput().estimatedSeconds());
    }

    private static Step group(Mode mode, Class<? extends GroupWorkload> cls, int rep, String runId, Path raw) {
        GroupWorkload w = Workloads.instantiate(cls.getName(), GroupWorkload.class);
        ThroughputSettings settings = GroupSettings.of(mode.id());
        List<String> args = new ArrayList<>(settings.toArgs());
        args.addAll(List.of("workload=" + cls.getName(), "rep=" + rep, "runId=" + runId + "-r" + rep,
                "out=" + raw.resolve("scores")));
        return new JvmStep(title("group", w, rep, mode), GroupMeasurement.class.getName(), w.jvmArgs(), args,
                JVM_START_SECONDS * 1.5 + w.phases().size() * settings.estimatedSeconds());
    }

    private static String title(String kind, CrossProcessWorkload w, int rep, Mode mode) {
        return kind + " " + w.workload() + " " + w.implementation() + " (rep " + rep + "/" + mode.repetitions() + ")";
    }
}
