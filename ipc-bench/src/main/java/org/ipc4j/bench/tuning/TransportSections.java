package org.ipc4j.bench.tuning;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The guide's sections on the transport knobs: wait strategy, ring capacity, batch size, message size. */
final class TransportSections {
    private TransportSections() {
    }

    static void waitStrategy(StringBuilder md, Points all, Path charts) {
        Points wait = all.knob(Knob.WAIT);
        md.append("## 1. ").append(Knob.WAIT.title()).append("\n\n");
        md.append("How a receiving (or blocked sending) end waits for the other process: spin on the CPU, yield it, or"
                + " sleep on the ring's futex word until the sender wakes it. `BlockingWaitStrategy(spins, yields, slice)`"
                + " spins `spins` rounds, yields `yields` rounds, then sleeps in slices of at most `slice`; a sender pays"
                + " the wake-up system call only while someone sleeps. Busy-spin never leaves the CPU; rings made"
                + " `withWakeups(false)` skip the sender's wake-up check altogether (busy-spin ends only).\n\n");
        Md.code(md,
                "Connection end = pipe.first().withWaitStrategy(WaitStrategies.BLOCKING);   // the default: 200 spins, 20 yields, 100 ms slices",
                "end.withWaitStrategy(new BlockingWaitStrategy(10_000, 20, TimeUnit.MILLISECONDS.toNanos(100)));  // a bigger spin budget",
                "end.withWaitStrategy(WaitStrategies.BUSY_SPIN);                             // one core per waiting end",
                "end.withWaitStrategy(new IdleStrategyWaitStrategy(new YieldingIdleStrategy()));  // any Agrona IdleStrategy",
                "queue.withWaitStrategy(WaitStrategies.BUSY_SPIN);                           // SharedQueue handles too",
                "Pipe.open(true, RingOptions.ofCapacity(64 * 1024).withWakeups(false));      // busy-spin-only rings",
                "// -Dipc4j.wait=busy-spin makes BUSY_SPIN the default for every end that sets none");
        md.append("Measured: 32-byte round trips through a duplex Pipe (64 KiB rings), both ends with the strategy;"
                + " back to back, then with a pause after each reply (one message per 100 us or per 1 ms, paced with"
                + " parkNanos, so the achieved rate is a little lower). **Waiting side CPU** is the CPU use of the echoing"
                + " process, which does nothing but wait and echo: the cost of the strategy. The requesting process also"
                + " waits for each reply with the same strategy.\n\n");
        for (String phase : wait.seriesNames()) {
            md.append("**").append(phase).append("**\n\n");
            List<List<String>> rows = new ArrayList<>();
            for (TuningRecord r : wait.series(phase).list()) {
                rows.add(List.of(r.label(), Fmt.nanos(r.p50Ns()), Fmt.nanos(r.p99Ns()), Fmt.nanos(r.p999Ns()),
                        Fmt.rate(r.msgsPerSec()), Fmt.pct(r.peerCpuPct()), Fmt.pct(r.measurerCpuPct())));
            }
            Md.table(md, List.of("strategy", "p50", "p99", "p99.9", "round trips", "waiting side CPU", "requester CPU"), rows);
        }
        List<String> strategies = wait.labels();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        Map<String, List<Double>> p99 = new LinkedHashMap<>();
        for (String phase : wait.seriesNames()) {
            Points at = wait.series(phase);
            cpu.put(phase, values(at, strategies, TuningRecord::peerCpuPct));
            p99.put(phase, values(at, strategies, r -> r.p99Ns() / 1000));
        }
        List<String> shortNames = new ArrayList<>();
        strategies.forEach(s -> shortNames.add(s.replace(" (= BLOCKING, the default)", " (default)")
                .replace(", rings without wakeups", ", no wakeups").replace("Blocking, ", "")
                .replace("Agrona ", "").replace("IdleStrategy", "")));
        Path cpuChart = charts.resolve(TuningReport.CHART_PREFIX + "wait-cpu.png");
        Path p99Chart = charts.resolve(TuningReport.CHART_PREFIX + "wait-p99.png");
        TuningCharts.bars("Waiting side CPU by wait strategy", "% of one core", shortNames, cpu, false, cpuChart);
        TuningCharts.bars("Round-trip p99 by wait strategy", "p99 (us, log scale)", shortNames, p99, true, p99Chart);
        Md.chart(md, cpuChart, "waiting side CPU by wait strategy");
        Md.chart(md, p99Chart, "round-trip p99 by wait strategy");
        Repeats.latency(md, all);
        List<String> advice = Advice.waitByRate(wait);
        if (advice.isEmpty()) {
            Md.recommendation(md, "not measured in this run.");
        } else {
            md.append("**Recommendation (from the numbers above), by message rate:**\n\n");
            advice.forEach(a -> md.append("- ").append(Character.toUpperCase(a.charAt(0))).append(a.substring(1)).append(".\n"));
            md.append('\n');
        }
    }

    static List<Double> values(Points at, List<String> labels, java.util.function.ToDoubleFunction<TuningRecord> metric) {
        List<Double> out = new ArrayList<>();
        for (String label : labels) {
            Optional<TuningRecord> r = at.label(label);
            out.add(r.isPresent() ? metric.applyAsDouble(r.get()) : Double.NaN);
        }
        return out;
    }

