package org.ipc4j.bench.suite;

/** One unit of the suite's plan: a measurement (or a group of them) that runs in its own process(es). */
interface Step {
    String title();

    /** For the progress display; the board scales estimates by how the finished steps compared. */
    double estimatedSeconds();

    /** Runs the step; returns null when done, or a note saying why it was skipped; throws when it failed. */
    String run(StepEnv env) throws Exception;
}
