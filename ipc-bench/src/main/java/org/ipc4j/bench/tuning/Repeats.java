package org.ipc4j.bench.tuning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Configurations the sweep happens to measure more than once, under different knobs: how far apart their
 * results are is this run's own measure of run-to-run noise, printed beside the knobs it concerns.
 */
final class Repeats {
    private Repeats() {
    }

    /**
     * SPSC SharedRing one-way, 64 KiB, read limit 256, pinned as the throughput knobs are: the capacity sweep's 64 KiB
     * point, the batch sweep's limit 256 and the placement sweep's two-core point. Writes a note; returns the
     * spread of msgs/s (NaN with fewer than two).
     */
    static double throughput(StringBuilder md, Points all) {
        List<TuningRecord> same = new ArrayList<>();
        all.knob(Knob.CAPACITY).label(TuningPlan.size(64 << 10)).ifPresent(same::add);
        all.knob(Knob.BATCH).label("limit 256").ifPresent(same::add);
        Optional<TuningRecord> pinned = all.knob(Knob.PLACEMENT).list().stream()
                .filter(r -> r.series().startsWith("one-way") && r.label().equals(TuningPlan.placementLabel("0,1"))).findFirst();
        pinned.ifPresent(same::add);
        double spread = Advice.spread(same, TuningRecord::msgsPerSec);
        if (!Double.isNaN(spread)) {
            List<String> values = new ArrayList<>();
            same.forEach(r -> values.add(Fmt.rate(r.msgsPerSec())));
            md.append("_Run-to-run noise: one configuration (SPSC SharedRing, 64 KiB, read limit 256, 32 B, both JVMs pinned)"
                    + " was measured ").append(same.size()).append(" times in this sweep: ").append(String.join(", ", values))
                    .append(" (").append(Fmt.ratio(spread)).append(" apart)._\n\n");
        }
        return spread;
    }

    /**
     * Pipe round trip, 32 B, 64 KiB rings, unpinned, back to back: the wait sweep's BLOCKING and busy-spin
     * (no wakeups) points and the placement sweep's unpinned points. Writes a note.
     */
    static void latency(StringBuilder md, Points all) {
        Points wait = all.knob(Knob.WAIT).series(PacedRoundTrip.phaseName(0));
        Points placement = all.knob(Knob.PLACEMENT);
        List<String> parts = new ArrayList<>();
        pair(parts, "BLOCKING", wait.label(WaitChoice.label(WaitChoice.DEFAULT_SPEC)),
                placement.series("round trip, Pipe BLOCKING").label(TuningPlan.placementLabel("")));
        pair(parts, "BUSY_SPIN without wakeups", wait.label(WaitChoice.label("busy-spin") + ", rings without wakeups"),
                placement.series("round trip, Pipe busy-spin").label(TuningPlan.placementLabel("")));
        if (!parts.isEmpty()) {
            md.append("_Run-to-run noise: the same back-to-back round trip measured twice in this sweep (here and under CPU"
                    + " placement, unpinned) gave p50 ").append(String.join("; ", parts)).append("._\n\n");
        }
    }

    private static void pair(List<String> parts, String name, Optional<TuningRecord> a, Optional<TuningRecord> b) {
        if (a.isPresent() && b.isPresent()) {
            parts.add(name + " " + Fmt.nanos(a.get().p50Ns()) + " and " + Fmt.nanos(b.get().p50Ns()) + " ("
                    + Fmt.ratio(Math.max(a.get().p50Ns(), b.get().p50Ns()) / Math.min(a.get().p50Ns(), b.get().p50Ns()))
                    + " apart)");
        }
    }
}
