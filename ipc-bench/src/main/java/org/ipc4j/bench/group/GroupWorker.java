package org.ipc4j.bench.group;

import java.util.List;

import org.ipc4j.bench.harness.Args;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.harness.PeerProtocol;
import org.ipc4j.bench.harness.Workloads;

/**
 * One worker JVM of a {@link GroupWorkload}: attaches, prints READY, then steps the current phase (idling
 * while the phase does not include it) and publishes its running count until STOP.
 */
public final class GroupWorker {
    private static final int STEPS_PER_PUBLISH = 16;
    private static final int SPINS_BEFORE_YIELD = 100;

    private GroupWorker() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        PeerProtocol.watchInput();
        GroupWorkload workload = Workloads.instantiate(args.get("workload"), GroupWorkload.class);
        BenchContext context = new BenchContext(args.get("runId"), args.withPrefix("ctx."));
        int worker = Integer.parseInt(context.get(GroupWorkload.WORKER));
        try (workload; GroupControl control = GroupControl.open(context.get("control"))) {
            workload.attach(context);
            System.out.println(PeerProtocol.READY);
            long done = run(workload, control, worker);
            System.out.println("worker " + worker + " completed " + done);
        }
        System.exit(0);
    }

    private static long run(GroupWorkload workload, GroupControl control, int worker) throws Exception {
        List<GroupWorkload.Phase> phases = workload.phases();
        long done = 0;
        int idle = 0;
        while (!PeerProtocol.stopRequested()) {
            int phase = control.phase();
            if (phase == GroupControl.NOT_STARTED || worker >= phases.get(phase).activeWorkers()) {
                Thread.sleep(1);
                continue;
            }
            for (int i = 0; i < STEPS_PER_PUBLISH; i++) {
                long n = workload.step(worker, phase);
                done += n;
                if (n > 0) {
                    idle = 0;
                } else if (++idle < SPINS_BEFORE_YIELD) {
                    Thread.onSpinWait();
                } else {
                    // more busy workers than cores here: let the others run
                    Thread.yield();
                }
            }
            control.publish(worker, done);
        }
        return done;
    }
}
