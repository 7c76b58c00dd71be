package org.ipc4j.bench.workloads;

/** The workload ids shared by ipc4j, the Java peers, the Python scripts and the C floor (one table each). */
public final class WorkloadIds {
    /** Round trip of a value through one shared cache line, both sides busy-spinning. */
    public static final String SPIN_RTT = "spin-rtt";
    /** Round trip where each side sleeps on a futex until the other wakes it. */
    public static final String FUTEX_RTT = "futex-rtt";
    /** Round trip of a 32-byte message. */
    public static final String MSG32_RTT = "msg32-rtt";
    /** A lock passed back and forth between two processes, with a value written under it. */
    public static final String LOCK_HANDOFF = "lock-handoff";
    /** One-way 32-byte messages from one process to another. */
    public static final String MSG32_ONE_WAY = "msg32-one-way";
    /** Score group of the one-way message workloads. */
    public static final String ONE_WAY_GROUP = "one-way-throughput";

    private WorkloadIds() {
    }
}
