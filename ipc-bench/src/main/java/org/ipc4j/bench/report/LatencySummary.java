package org.ipc4j.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.data.LatencyRecord;

/**
 * One implementation's latency over all repetitions: each percentile is the median of the repetitions'
 * values, the maximum is the largest seen, and the p50 spread shows how far repetitions disagreed.
 */
record LatencySummary(String workload, String implementation, Kind kind, int repetitions, long count,
                      long[] percentiles, long max, long p50Min, long p50Max, String note,
                      Map<Integer, long[]> byRepetition) {

    long p50() {
        return percentiles[0];
    }

    long p99() {
        return percentiles[2];
    }

    static List<LatencySummary> of(List<LatencyRecord> records) {
        Map<List<String>, List<LatencyRecord>> byImplementation = new LinkedHashMap<>();
        for (LatencyRecord r : records) {
            byImplementation.computeIfAbsent(List.of(r.workload(), r.implementation()), k -> new ArrayList<>()).add(r);
        }
        List<LatencySummary> out = new ArrayList<>();
        for (List<LatencyRecord> reps : byImplementation.values()) {
            LatencyRecord first = reps.get(0);
            Map<Integer, long[]> byRepetition = new TreeMap<>();
            reps.forEach(r -> byRepetition.put(r.repetition(), r.percentiles()));
            long[] medians = new long[LatencyRecord.PERCENTILES.length];
            for (int p = 0; p < medians.length; p++) {
                final int index = p;
                medians[p] = median(reps.stream().mapToLong(r -> r.percentiles()[index]).toArray());
            }
            out.add(new LatencySummary(first.workload(), first.implementation(), first.kind(), reps.size(),
                    reps.stream().mapToLong(LatencyRecord::count).sum(), medians,
                    reps.stream().mapToLong(LatencyRecord::maxNs).max().orElse(0),
                    reps.stream().mapToLong(LatencyRecord::p50Ns).min().orElse(0),
                    reps.stream().mapToLong(LatencyRecord::p50Ns).max().orElse(0), first.note(), byRepetition));
        }
        return out;
    }

    /** The median; for an even count, the lower of the two middle values (a value that was measured). */
    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2];
    }
}
