package org.ipc4j.bench.suite;

import java.nio.file.Path;
import java.util.List;

/**
 * The Python multiprocessing peers ({@code ipc-bench/src/main/python/mp_bench.py}); they write their own
 * CSV files under {@code raw/}. Skipped with a note where python3 is missing.
 */
final class PythonStep extends ProcessStep {
    private final Mode mode;

    PythonStep(Mode mode) {
        this.mode = mode;
    }

    @Override
    public String title() {
        return "python multiprocessing peers";
    }

    @Override
    public double estimatedSeconds() {
        return mode == Mode.QUICK ? 12 : 75;
    }

    @Override
    public String run(StepEnv env) throws Exception {
        Path python = onPath("python3");
        if (python == null) {
            return "no python3 on the PATH: the Python multiprocessing peers were not measured";
        }
        execute(List.of(python.toString(), env.benchModule().resolve("src/main/python/mp_bench.py").toString(),
                mode.id(), env.raw().toString()), null, env, (long) (estimatedSeconds() * 4 + 60));
        return null;
    }
}
