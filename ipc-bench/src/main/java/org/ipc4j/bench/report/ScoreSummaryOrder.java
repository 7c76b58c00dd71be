package org.ipc4j.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.ipc4j.bench.data.Kind;

/**
 * The column order of a score table: ipc4j's implementations first (the APIs users call before the raw
 * rings), then the peers in order of appearance; and the peer that several ipc4j columns are compared with.
 */
final class ScoreSummaryOrder {
    /** The raw ring workloads say "zero-copy" in their names; Pipe, SharedQueue and the rest do not. */
    private static final String RAW_RING = "zero-copy";
    /** The peer ipc4j's rings are modelled on and measured against. */
    private static final String REFERENCE_PEER = "Agrona ";
    /** What latency tables divide by even where ManyToOne was faster: the round-trip targets name it. */
    static final String LATENCY_REFERENCE_PEER = "Agrona OneToOneRingBuffer";

    private ScoreSummaryOrder() {
    }

    static List<String> implementations(List<ScoreSummary> rows) {
        Set<String> ordered = new LinkedHashSet<>();
        rows.stream().filter(r -> r.kind() == Kind.IPC4J)
                .sorted(Comparator.comparingInt(r -> ipc4jRank(r.implementation())))
                .forEach(r -> ordered.add(r.implementation()));
        rows.forEach(r -> ordered.add(r.implementation()));
        return new ArrayList<>(ordered);
    }

    /** Among ipc4j's rows: 0 for the APIs users call, 1 for the raw rings. */
    static int ipc4jRank(String implementation) {
        return implementation.contains(RAW_RING) ? 1 : 0;
    }

    static boolean isReferencePeer(Kind kind, String implementation) {
        return kind == Kind.PEER && implementation.startsWith(REFERENCE_PEER);
    }

    /** The first Agrona column of a table with more than one ipc4j column, else null. */
    static String referencePeer(List<ScoreSummary> rows) {
        if (rows.stream().filter(r -> r.kind() == Kind.IPC4J).map(ScoreSummary::implementation).distinct().count() < 2) {
            return null;
        }
        return implementations(rows).stream().filter(i -> rows.stream()
                .anyMatch(r -> r.implementation().equals(i) && isReferencePeer(r.kind(), i))).findFirst().orElse(null);
    }

    static List<String> workloads(List<ScoreSummary> rows) {
        Set<String> ordered = new LinkedHashSet<>();
        rows.forEach(r -> ordered.add(r.workload()));
        return new ArrayList<>(ordered);
    }

    static boolean higherIsBetter(List<ScoreSummary> rows) {
        return !rows.isEmpty() && rows.get(0).higherIsBetter();
    }
}
