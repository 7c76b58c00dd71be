package org.ipc4j.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.ipc4j.bench.data.Kind;

/** The column order of a score table: ipc4j's implementations first, then the peers in order of appearance. */
final class ScoreSummaryOrder {
    private ScoreSummaryOrder() {
    }

    static List<String> implementations(List<ScoreSummary> rows) {
        Set<String> ordered = new LinkedHashSet<>();
        rows.stream().filter(r -> r.kind() == Kind.IPC4J).forEach(r -> ordered.add(r.implementation()));
        rows.forEach(r -> ordered.add(r.implementation()));
        return new ArrayList<>(ordered);
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
