package org.ipc4j.bench.tuning;

import org.ipc4j.bench.harness.Args;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.harness.PeerProtocol;
import org.ipc4j.bench.harness.Workloads;
import org.ipc4j.bench.throughput.OneWayWorkload;

/**
 * The producing peer of a throughput point: attaches, prints READY, offers messages until STOP, then prints
 * {@code produced <messages> allocated <bytes>} (bytes its sending thread allocated meanwhile).
 */
public final class CountingProducer {
    static final String PRODUCED = "produced ";

    private CountingProducer() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        PeerProtocol.watchInput();
        OneWayWorkload workload = Workloads.instantiate(args.get("workload"), OneWayWorkload.class);
        try (workload) {
            workload.attach(new BenchContext(args.get("runId"), args.withPrefix("ctx.")));
            System.out.println(PeerProtocol.READY);
            long allocatedBefore = MeasuringSide.allocatedBytes();
            long sequence = 0;
            while (!PeerProtocol.stopRequested()) {
                if (workload.offer(sequence)) {
                    sequence++;
                } else {
                    Thread.onSpinWait();
                }
            }
            System.out.println(PRODUCED + sequence + " allocated " + (MeasuringSide.allocatedBytes() - allocatedBefore));
        }
        System.exit(0);
    }

    /** {messages, bytes} from the producer's last line, or null if it printed none. */
    static long[] parse(String output) {
        for (String line : output.split("\n")) {
            if (line.startsWith(PRODUCED)) {
                String[] parts = line.split(" ");
                return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[3])};
            }
        }
        return null;
    }
}
