package org.ipc4j.bench.tuning;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The guide's sections on what surrounds the transport: codec, JVM options, CPU placement. */
final class RuntimeSections {
    private RuntimeSections() {
    }

    static void codec(StringBuilder md, Points all, Path charts) {
        Points codecs = all.knob(Knob.CODEC);
        md.append("## 5. ").append(Knob.CODEC.title()).append("\n\n");
        md.append("How SharedQueue, Pipe (`send`/`recv`) and SharedMap turn objects into bytes. The built-in codecs write"
                + " byte arrays, strings, ByteBuffers and boxed primitives directly; anything else falls back to Java"
                + " serialisation. Every process must use the same codec (the queue stores its id and checks it).\n\n");
        Md.code(md,
                "SharedQueue<String> q = SharedQueue.create(\"events\", 256 * 1024, Codecs.strings());",
                "SharedQueue<Long> ids = SharedQueue.create(\"ids\", 256 * 1024, Codecs.longs());",
                "SharedQueue<Quote> quotes = SharedQueue.create(\"quotes\", 256 * 1024, Codecs.forClass(Quote.class)); // Serializable fallback",
                "Pipe pipe = Pipe.open(true, RingOptions.ofCapacity(Pipe.DEFAULT_CAPACITY), Codecs.strings());   // Pipe's default is serialisation");
        md.append("Measured: one-way through a 256 KiB SharedQueue, consumer `poll()` up to 256 per call: `bytes` = a"
                + " 32-byte array, `bytebuffer` = 32 bytes, `string` = 32 ASCII characters, `long` = a boxed Long,"
                + " `serial` = a record (long, String, double) through Java serialisation. Allocation is measured per"
                + " thread (ThreadMXBean): the receiver's includes the decoded element, the producer's includes building the"
                + " element (a new String, Long or record each time; the byte array and ByteBuffer are reused).\n\n");
        Md.notes(md, codecs);
        List<List<String>> rows = new ArrayList<>();
        TuningRecord best = codecs.max(TuningRecord::msgsPerSec).orElse(null);
        for (TuningRecord r : codecs.list()) {
            rows.add(List.of(r.label(), Fmt.rate(r.msgsPerSec()), Fmt.ratio(r.msgsPerSec() / best.msgsPerSec()),
                    Fmt.nanos(r.cpuNsPerMsg()), Fmt.bytes(r.measurerAllocPerMsg()), Fmt.bytes(r.peerAllocPerMsg())));
        }
        Md.table(md, List.of("codec", "msgs/s", "vs best", "CPU per msg (both)", "receiver alloc/msg", "producer alloc/msg"), rows);
        Path chart = charts.resolve(TuningReport.CHART_PREFIX + "codec.png");
        Map<String, List<Double>> bars = new LinkedHashMap<>();
        bars.put("M msgs/s", TransportSections.values(codecs, codecs.labels(), r -> r.msgsPerSec() / 1e6));
        TuningCharts.bars("SharedQueue throughput by codec", "M msgs/s", codecs.labels(), bars, false, chart);
        Md.chart(md, chart, "throughput by codec");
        Md.recommendation(md, Advice.codec(codecs));
    }

