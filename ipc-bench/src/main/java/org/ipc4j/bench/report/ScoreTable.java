package org.ipc4j.bench.report;

import java.util.ArrayList;
import java.util.List;

import org.ipc4j.bench.data.Kind;

/**
 * The table of one score group: a row per workload, a column per implementation (ipc4j first) with its
 * min..max, allocation per operation where measured, and a ratio column ipc4j / peer for each peer.
 */
final class ScoreTable {
    private ScoreTable() {
    }

    static String markdown(List<ScoreSummary> rows) {
        List<String> workloads = ScoreSummaryOrder.workloads(rows);
        List<String> implementations = ScoreSummaryOrder.implementations(rows);
        String reference = rows.stream().filter(r -> r.kind() == Kind.IPC4J).map(ScoreSummary::implementation)
                .findFirst().orElse(null);
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
        for (String implementation : implementations) {
            if (reference != null && !implementation.equals(reference)) {
                md.append(" | ipc4j / ").append(Format.cell(implementation));
                align.append("|--:");
            }
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
            for (String implementation : implementations) {
                if (reference != null && !implementation.equals(reference)) {
                    ScoreSummary ours = find(rows, workload, reference);
                    ScoreSummary theirs = find(rows, workload, implementation);
                    md.append(" | ").append(ours == null || theirs == null ? "-" : Format.ratio(pairedRatio(ours, theirs)));
                }
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