    static void capacity(StringBuilder md, Points all, Path charts) {
        Points capacity = all.knob(Knob.CAPACITY);
        md.append("## 2. ").append(Knob.CAPACITY.title()).append("\n\n");
        md.append("Bytes of record area in each ring (a power of two from 1 KiB to 1 GiB, fixed at creation). A full ring"
                + " makes the producer wait; the largest inline message defaults to capacity / 8 - 16 bytes (bigger"
                + " messages travel in a block region of their own, see message size).\n\n");
        Md.code(md,
                "RingOptions options = RingOptions.ofCapacity(1 << 20);                  // 1 MiB",
                "SharedQueue<byte[]> queue = SharedQueue.create(\"orders\", options, Codecs.bytes());",
                "Pipe pipe = Pipe.open(true, options);                                   // each direction gets a ring this size");
        md.append("Measured: one-way 32-byte messages through an SPSC SharedRing (zero-copy claim/commit, consumer reads"
                + " up to 256 per call, both sides spinning).\n\n");
        Md.notes(md, capacity);
        throughputTable(md, capacity.list(), "capacity");
        Path chart = charts.resolve(TuningReport.CHART_PREFIX + "capacity.png");
        Map<String, double[][]> curves = new LinkedHashMap<>();
        for (String series : capacity.seriesNames()) {
            curves.put(series, capacity.series(series).curve(r -> r.msgsPerSec() / 1e6));
        }
        TuningCharts.curves("One-way throughput by ring capacity", "ring capacity (bytes, log scale)", "M msgs/s", curves,
                true, false, chart);
        Md.chart(md, chart, "throughput by ring capacity");
        double spread = Repeats.throughput(md, all);
        Md.recommendation(md, Advice.enough(capacity, "ring", "of", " for 32-byte messages", spread));
    }

    static void throughputTable(StringBuilder md, List<TuningRecord> records, String first) {
        TuningRecord best = new Points(records).max(TuningRecord::msgsPerSec).orElse(null);
        List<List<String>> rows = new ArrayList<>();
        for (TuningRecord r : records) {
            rows.add(List.of(r.label(), Fmt.rate(r.msgsPerSec()), Fmt.ratio(r.msgsPerSec() / best.msgsPerSec()),
                    Fmt.nanos(r.cpuNsPerMsg()), Fmt.pct(r.measurerCpuPct()), Fmt.pct(r.peerCpuPct()),
                    Fmt.bytes(r.measurerAllocPerMsg())));
        }
        Md.table(md, List.of(first, "msgs/s", "vs best", "CPU per msg (both)", "consumer CPU", "producer CPU",
                "consumer alloc/msg"), rows);
    }

    static void batch(StringBuilder md, Points all, Path charts) {
        Points batch = all.knob(Knob.BATCH);
        md.append("## 3. ").append(Knob.BATCH.title()).append("\n\n");
        md.append("How many messages a consumer takes per call. The ring's zero-copy read hands up to `limit` messages"
                + " to a handler in place; SharedQueue's `drainTo` decodes up to n elements in one call instead of one"
                + " `poll()` each. **Not exposed:** there is no batch on the producing side (each message is one"
                + " `tryClaim`/`commit` or `offer`), and a Pipe `Connection` receives one message per call.\n\n");
        Md.code(md,
                "int n = ring.read((buffer, offset, length) -> handle(buffer, offset, length), 256);  // zero-copy, up to 256",
                "List<byte[]> batch = new ArrayList<>();",
                "int taken = queue.drainTo(batch, 256);                                  // instead of 256 poll() calls");
        md.append("Measured: one-way 32-byte messages; SharedRing as for capacity (64 KiB), SharedQueue<byte[]> of 256"
                + " KiB.\n\n");
        Md.notes(md, batch);
        for (String series : batch.seriesNames()) {
            md.append("**").append(series).append("**\n\n");
            throughputTable(md, batch.series(series).list(), "consumer takes");
        }
        Points ring = batch.seriesStartingWith(TuningPlan.RING_BATCH);
        Path chart = charts.resolve(TuningReport.CHART_PREFIX + "batch.png");
        Map<String, double[][]> curves = new LinkedHashMap<>();
        for (String series : ring.seriesNames()) {
            curves.put(series, ring.series(series).curve(r -> r.msgsPerSec() / 1e6));
        }
        TuningCharts.curves("One-way throughput by consumer batch limit", "read limit (messages, log scale)", "M msgs/s",
                curves, true, false, chart);
        Md.chart(md, chart, "throughput by batch limit");
        String advice = Advice.enough(ring, "read", "with", "", Repeats.throughput(md, all));
        Points queue = batch.seriesStartingWith("SharedQueue");
        Optional<TuningRecord> poll = queue.label("poll() one by one");
        Optional<TuningRecord> drain = queue.label("drainTo(list, 256)");
        if (poll.isPresent() && drain.isPresent()) {
            advice += " " + Character.toUpperCase(Advice.drain(poll.get(), drain.get()).charAt(0))
                    + Advice.drain(poll.get(), drain.get()).substring(1);
        }
        Md.recommendation(md, advice);
    }