    static void jvm(StringBuilder md, Points all, Path charts) {
        Points jvm = all.knob(Knob.JVM);
        md.append("## 6. ").append(Knob.JVM.title()).append("\n\n");
        md.append("ipc-core needs no JVM flags, and its hot paths allocate nothing, so heap and GC matter only as far as"
                + " the application allocates around them. To show that effect the sweep uses an allocating load:"
                + " `Pipe.send(Object)` / `recv()` of a `long[4]` through the Pipe's default codec (Java serialisation,"
                + " a few KB of garbage per message), both JVMs with the same options, both ends BLOCKING, back to back."
                + " GC counts are the measuring JVM's during the measured phase (for ZGC they include concurrent"
                + " cycles).\n\n");
        md.append("```sh\njava -XX:+UseParallelGC -Xms1g -Xmx1g -cp app.jar com.example.Main   # the same for every process\n```\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (TuningRecord r : jvm.list()) {
            rows.add(List.of(r.series(), r.label(), Fmt.nanos(r.p50Ns()), Fmt.nanos(r.p99Ns()), Fmt.nanos(r.p999Ns()),
                    Fmt.nanos(r.maxNs()), Fmt.rate(r.msgsPerSec()), Fmt.count(r.gcCount()), Fmt.count(r.gcMillis())));
        }
        Md.table(md, List.of("heap", "GC", "p50", "p99", "p99.9", "max", "round trips", "GCs", "GC ms"), rows);
        Path chart = charts.resolve(TuningReport.CHART_PREFIX + "jvm.png");
        Map<String, List<Double>> bars = new LinkedHashMap<>();
        for (String heap : jvm.seriesNames()) {
            bars.put("p99.9, " + heap, TransportSections.values(jvm.series(heap), jvm.labels(), r -> r.p999Ns() / 1000));
        }
        TuningCharts.bars("Round-trip p99.9 by heap and GC (allocating load)", "p99.9 (us)", jvm.labels(), bars, false, chart);
        Md.chart(md, chart, "p99.9 by heap and GC");
        Md.recommendation(md, Advice.jvm(jvm));
    }

    static void placement(StringBuilder md, Points all, Path charts, boolean taskset) {
        Points placement = all.knob(Knob.PLACEMENT);
        md.append("## 7. ").append(Knob.PLACEMENT.title()).append("\n\n");
        md.append("Which CPUs the processes run on. **Not exposed by ipc4j:** there is no affinity API; set it from"
                + " outside with `taskset` (or cgroups / `numactl`). The sweep pins the measuring JVM and its peer to"
                + " different cores, to the same core, or leaves both to the scheduler. Pinning a JVM to one CPU also"
                + " puts its JIT and GC threads on that CPU.\n\n");
        md.append("```sh\ntaskset -c 0 java -cp app.jar com.example.Producer &\ntaskset -c 1 java -cp app.jar com.example.Consumer\n"
                + "bench/run full --pin 0,1      # the suite, pinned\n```\n\n");
        if (!taskset) {
            md.append("_taskset was not available on this machine: only the unpinned case was measured._\n\n");
        }
        List<String> labels = placement.labels();
        List<List<String>> rows = new ArrayList<>();
        for (String series : placement.seriesNames()) {
            for (String label : labels) {
                Optional<TuningRecord> r = placement.series(series).label(label);
                if (r.isEmpty()) {
                    continue;
                }
                TuningRecord p = r.get();
                boolean latency = !Double.isNaN(p.p50Ns());
                rows.add(List.of(series, label, latency ? Fmt.nanos(p.p50Ns()) : "-", latency ? Fmt.nanos(p.p99Ns()) : "-",
                        Fmt.rate(p.msgsPerSec()), Fmt.pct(p.measurerCpuPct()), Fmt.pct(p.peerCpuPct())));
            }
        }
        Md.table(md, List.of("measurement", "placement", "p50", "p99", "msgs/s (one-way) or round trips/s",
                "measuring JVM CPU", "peer CPU"), rows);
        Path chart = charts.resolve(TuningReport.CHART_PREFIX + "placement.png");
        Map<String, List<Double>> bars = new LinkedHashMap<>();
        for (String series : placement.seriesNames()) {
            if (series.startsWith("round trip")) {
                bars.put("p50, " + series, TransportSections.values(placement.series(series), labels, r -> r.p50Ns() / 1000));
            }
        }
        TuningCharts.bars("Round-trip p50 by CPU placement", "p50 (us, log scale)", labels, bars, true, chart);
        Md.chart(md, chart, "round-trip p50 by CPU placement");
        Repeats.latency(md, all);
        Repeats.throughput(md, all);
        Md.recommendation(md, Advice.placement(placement));
    }
}
