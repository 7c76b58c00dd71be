package org.ipc4j.bench.group;

import java.util.List;

import org.ipc4j.bench.harness.CrossProcessWorkload;

/**
 * A workload run by several worker JVMs at once (two JVMs incrementing one counter, two producers and two
 * consumers of one queue..), measured by a coordinating JVM that does no work itself: it
 * {@linkplain #create creates} the shared resources, starts {@link #workers()} {@link GroupWorker}s, each of
 * which {@linkplain #attach attaches} (its index is {@link #WORKER} in the context), and counts what the
 * counting workers report, phase by phase. Steps may allocate where the API under test does (a decoded value).
 */
public interface GroupWorkload extends CrossProcessWorkload {
    /** The context property holding a worker's index, 0-based. */
    String WORKER = "worker";

    /** One row of the group's table: its workload id and how many workers (the first ones) take part. */
    record Phase(String workload, int activeWorkers) {
    }

    /** The score group (table) the phases report into. */
    String group();

    int workers();

    /** Rows measured one after the other, with the same JVMs. */
    List<Phase> phases();

    /** Whether {@code worker}'s steps are counted (consumers are, producers are not). */
    default boolean counts(int worker) {
        return true;
    }

    /** The unit of the reported rate. */
    default String unit() {
        return "ops/s";
    }

    /** What one counted step unit is worth in {@link #unit()} per second (e.g. bytes / 1e9 for GB/s). */
    default double unitsPerCount() {
        return 1;
    }

    /**
     * Worker {@code worker} does a little work of phase {@code phase} (a few operations, one message);
     * returns how many units it completed, 0 if it could make no progress now (the harness then backs off).
     */
    long step(int worker, int phase) throws Exception;
}
