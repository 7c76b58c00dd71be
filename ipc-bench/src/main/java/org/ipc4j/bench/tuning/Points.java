package org.ipc4j.bench.tuning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** A selection of measured points, in the order they were measured, with the queries the guide needs. */
final class Points {
    private final List<TuningRecord> records;

    Points(List<TuningRecord> records) {
        this.records = List.copyOf(records);
    }

    Points knob(Knob knob) {
        return new Points(records.stream().filter(r -> r.knob() == knob).collect(Collectors.toList()));
    }

    Points series(String series) {
        return new Points(records.stream().filter(r -> r.series().equals(series)).collect(Collectors.toList()));
    }

    Points seriesStartingWith(String prefix) {
        return new Points(records.stream().filter(r -> r.series().startsWith(prefix)).collect(Collectors.toList()));
    }

    Optional<TuningRecord> label(String label) {
        return records.stream().filter(r -> r.label().equals(label)).findFirst();
    }

    /** Distinct series names in order of appearance. */
    List<String> seriesNames() {
        return records.stream().map(TuningRecord::series).distinct().collect(Collectors.toList());
    }

    List<String> labels() {
        return records.stream().map(TuningRecord::label).distinct().collect(Collectors.toList());
    }

    List<TuningRecord> list() {
        return records;
    }

    /** The points sorted by x. */
    List<TuningRecord> byX() {
        List<TuningRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingDouble(TuningRecord::x));
        return sorted;
    }

    boolean isEmpty() {
        return records.isEmpty();
    }

    /** The point with the smallest value of {@code metric} (NaN ignored). */
    Optional<TuningRecord> min(ToDoubleFunction<TuningRecord> metric) {
        return records.stream().filter(r -> !Double.isNaN(metric.applyAsDouble(r)))
                .min(Comparator.comparingDouble(metric));
    }

    Optional<TuningRecord> max(ToDoubleFunction<TuningRecord> metric) {
        return records.stream().filter(r -> !Double.isNaN(metric.applyAsDouble(r)))
                .max(Comparator.comparingDouble(metric));
    }

    /** {x[], y[]} sorted by x, for a chart. */
    double[][] curve(ToDoubleFunction<TuningRecord> y) {
        List<TuningRecord> sorted = byX();
        double[][] xy = new double[2][sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            xy[0][i] = sorted.get(i).x();
            xy[1][i] = y.applyAsDouble(sorted.get(i));
        }
        return xy;
    }
}
