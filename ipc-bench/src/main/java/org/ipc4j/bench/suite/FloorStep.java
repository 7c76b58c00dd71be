package org.ipc4j.bench.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The hardware floor: compiles {@code ipc-bench/src/main/c/floor.c} with {@code cc -O2} (once per run) and
 * runs it; its CSV lands in {@code raw/latency/floor-r<rep>.csv}. Skipped with a note where cc is missing.
 */
final class FloorStep extends ProcessStep {
    private final int rep;
    private final long roundTrips;
    private final long warmupMillis;

    FloorStep(int rep, long roundTrips, long warmupMillis) {
        this.rep = rep;
        this.roundTrips = roundTrips;
        this.warmupMillis = warmupMillis;
    }

    @Override
    public String title() {
        return "floor C cache-line and futex round trips (rep " + rep + ")";
    }

    @Override
    public double estimatedSeconds() {
        return 2.0 * warmupMillis / 1000 + roundTrips * 15e-6 + 1;
    }

    @Override
    public String run(StepEnv env) throws Exception {
        Path cc = onPath("cc");
        if (cc == null) {
            return "no C compiler (cc) on the PATH: the hardware floor was not measured";
        }
        Path binary = env.benchModule().resolve("target").resolve("floor");
        Path source = env.benchModule().resolve("src/main/c/floor.c");
        if (!Files.exists(binary) || Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(source)) < 0) {
            execute(List.of(cc.toString(), "-O2", "-o", binary.toString(), source.toString()), null, env, 120);
        }
        List<String> command = new ArrayList<>(List.of(binary.toString(), Long.toString(roundTrips),
                Long.toString(warmupMillis), Integer.toString(rep)));
        if (env.placement().pinned()) {
            command.addAll(List.of(env.placement().spec().split(",")));
        }
        execute(command, env.raw().resolve("latency").resolve("floor-r" + rep + ".csv"), env,
                (long) (estimatedSeconds() * 4 + 60));
        return null;
    }
}