    static void messageSize(StringBuilder md, Points all, Path charts) {
        Points size = all.knob(Knob.MESSAGE_SIZE);
        md.append("## 4. ").append(Knob.MESSAGE_SIZE.title()).append("\n\n");
        md.append("Bytes per message. Up to the ring's max message length a message is copied into the ring inline;"
                + " above it, Pipe and SharedQueue put it in a block region of its own (a file in the ipc4j directory,"
                + " created and unlinked per message) and send its name. The default Pipe ring (256 KiB) keeps messages"
                + " up to 32 KiB - 16 B inline; a bigger ring with a higher limit keeps larger ones inline.\n\n");
        Md.code(md,
                "int capacity = 4 << 20;                                                  // 4 MiB per direction",
                "RingOptions options = RingOptions.ofCapacity(capacity).withMaxMessageLength(RingOptions.maxInline(capacity));",
                "Pipe pipe = Pipe.open(true, options);                                    // messages up to 2 MiB - 16 B stay inline",
                "end.sendBytes(message, 0, length); int n = end.recvBytesInto(buffer, 0); // no allocation for inline sizes");
        md.append("Measured: one-way `sendBytes` / `recvBytesInto` through a one-way Pipe (default BLOCKING ends), and"
                + " round trips of the same size each way (back to back).\n\n");
        Md.notes(md, size);
        Points tDefault = size.series("throughput, " + TuningPlan.DEFAULT_PIPE);
        Points tBig = size.series("throughput, " + TuningPlan.BIG_PIPE);
        Points lDefault = size.series("round trip, " + TuningPlan.DEFAULT_PIPE);
        Points lBig = size.series("round trip, " + TuningPlan.BIG_PIPE);
        List<String> labels = new ArrayList<>();
        for (Points p : List.of(tDefault, tBig, lDefault, lBig)) {
            p.byX().forEach(r -> {
                if (!labels.contains(r.label())) {
                    labels.add(r.label());
                }
            });
        }
        List<List<String>> rows = new ArrayList<>();
        for (String label : labels) {
            Optional<TuningRecord> td = tDefault.label(label);
            Optional<TuningRecord> tb = tBig.label(label);
            Optional<TuningRecord> ld = lDefault.label(label);
            Optional<TuningRecord> lb = lBig.label(label);
            rows.add(List.of(label, td.map(r -> Fmt.rate(r.msgsPerSec())).orElse("-"),
                    td.map(r -> Fmt.gbps(r.bytesPerSec())).orElse("-"), tb.map(r -> Fmt.rate(r.msgsPerSec())).orElse("-"),
                    tb.map(r -> Fmt.gbps(r.bytesPerSec())).orElse("-"), ld.map(r -> Fmt.nanos(r.p50Ns())).orElse("-"),
                    ld.map(r -> Fmt.nanos(r.p99Ns())).orElse("-"), lb.map(r -> Fmt.nanos(r.p50Ns())).orElse("-"),
                    lb.map(r -> Fmt.nanos(r.p99Ns())).orElse("-")));
        }
        Md.table(md, List.of("size", "default pipe msgs/s", "default pipe GB/s", "4 MiB ring msgs/s", "4 MiB ring GB/s",
                "default RTT p50", "default RTT p99", "4 MiB ring RTT p50", "4 MiB ring RTT p99"), rows);
        Path throughputChart = charts.resolve(TuningReport.CHART_PREFIX + "size-throughput.png");
        Path latencyChart = charts.resolve(TuningReport.CHART_PREFIX + "size-latency.png");
        Map<String, double[][]> gb = new LinkedHashMap<>();
        gb.put(TuningPlan.DEFAULT_PIPE, tDefault.curve(r -> r.bytesPerSec() / 1e9));
        gb.put(TuningPlan.BIG_PIPE, tBig.curve(r -> r.bytesPerSec() / 1e9));
        TuningCharts.curves("One-way throughput by message size", "message size (bytes, log scale)", "GB/s", gb, true, false,
                throughputChart);
        Map<String, double[][]> rtt = new LinkedHashMap<>();
        rtt.put("p50, " + TuningPlan.DEFAULT_PIPE, lDefault.curve(r -> r.p50Ns() / 1000));
        rtt.put("p50, " + TuningPlan.BIG_PIPE, lBig.curve(r -> r.p50Ns() / 1000));
        rtt.put("p99, " + TuningPlan.DEFAULT_PIPE, lDefault.curve(r -> r.p99Ns() / 1000));
        rtt.put("p99, " + TuningPlan.BIG_PIPE, lBig.curve(r -> r.p99Ns() / 1000));
        TuningCharts.curves("Round trip by message size", "message size (bytes, log scale)", "round trip (us, log scale)",
                rtt, true, true, latencyChart);
        Md.chart(md, throughputChart, "throughput by message size");
        Md.chart(md, latencyChart, "round trip by message size");
        Md.recommendation(md, Advice.size(tDefault, tBig));
    }
}
