package org.ipc4j.bench.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JVM pair of the sweep: which main measures ({@link PacedRoundTrip} or {@link OneWayRun}), the workload
 * and its context, the JVM options both JVMs get, the CPU placement ({@code cpus} "A,B", empty for none),
 * the durations, and the point's identity in the guide. A round-trip case with several gaps gives one point
 * per gap.
 */
record TuningCase(Knob knob, String series, String label, double x, Class<?> main, Class<?> workload,
                  Map<String, String> context, List<String> jvmOptions, String cpus, Map<String, String> timing,
                  String note, double estimatedSeconds) {

    String title() {
        return knob.id() + ": " + (series.isEmpty() ? "" : series + ", ") + label;
    }

    /** A file name for its CSV. */
    String fileId(int index) {
        return String.format("%s__%03d__%s", knob.id(), index, (series + "_" + label).replaceAll("[^A-Za-z0-9.-]+", "_"));
    }

    /** The measuring main's arguments. */
    List<String> args(String out, String runId) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("knob", knob.id());
        args.put("series", series);
        args.put("label", label);
        args.put("x", Double.toString(x));
        args.put("out", out);
        args.put("runId", runId);
        args.put("cpus", cpus);
        args.put("jvm", String.join(" ", jvmOptions));
        args.put("workload", workload.getName());
        args.put("note", note);
        context.forEach((k, v) -> args.put("ctx." + k, v));
        args.putAll(timing);
        List<String> list = new ArrayList<>();
        args.forEach((k, v) -> list.add(k + "=" + v));
        return list;
    }

    /** The CPU the measuring JVM runs on, or null when not pinned. */
    String measurerCpu() {
        return cpus.isEmpty() ? null : cpus.split(",")[0].trim();
    }
}
