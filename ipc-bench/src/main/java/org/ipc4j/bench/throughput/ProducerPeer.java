package org.ipc4j.bench.throughput;

import org.ipc4j.bench.harness.Args;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.harness.PeerProtocol;
import org.ipc4j.bench.harness.Workloads;

/** The producing peer JVM of a throughput benchmark: attaches, prints READY, offers messages until STOP. */
public final class ProducerPeer {
    private ProducerPeer() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        PeerProtocol.watchInput();
        OneWayWorkload workload = Workloads.instantiate(args.get("workload"), OneWayWorkload.class);
        try (workload) {
            workload.attach(new BenchContext(args.get("runId"), args.withPrefix("ctx.")));
            System.out.println(PeerProtocol.READY);
            long sequence = 0;
            while (!PeerProtocol.stopRequested()) {
                if (workload.offer(sequence)) {
                    sequence++;
                } else {
                    Thread.onSpinWait();
                }
            }
            System.out.println("sent " + sequence + " messages");
        }
        System.exit(0);
    }
}
