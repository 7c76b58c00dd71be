package org.ipc4j.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.ipc4j.bench.data.Kind;

/**
 * The table of one score group: a row per workload, a column per implementation (ipc4j first) with its
 * min..max, allocation per operation where measured, and ratio columns: ipc4j / peer for each peer, and where
 * ipc4j has several columns, each of them over Agrona's ({@link ScoreSummaryOrder#referencePeer}).
 */
final class ScoreTable {
    private record Ratio(String ours, String theirs) {
    }

    private ScoreTable() {
    }

    static String markdown(List<ScoreSummary> rows) {
        List<String> workloads = ScoreSummaryOrder.workloads(rows);
        List<String> implementations = ScoreSummaryOrder.implementations(rows);
        List<Ratio> ratios = ratios(rows, implementations);
        boolean severalIpc4j = implementations.stream().filter(i -> isIpc4j(rows, i)).count() > 1;
        boolean allocation = rows.stream().anyMatch(r -> !Double.isNaN(r.allocBytesPerOp()));
        StringBuilder md = new StringBuilder("| Workload");
        StringBuilder align = new StringBuilder("|---");
        for (String implementation : implementations) {
            md.append(" | ").append(Format.cell(implementation)).append(" (min..max)");
            align.append("|--:");
            if (allocation) {
                md.append(" | B/op");
                align.append("|--:");
            }
        }
        for (Ratio ratio : ratios) {
            md.append(" | ").append(severalIpc4j ? Format.cell(ratio.ours()) : "ipc4j").append(" / ")
                    .append(Format.cell(ratio.theirs()));
            align.append("|--:");
        }
        md.append(" |\n").append(align).append("|\n");
        for (String workload : workloads) {
            md.append("| ").append(workload);
            for (String implementation : implementations) {
                ScoreSummary s = find(rows, workload, implementation);
                md.append(" | ").append(s == null ? "-" : Format.score(s.score(), s.unit()) + " ("
                        + Format.significant(s.min()) + ".." + Format.significant(s.max()) + ")");
                if (allocation) {
                    md.append(" | ").append(s == null ? "-" : Format.bytes(s.allocBytesPerOp()));
                }
            }
            for (Ratio ratio : ratios) {
                ScoreSummary ours = find(rows, workload, ratio.ours());
                ScoreSummary theirs = find(rows, workload, ratio.theirs());
                md.append(" | ").append(ours == null || theirs == null ? "-" : Format.ratio(pairedRatio(ours, theirs)));
            }
            md.append(" |\n");
        }
        for (String implementation : implementations) {
            rows.stream().filter(r -> r.implementation().equals(implementation) && !r.note().isEmpty()).findFirst()
                    .ifPresent(r -> md.append("\n- ").append(Format.cell(implementation)).append(": ")
                            .append(Format.cell(r.note())).append(r.repetitions() > 1 ? " (median of "
                                    + r.repetitions() + " repetitions)" : ""));
        }
        md.append('\n');
        return md.toString();
    }

    /**
     * ipc4j's first column over every other column; with a reference peer, every ipc4j column over it
     * instead of over each other, then the first over the remaining peers.
     */
    private static List<Ratio> ratios(List<ScoreSummary> rows, List<String> implementations) {
        List<String> ipc4j = implementations.stream().filter(i -> isIpc4j(rows, i)).collect(Collectors.toList());
        List<Ratio> ratios = new ArrayList<>();
        if (ipc4j.isEmpty()) {
            return ratios;
        }
        String reference = ipc4j.get(0);
        String peer = ScoreSummaryOrder.referencePeer(rows);
        if (peer != null) {
            ipc4j.forEach(i -> ratios.add(new Ratio(i, peer)));
        }
        for (String implementation : implementations) {
            boolean covered = peer != null && (ipc4j.contains(implementation) || implementation.equals(peer));
            if (!implementation.equals(reference) && !covered) {
                ratios.add(new Ratio(reference, implementation));
            }
        }
        return ratios;
    }

    private static boolean isIpc4j(List<ScoreSummary> rows, String implementation) {
        return rows.stream().anyMatch(r -> r.implementation().equals(implementation) && r.kind() == Kind.IPC4J);
    }

    /** Like {@link LatencyTable#pairedRatio}: the median of per-repetition ratios where there are two or more. */
    static double pairedRatio(ScoreSummary ours, ScoreSummary theirs) {
        List<Double> ratios = new ArrayList<>();
        ours.byRepetition().forEach((rep, score) -> {
            Double other = theirs.byRepetition().get(rep);
            if (other != null && other > 0) {
                ratios.add(score / other);
            }
        });
        return ratios.size() >= 2 ? LatencyTable.median(ratios) : LatencyTable.ratio(ours.score(), theirs.score());
    }

    static ScoreSummary find(List<ScoreSummary> rows, String workload, String implementation) {
        return rows.stream().filter(r -> r.workload().equals(workload) && r.implementation().equals(implementation))
                .findFirst().orElse(null);
    }
}
