package org.ipc4j.bench.group;

import org.ipc4j.bench.throughput.ThroughputSettings;

/**
 * Warm-up and windows of each phase of a {@link GroupWorkload}: shorter than the two-JVM throughput runs, as
 * every phase of every group workload pays them and the full suite has a time budget.
 */
public final class GroupSettings {
    private GroupSettings() {
    }

    /** For the suite's mode id ("quick" or "full"). */
    public static ThroughputSettings of(String mode) {
        return "full".equals(mode) ? new ThroughputSettings(1_000, 3, 500) : new ThroughputSettings(200, 2, 200);
    }
}
