package org.ipc4j.bench.tuning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The guide's recommendations, each derived from the measured points by a stated rule (never written in
 * advance): change the numbers and the advice follows. Rules use a 2x band for latency ("close to the best")
 * and 90 % for throughput ("enough"), since single runs on a shared VM vary by 10-20 %.
 */
final class Advice {
    static final double LATENCY_BAND = 2.0;
    static final double ENOUGH = 0.9;
    static final double NOISE = 1.2;

    private Advice() {
    }

    /**
     * For each rate measured: among the strategies whose p99 is within 2x of the lowest p99, the one whose waiting
     * side used the least CPU, if that is clearly (20 %) less than the fastest one's; else the fastest.
     */
    static String wait(Points wait) {
        List<String> clauses = waitByRate(wait);
        return clauses.isEmpty() ? "not measured in this run." : String.join("; ", clauses) + ".";
    }

    /** The wait advice, one clause per rate measured. */
    static List<String> waitByRate(Points wait) {
        List<String> clauses = new ArrayList<>();
        for (String phase : wait.seriesNames()) {
            clauses.add(waitAt(phase, wait.series(phase)));
        }
        return clauses;
    }

    private static String waitAt(String phase, Points at) {
        TuningRecord fastest = at.min(TuningRecord::p99Ns).orElseThrow();
        TuningRecord frugal = new Points(at.list().stream()
                .filter(r -> r.p99Ns() <= LATENCY_BAND * fastest.p99Ns()).collect(Collectors.toList()))
                .min(TuningRecord::peerCpuPct).orElse(fastest);
        TuningRecord balanced = frugal.peerCpuPct() * NOISE <= fastest.peerCpuPct() ? frugal : fastest;
        TuningRecord cheapest = at.min(TuningRecord::peerCpuPct).orElse(fastest);
        StringBuilder out = new StringBuilder(phase.equals(PacedRoundTrip.phaseName(0)) ? phase : "at " + phase).append(", ");
        if (balanced == fastest) {
            out.append("use ").append(fastest.label()).append(": it had the lowest p99 (").append(Fmt.nanos(fastest.p99Ns()))
                    .append(") and no strategy within 2x of that p99 used clearly (20 %) less CPU on the waiting side (")
                    .append(Fmt.pct(fastest.peerCpuPct())).append(")");
        } else {
            out.append("use ").append(balanced.label()).append(": its p99 (").append(Fmt.nanos(balanced.p99Ns()))
                    .append(") was within 2x of the lowest (").append(fastest.label()).append(", ")
                    .append(Fmt.nanos(fastest.p99Ns())).append(") for ").append(Fmt.pct(balanced.peerCpuPct()))
                    .append(" of a core on the waiting side instead of ").append(Fmt.pct(fastest.peerCpuPct()));
        }
        if (cheapest != balanced && cheapest.peerCpuPct() * NOISE <= balanced.peerCpuPct()) {
            out.append("; the least CPU, ").append(Fmt.pct(cheapest.peerCpuPct())).append(", came with ")
                    .append(cheapest.label()).append(" at a p99 of ").append(Fmt.nanos(cheapest.p99Ns()));
        }
        return out.toString();
    }

    /**
     * The spread (max / min) of {@code metric} over points that measured one and the same configuration, or NaN
     * when fewer than two of them exist.
     */
    static double spread(List<TuningRecord> sameConfiguration, java.util.function.ToDoubleFunction<TuningRecord> metric) {
        Points same = new Points(sameConfiguration);
        if (sameConfiguration.size() < 2) {
            return Double.NaN;
        }
        return metric.applyAsDouble(same.max(metric).orElseThrow()) / metric.applyAsDouble(same.min(metric).orElseThrow());
    }

