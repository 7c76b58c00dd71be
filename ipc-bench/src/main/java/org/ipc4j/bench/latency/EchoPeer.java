package org.ipc4j.bench.latency;

import org.ipc4j.bench.harness.Args;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.harness.PeerProtocol;
import org.ipc4j.bench.harness.Workloads;

/** The peer JVM of a round-trip benchmark: attaches, prints READY, serves round trips until STOP. */
public final class EchoPeer {
    private EchoPeer() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        PeerProtocol.watchInput();
        RoundTripWorkload workload = Workloads.instantiate(args.get("workload"), RoundTripWorkload.class);
        try (workload) {
            workload.attach(new BenchContext(args.get("runId"), args.withPrefix("ctx.")));
            System.out.println(PeerProtocol.READY);
            long served = 0;
            while (workload.pong() != RoundTripWorkload.STOP) {
                served++;
            }
            System.out.println("served " + served + " round trips");
        }
        System.exit(0);
    }
}
