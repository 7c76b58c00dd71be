package org.ipc4j.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.ipc4j.bench.data.Kind;

/**
 * The table of one latency workload: ipc4j's rows first (the APIs users call before the raw rings), then the
 * peers fastest first, then the hardware floor; the ratio columns divide ipc4j's first row by each row (p50
 * and p99) and, where ipc4j has several rows, each row by Agrona's OneToOneRingBuffer (the reference peer).
 */
final class LatencyTable {
    private LatencyTable() {
    }

    static List<LatencySummary> ordered(List<LatencySummary> rows) {
        List<LatencySummary> out = new ArrayList<>();
        out.addAll(rows.stream().filter(r -> r.kind() == Kind.IPC4J)
                .sorted(Comparator.comparingInt(r -> ScoreSummaryOrder.ipc4jRank(r.implementation())))
                .collect(Collectors.toList()));
        out.addAll(rows.stream().filter(r -> r.kind() == Kind.PEER).sorted(Comparator.comparingLong(LatencySummary::p50))
                .collect(Collectors.toList()));
        out.addAll(rows.stream().filter(r -> r.kind() == Kind.FLOOR).collect(Collectors.toList()));
        return out;
    }

    /** ipc4j's reference row (the first), or null if the table has none. */
    static LatencySummary reference(List<LatencySummary> rows) {
        return rows.stream().filter(r -> r.kind() == Kind.IPC4J).findFirst().orElse(null);
    }

    /**
     * In a table with more than one ipc4j row: Agrona's OneToOneRingBuffer row, or where the table has none, its
     * first Agrona row (ordered: the fastest); else null.
     */
    static LatencySummary referencePeer(List<LatencySummary> rows) {
        if (rows.stream().filter(r -> r.kind() == Kind.IPC4J).count() < 2) {
            return null;
        }
        List<LatencySummary> agrona = rows.stream()
                .filter(r -> ScoreSummaryOrder.isReferencePeer(r.kind(), r.implementation())).collect(Collectors.toList());
        return agrona.stream().filter(r -> r.implementation().equals(ScoreSummaryOrder.LATENCY_REFERENCE_PEER)).findFirst()
                .orElse(agrona.isEmpty() ? null : agrona.get(0));
    }

    static String markdown(List<LatencySummary> rows) {
        LatencySummary reference = reference(rows);
        LatencySummary peer = referencePeer(rows);
        StringBuilder md = new StringBuilder();
        md.append("| Implementation | | p50 | p90 | p99 | p99.9 | p99.99 | max | p50 spread | round trips | ipc4j / row, p50 | ipc4j / row, p99 |");
        if (peer != null) {
            String name = Format.cell(peer.implementation());
            md.append(" row / ").append(name).append(", p50 | row / ").append(name).append(", p99 |");
        }
        md.append("\n|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|").append(peer != null ? "--:|--:|" : "").append('\n');
        for (LatencySummary r : rows) {
            md.append("| ").append(Format.cell(r.implementation())).append(" | ").append(r.kind().label());
            for (long p : r.percentiles()) {
                md.append(" | ").append(Format.nanos(p));
            }
            md.append(" | ").append(Format.nanos(r.max()));
            md.append(" | ").append(r.repetitions() > 1 ? Format.nanos(r.p50Min()) + " .. " + Format.nanos(r.p50Max()) : "1 run");
            md.append(" | ").append(r.count());
            md.append(" | ").append(ratioCell(reference, r, 0));
            md.append(" | ").append(ratioCell(reference, r, 2));
            if (peer != null) {
                md.append(" | ").append(ratioCell(r, peer, 0)).append(" | ").append(ratioCell(r, peer, 2));
            }
            md.append(" |\n");
        }
        if (reference != null) {
            md.append("\nRatios are relative to \"").append(Format.cell(reference.implementation())).append("\"");
            if (peer != null) {
                md.append("; the last two columns divide each row by \"").append(Format.cell(peer.implementation()))
                        .append("\"");
            }
            md.append('.');
            notes(rows, md);
        } else {
            notes(rows, md);
        }
        return md.toString();
    }

    private static void notes(List<LatencySummary> rows, StringBuilder md) {
        for (LatencySummary r : rows) {
            if (!r.note().isEmpty()) {
                md.append("\n- ").append(Format.cell(r.implementation())).append(": ").append(Format.cell(r.note()));
            }
        }
        md.append('\n');
    }

    /** {@code ours} over {@code theirs} at one percentile ("n/a" without {@code ours}). */
    private static String ratioCell(LatencySummary ours, LatencySummary theirs, int percentile) {
        if (ours == null) {
            return "n/a";
        }
        if (ours == theirs) {
            return "1x";
        }
        return Format.ratio(pairedRatio(ours, theirs, percentile));
    }

    /**
     * ipc4j's value over the row's at one percentile: the median of the per-repetition ratios where both
     * ran in two or more of the same (interleaved) repetitions, else the ratio of the medians.
     */
    static double pairedRatio(LatencySummary ours, LatencySummary theirs, int percentile) {
        List<Double> ratios = new ArrayList<>();
        ours.byRepetition().forEach((rep, values) -> {
            long[] other = theirs.byRepetition().get(rep);
            if (other != null && other[percentile] > 0) {
                ratios.add((double) values[percentile] / other[percentile]);
            }
        });
        if (ratios.size() >= 2) {
            return median(ratios);
        }
        return ratio(ours.percentiles()[percentile], theirs.percentiles()[percentile]);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double ratio(double ours, double theirs) {
        return theirs == 0 ? Double.NaN : ours / theirs;
    }
}