    /**
     * The smallest setting (by x) that reached 90 % of the best throughput of the series; unless the settings
     * differed by no more than identical runs did ({@code repeatSpread}), in which case none measurably won.
     */
    static String enough(Points series, String noun, String preposition, String unitNote, double repeatSpread) {
        if (series.isEmpty()) {
            return "not measured in this run.";
        }
        TuningRecord best = series.max(TuningRecord::msgsPerSec).orElseThrow();
        TuningRecord worst = series.min(TuningRecord::msgsPerSec).orElseThrow();
        double settingsSpread = best.msgsPerSec() / worst.msgsPerSec();
        if (!Double.isNaN(repeatSpread) && settingsSpread <= repeatSpread) {
            return "the " + noun + " settings differed by at most " + Fmt.ratio(settingsSpread) + ", no more than identical"
                    + " runs of one configuration differed in this sweep (" + Fmt.ratio(repeatSpread) + "): in this run no "
                    + noun + " setting measurably beat another" + unitNote + "; repeat the sweep before choosing by these"
                    + " numbers.";
        }
        TuningRecord enough = series.byX().stream().filter(r -> r.msgsPerSec() >= ENOUGH * best.msgsPerSec()).findFirst()
                .orElse(best);
        List<TuningRecord> sorted = series.byX();
        TuningRecord smallest = sorted.get(0);
        TuningRecord largest = sorted.get(sorted.size() - 1);
        StringBuilder out = new StringBuilder();
        if (enough == largest && sorted.size() > 1) {
            out.append("throughput still grew up to the largest ").append(noun).append(" measured (").append(largest.label())
                    .append(", ").append(Fmt.rate(largest.msgsPerSec())).append("): use a large one").append(unitNote);
        } else {
            out.append("a ").append(noun).append(' ').append(preposition).append(' ').append(enough.label()).append(" is enough").append(unitNote)
                    .append(": it reached ").append(Fmt.pct(100 * enough.msgsPerSec() / best.msgsPerSec()))
                    .append(" of the best (").append(best.label()).append(", ").append(Fmt.rate(best.msgsPerSec()))
                    .append(")");
        }
        if (smallest != enough && smallest != best) {
            out.append("; ").append(smallest.label()).append(" reached only ")
                    .append(Fmt.pct(100 * smallest.msgsPerSec() / best.msgsPerSec()));
        }
        return out.append('.').toString();
    }

    /** drainTo against poll(): which receives faster, by how much, and what each allocates. */
    static String drain(TuningRecord poll, TuningRecord drain) {
        double ratio = drain.msgsPerSec() / poll.msgsPerSec();
        String faster = ratio >= 1 ? "drainTo" : "poll()";
        String verdict = Math.max(ratio, 1 / ratio) < NOISE ? "the two were within 20 % (" + Fmt.ratio(ratio) + "), so"
                + " choose by convenience" : faster + " was " + Fmt.ratio(Math.max(ratio, 1 / ratio)) + " faster";
        return "for SharedQueue, " + verdict + " (poll() " + Fmt.rate(poll.msgsPerSec()) + ", drainTo "
                + Fmt.rate(drain.msgsPerSec()) + ").";
    }

    /** Where bytes/s peaked, and at which sizes a ring that keeps messages inline beat the default pipe by > 20 %. */
    static String size(Points throughputDefault, Points throughputBig) {
        if (throughputDefault.isEmpty()) {
            return "not measured in this run.";
        }
        TuningRecord peak = throughputDefault.max(TuningRecord::bytesPerSec).orElseThrow();
        StringBuilder out = new StringBuilder("with the default pipe, bytes/s peaked at " + peak.label() + " messages ("
                + Fmt.gbps(peak.bytesPerSec()) + ")");
        List<String> wins = new ArrayList<>();
        double bestRatio = 0;
        String bestAt = "";
        for (TuningRecord d : throughputDefault.byX()) {
            Optional<TuningRecord> b = throughputBig.label(d.label());
            if (b.isPresent()) {
                double ratio = b.get().msgsPerSec() / d.msgsPerSec();
                if (ratio > NOISE) {
                    wins.add(d.label());
                }
                if (ratio > bestRatio) {
                    bestRatio = ratio;
                    bestAt = d.label();
                }
            }
        }
        if (!throughputBig.isEmpty()) {
            if (wins.isEmpty()) {
                out.append("; a 4 MiB ring that keeps every size inline was never more than 20 % faster, so the default"
                        + " is fine");
            } else {
                out.append("; a 4 MiB ring that keeps messages inline was more than 20 % faster at ")
                        .append(String.join(", ", wins)).append(" (up to ").append(Fmt.ratio(bestRatio)).append(" at ")
                        .append(bestAt).append("): size the ring for messages that large");
            }
        }
        return out.append('.').toString();
    }

