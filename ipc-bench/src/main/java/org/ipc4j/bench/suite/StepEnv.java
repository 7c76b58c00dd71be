package org.ipc4j.bench.suite;

import java.nio.file.Path;
import java.util.function.Consumer;

import org.ipc4j.bench.harness.Placement;

/**
 * What a step runs with: the repository root, the results directory ({@code raw/} is where steps write),
 * the run's ipc4j directory, the CPU placement, the run id, and where progress lines go.
 */
record StepEnv(Path repo, Path results, Path workDir, Placement placement, String runId, Consumer<String> progress) {
    Path raw() {
        return results.resolve("raw");
    }

    Path benchModule() {
        return repo.resolve("ipc-bench");
    }
}
