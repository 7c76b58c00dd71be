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
    /** One-way 32-character strings through an object queue (ipc4j SharedQueue<String>, Python Queue). */
    public static final String STR32_ONE_WAY = "str32-one-way";
    /** Two semaphores passed back and forth between two processes. */
    public static final String SEMAPHORE_PING_PONG = "semaphore-ping-pong";
    /** Two events set and awaited in turn by two processes: two set-to-wake latencies per round trip. */
    public static final String EVENT_RTT = "event-rtt";
    /** Score group of the one-way message workloads. */
    public static final String ONE_WAY_GROUP = "one-way-throughput";

    /** Score group of the one-way workloads through multi-producer rings (Agrona ManyToOne, ipc4j MPMC). */
    public static final String ONE_WAY_MPMC_GROUP = "one-way-throughput-mpmc";
    /** Score group of objects through a queue (ipc4j SharedQueue, Python Queue). */
    public static final String OBJECT_QUEUE_GROUP = "object-queue-throughput";

    private WorkloadIds() {
    }
}
