package org.ipc4j.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.data.LatencyRecord;

/** Writes results/README.md from a run's summaries: machine, run, one table per workload, charts, notes. */
final class MarkdownReport {
    private static final Map<String, String> MACHINE_LABELS = Map.of("cpu", "CPU", "cores", "Cores", "memory", "Memory",
            "os", "OS", "virtualisation", "Virtualisation", "jdk", "JDK", "python", "Python", "cc", "C compiler");
    private final StringBuilder md = new StringBuilder();

    static String render(RunData data, List<LatencySummary> latency, List<ScoreSummary> scores) {
        return new MarkdownReport().build(data, latency, scores);
    }

    private String build(RunData data, List<LatencySummary> latency, List<ScoreSummary> scores) {
        Map<String, String> run = data.run();
        line("# ipc4j benchmark report");
        line("");
        if (!"full".equals(run.get("mode"))) {
            line("> **" + run.getOrDefault("mode", "unknown").toUpperCase(Locale.ROOT) + " RUN: a smoke test with"
                    + " short warm-up and few iterations. Its figures show that every benchmark runs; they are NOT"
                    + " representative measurements.**");
            line("");
        }
        header(data);
        latencySections(latency);
        scoreSections(scores);
        pending(latency, scores);
        rawData();
        return md.toString();
    }

    private void header(RunData data) {
        Map<String, String> run = data.run();
        line("Generated from the raw data in [`raw/`](raw/) by `org.ipc4j.bench.report.Report`. How each knob"
                + " (wait strategy, ring size, batch, message size, codec, GC, CPU placement) moves these figures:"
                + " [TUNING.md](TUNING.md), written by `bench/run tuning`.");
        line("");
        line("| | |");
        line("|---|---|");
        row("Date", run.getOrDefault("started", "unknown"));
        row("Command", "`" + run.getOrDefault("command", "unknown") + "`");
        row("Mode", run.getOrDefault("mode", "unknown") + ", " + run.getOrDefault("repetitions", "?")
                + " repetition(s) of each cross-process measurement, interleaved");
        row("Duration", run.getOrDefault("duration_seconds", "?") + " s");
        row("CPU placement", run.getOrDefault("placement", "unknown"));
        if (!run.getOrDefault("filter", "").isEmpty()) {
            row("Steps run", "only those matching `" + run.get("filter") + "`");
        }
        data.machine().forEach((k, v) -> row(MACHINE_LABELS.getOrDefault(k, k), v));
        line("");
        List<String> failures = data.listed("failure.");
        List<String> skipped = data.listed("skipped.");
        if (!failures.isEmpty()) {
            line("**Failed steps** (their figures are missing below):");
            failures.forEach(f -> line("- " + f));
            line("");
        }
        if (!skipped.isEmpty()) {
            line("**Skipped:**");
            skipped.forEach(s -> line("- " + s));
            line("");
        }
        line("How to read: latency figures are the median over the repetitions of each percentile (max: the largest"
                + " seen); \"p50 spread\" is the lowest..highest p50 of the repetitions. Ratios are ipc4j / the row: below"
                + " 1x ipc4j is faster for latency and time per operation, above 1x it is faster for throughput;"
                + " where both ran in the same interleaved repetitions, the ratio is the median of the per-repetition"
                + " ratios (each pair ran under the same conditions), else the ratio of the medians. Where a table"
                + " has several ipc4j rows (the APIs users call, such as Pipe and SharedQueue, before the raw"
                + " zero-copy rings), each is also divided by Agrona's, read the same way. On this"
                + " 2-vCPU virtual machine the kernel tick is 4 ms: maxima of a few ms are the machine (another thread"
                + " took a tick), not the transport; compare rows within one run, not across runs.");
        line("");
    }