    /** Fastest and slowest codec and what the slowest costs. */
    static String codec(Points codecs) {
        if (codecs.isEmpty()) {
            return "not measured in this run.";
        }
        TuningRecord fastest = codecs.max(TuningRecord::msgsPerSec).orElseThrow();
        TuningRecord slowest = codecs.min(TuningRecord::msgsPerSec).orElseThrow();
        if (fastest == slowest) {
            return "only " + fastest.label() + " was measured (" + Fmt.rate(fastest.msgsPerSec()) + ").";
        }
        return "prefer " + fastest.label() + " (" + Fmt.rate(fastest.msgsPerSec()) + ", " + Fmt.bytes(fastest.measurerAllocPerMsg())
                + " allocated per message by the receiver); " + slowest.label() + " was the slowest, "
                + Fmt.ratio(fastest.msgsPerSec() / slowest.msgsPerSec()) + " slower, allocating "
                + Fmt.bytes(slowest.measurerAllocPerMsg()) + " per message on the receiving side.";
    }

    /** The heap and GC with the lowest p99.9, and whether the spread exceeds run-to-run noise. */
    static String jvm(Points jvm) {
        if (jvm.isEmpty()) {
            return "not measured in this run.";
        }
        TuningRecord best = jvm.min(TuningRecord::p999Ns).orElseThrow();
        TuningRecord worst = jvm.max(TuningRecord::p999Ns).orElseThrow();
        double spread = worst.p999Ns() / best.p999Ns();
        String bestName = best.label() + " with " + best.series();
        if (spread < NOISE) {
            return "no heap or GC setting moved p99.9 by more than 20 % (" + Fmt.nanos(best.p999Ns()) + " to "
                    + Fmt.nanos(worst.p999Ns()) + "): keep the default and size the heap for the application.";
        }
        return "the lowest p99.9 came with " + bestName + " (" + Fmt.nanos(best.p999Ns()) + "), the highest with "
                + worst.label() + " with " + worst.series() + " (" + Fmt.nanos(worst.p999Ns()) + ", " + Fmt.ratio(spread)
                + "): for an allocating workload, prefer " + bestName + ".";
    }

    /** For each measurement, the best and the worst placement: by p50 for round trips, by msgs/s for one-way. */
    static String placement(Points placement) {
        if (placement.isEmpty()) {
            return "not measured in this run.";
        }
        List<String> parts = new ArrayList<>();
        for (String series : placement.seriesNames()) {
            Points s = placement.series(series);
            boolean latency = !Double.isNaN(s.list().get(0).p50Ns());
            TuningRecord best = latency ? s.min(TuningRecord::p50Ns).orElseThrow() : s.max(TuningRecord::msgsPerSec).orElseThrow();
            TuningRecord worst = latency ? s.max(TuningRecord::p50Ns).orElseThrow() : s.min(TuningRecord::msgsPerSec).orElseThrow();
            if (best == worst) {
                continue;
            }
            double ratio = latency ? worst.p50Ns() / best.p50Ns() : best.msgsPerSec() / worst.msgsPerSec();
            parts.add(series + ": best " + best.label() + " (" + (latency ? "p50 " + Fmt.nanos(best.p50Ns())
                    : Fmt.rate(best.msgsPerSec())) + "), worst " + worst.label() + " ("
                    + (latency ? "p50 " + Fmt.ratio(ratio) + " higher" : Fmt.ratio(ratio) + " lower throughput") + ")");
        }
        return parts.isEmpty() ? "only one placement was measured." : String.join("; ", parts) + ".";
    }
}
