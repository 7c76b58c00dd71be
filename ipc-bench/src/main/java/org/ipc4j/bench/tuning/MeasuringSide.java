package org.ipc4j.bench.tuning;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ipc4j.bench.harness.Args;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.harness.CrossProcessWorkload;
import org.ipc4j.bench.harness.PeerJvm;
import org.ipc4j.bench.harness.PeerProtocol;
import org.ipc4j.bench.harness.Placement;

/**
 * What the two measuring mains of the sweep share: the point's identity from the arguments ({@code knob},
 * {@code series}, {@code label}, {@code x}, {@code note}), starting the peer JVM with the case's JVM options
 * ({@code jvm}, space separated) and CPU ({@code cpus=A,B}), and readings of CPU, allocation and GC.
 */
final class MeasuringSide {
    private final Args args;
    private final Placement placement;

    MeasuringSide(Args args) {
        this.args = args;
        this.placement = Placement.parse(args.get("cpus", ""));
    }

    TuningRecord point() {
        return TuningRecord.of(Knob.parse(args.get("knob")), args.get("series"), args.get("label"),
                Double.parseDouble(args.get("x", "NaN")));
    }

    String note() {
        String note = args.get("note", "");
        return placement.pinned() ? (note.isEmpty() ? "" : note + "; ") + placement.describe() : note;
    }

    Path out() {
        return Path.of(args.get("out"));
    }

    BenchContext context() {
        return new BenchContext(args.get("runId"), args.withPrefix("ctx."));
    }

    /** Starts {@code peerMain} for {@code workload} (already created) and waits until it is ready. */
    PeerJvm startPeer(String peerMain, CrossProcessWorkload workload, BenchContext context) {
        Map<String, String> peerArgs = new LinkedHashMap<>();
        context.properties().forEach((k, v) -> peerArgs.put("ctx." + k, v));
        peerArgs.put("workload", workload.getClass().getName());
        peerArgs.put("runId", context.runId());
        PeerJvm peer = PeerJvm.builder(peerMain).jvmArgs(jvmOptions(args.get("jvm", "")))
                .prefix(placement.peerPrefix()).args(Args.of(peerArgs).toList()).start();
        peer.awaitLine(PeerProtocol.READY, Duration.ofSeconds(60));
        return peer;
    }

    static List<String> jvmOptions(String spaceSeparated) {
        List<String> options = new ArrayList<>();
        Arrays.stream(spaceSeparated.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(options::add);
        return options;
    }

    /** Bytes allocated so far by the calling thread. */
    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** {collections, milliseconds} summed over this JVM's collectors. */
    static long[] gc() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, bean.getCollectionCount());
            millis += Math.max(0, bean.getCollectionTime());
        }
        return new long[] {count, millis};
    }
}