    private void latencySections(List<LatencySummary> latency) {
        if (latency.isEmpty()) {
            return;
        }
        line("## Round-trip latency");
        line("");
        List<String> workloads = latency.stream().map(LatencySummary::workload).distinct()
                .sorted(Comparator.comparingInt(w -> Titles.order(Titles.WORKLOADS, w))).collect(Collectors.toList());
        for (String workload : workloads) {
            Titles.Entry title = Titles.workload(workload);
            line("### " + title.title() + " (`" + workload + "`)");
            line("");
            if (!title.description().isEmpty()) {
                line(title.description());
                line("");
            }
            List<LatencySummary> rows = LatencyTable.ordered(latency.stream().filter(r -> r.workload().equals(workload))
                    .collect(Collectors.toList()));
            md.append(LatencyTable.markdown(rows));
            line("");
            if (rows.stream().noneMatch(r -> r.kind() == Kind.IPC4J) && !title.pendingIpc4j().isEmpty()) {
                line("ipc4j's row is not measured yet: " + title.pendingIpc4j() + ".");
                line("");
            }
            line("![" + title.title() + "](charts/" + Report.latencyChartName(workload) + ")");
            line("");
        }
    }

    private void scoreSections(List<ScoreSummary> scores) {
        if (scores.isEmpty()) {
            return;
        }
        line("## Throughput and per-operation costs");
        line("");
        List<String> groups = scores.stream().map(ScoreSummary::group).distinct()
                .sorted(Comparator.comparingInt(g -> Titles.order(Titles.GROUPS, g))).collect(Collectors.toList());
        for (String group : groups) {
            Titles.Entry title = Titles.group(group);
            List<ScoreSummary> rows = scores.stream().filter(r -> r.group().equals(group)).collect(Collectors.toList());
            line("### " + title.title() + " (`" + group + "`, " + rows.get(0).unit()
                    + (rows.get(0).higherIsBetter() ? ", higher is better)" : ", lower is better)"));
            line("");
            if (!title.description().isEmpty()) {
                line(title.description());
                line("");
            }
            md.append(ScoreTable.markdown(rows));
            line("");
            if (rows.stream().noneMatch(r -> r.kind() == Kind.IPC4J) && !title.pendingIpc4j().isEmpty()) {
                line("ipc4j's column is not measured yet: " + title.pendingIpc4j() + ".");
                line("");
            }
            line("![" + title.title() + "](charts/" + Report.scoreChartName(group) + ")");
            line("");
        }
    }

    private void pending(List<LatencySummary> latency, List<ScoreSummary> scores) {
        List<String> pending = new ArrayList<>();
        Titles.WORKLOADS.forEach((id, t) -> {
            boolean measured = latency.stream().anyMatch(r -> r.workload().equals(id) && r.kind() == Kind.IPC4J);
            if (!measured && !t.pendingIpc4j().isEmpty()) {
                pending.add(t.title() + ": " + t.pendingIpc4j());
            }
        });
        Titles.GROUPS.forEach((id, t) -> {
            boolean measured = scores.stream().anyMatch(r -> r.group().equals(id) && r.kind() == Kind.IPC4J);
            if (!measured && !t.pendingIpc4j().isEmpty()) {
                pending.add(t.title() + ": " + t.pendingIpc4j());
            }
        });
        if (!pending.isEmpty()) {
            line("## ipc4j rows still to come");
            line("");
            line("These workloads are measured for the peers only; ipc4j's figures join when the feature lands:");
            line("");
            pending.forEach(p -> line("- " + p));
            line("");
        }
    }

    private void rawData() {
        line("## Raw data");
        line("");
        line("- `raw/latency/*.csv`: one row per measurement (columns " + String.join(", ", LatencyRecord.HEADER)
                + "), values in ns; `*.hgrm`: the full HdrHistogram percentile distribution of each Java measurement"
                + " (microseconds).");
        line("- `raw/scores/*.csv`: throughput and per-operation scores; `raw/jmh/*.json`: JMH results (`-prof gc`).");
        line("- `raw/machine.properties`, `raw/run.properties`: the machine and the run (command, failures, skips).");
        line("- Regenerate this page: `java -cp 'ipc-bench/target/classes:ipc-bench/target/lib/*'"
                + " org.ipc4j.bench.report.Report <results dir>`.");
    }

    private void row(String key, String value) {
        line("| " + Format.cell(key) + " | " + Format.cell(value) + " |");
    }

    private void line(String text) {
        md.append(text).append('\n');
    }
}
