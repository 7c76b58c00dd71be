package org.ipc4j.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes {@code README.md} and {@code charts/*.png} in a results directory from its {@code raw/} data.
 * {@code java -cp .. org.ipc4j.bench.report.Report <results dir>} regenerates them without re-measuring.
 */
public final class Report {
    private Report() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: Report <results dir>");
            System.exit(2);
        }
        generate(Path.of(args[0]));
        System.out.println("wrote " + Path.of(args[0]).resolve("README.md"));
    }

    public static void generate(Path results) {
        System.setProperty("java.awt.headless", "true");
        RunData data = RunData.load(results.resolve("raw"));
        List<LatencySummary> latency = LatencySummary.of(data.latency());
        List<ScoreSummary> scores = ScoreSummary.of(data.scores());
        try {
            Path charts = results.resolve("charts");
            Files.createDirectories(charts);
            for (String workload : latency.stream().map(LatencySummary::workload).distinct().collect(Collectors.toList())) {
                List<LatencySummary> rows = LatencyTable.ordered(latency.stream().filter(r -> r.workload().equals(workload))
                        .collect(Collectors.toList()));
                Charts.latency(Titles.workload(workload).title(), rows, charts.resolve(latencyChartName(workload)));
            }
            for (String group : scores.stream().map(ScoreSummary::group).distinct().collect(Collectors.toList())) {
                List<ScoreSummary> rows = scores.stream().filter(r -> r.group().equals(group)).collect(Collectors.toList());
                Charts.scores(Titles.group(group).title(), rows, charts.resolve(scoreChartName(group)));
            }
            Files.writeString(results.resolve("README.md"), MarkdownReport.render(data, latency, scores));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report in " + results, e);
        }
    }

    static String latencyChartName(String workload) {
        return "latency-" + workload.replaceAll("[^A-Za-z0-9._-]", "_") + ".png";
    }

    static String scoreChartName(String group) {
        return "scores-" + group.replaceAll("[^A-Za-z0-9._-]", "_") + ".png";
    }
}
