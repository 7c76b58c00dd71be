package org.ipc4j.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.data.ScoreRecord;

/** One implementation's score for one workload over all repetitions: the median, and the full min..max. */
record ScoreSummary(String group, String workload, String implementation, Kind kind, String unit, double score,
                    double min, double max, int repetitions, double allocBytesPerOp, String note,
                    Map<Integer, Double> byRepetition) {

    boolean higherIsBetter() {
        return ScoreRecord.higherIsBetter(unit);
    }

    static List<ScoreSummary> of(List<ScoreRecord> records) {
        Map<List<String>, List<ScoreRecord>> byKey = new LinkedHashMap<>();
        for (ScoreRecord r : records) {
            byKey.computeIfAbsent(List.of(r.group(), r.workload(), r.implementation()), k -> new ArrayList<>()).add(r);
        }
        List<ScoreSummary> out = new ArrayList<>();
        for (List<ScoreRecord> reps : byKey.values()) {
            ScoreRecord first = reps.get(0);
            Map<Integer, Double> byRepetition = new TreeMap<>();
            reps.forEach(r -> byRepetition.put(r.repetition(), r.score()));
            double[] scores = reps.stream().mapToDouble(ScoreRecord::score).sorted().toArray();
            double alloc = reps.stream().mapToDouble(ScoreRecord::allocBytesPerOp).filter(v -> !Double.isNaN(v))
                    .max().orElse(Double.NaN);
            out.add(new ScoreSummary(first.group(), first.workload(), first.implementation(), first.kind(), first.unit(),
                    scores[(scores.length - 1) / 2], reps.stream().mapToDouble(ScoreRecord::min).min().orElse(Double.NaN),
                    reps.stream().mapToDouble(ScoreRecord::max).max().orElse(Double.NaN), reps.size(), alloc,
                    first.note(), byRepetition));
        }
        return out;
    }
}
