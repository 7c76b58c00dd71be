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
    /** Score group of one-way 32-byte messages between hosts' APIs (ipc-net over Aeron UDP, TCP), on loopback. */
    public static final String NET_ONE_WAY_GROUP = "one-way-throughput-net";
    /** Score group of objects through a queue (ipc4j SharedQueue, Python Queue). */
    public static final String OBJECT_QUEUE_GROUP = "object-queue-throughput";

    /** Score group of a shared counter incremented by 1 and by 2 processes at once (ops/s in total). */
    public static final String SHARED_COUNTER_GROUP = "shared-counter";
    /** Score group of a shared map's get and put by 1 and by 2 processes at once (ops/s in total). */
    public static final String SHARED_MAP_GROUP = "shared-map";
    /** Score group of 32-byte messages from 2 producer processes to 2 (or 1) consumer processes (msgs/s in total). */
    public static final String TWO_BY_TWO_GROUP = "one-way-throughput-2p2c";
    /** Score group of one-way large messages, 64 KiB to 256 MiB (GB/s). */
    public static final String LARGE_MESSAGE_GROUP = "one-way-large";
    /** One-way 32-byte messages, 2 producer processes and 2 consumer processes. */
    public static final String MSG32_TWO_BY_TWO = "msg32-2p2c";
    /** One-way 32-byte messages, 2 producer processes and 1 consumer process (what Agrona's ManyToOne allows). */
    public static final String MSG32_TWO_BY_ONE = "msg32-2p1c";
    /** One-way 1 MiB messages from one process to another. */
    public static final String MSG1M_ONE_WAY = "msg1m-one-way";

    /** One-way messages of {@code bytes} (a whole number of KiB) from one process to another: msg64k-one-way, msg1m-one-way. */
    public static String largeOneWay(int bytes) {
        return bytes % (1 << 20) == 0 ? "msg" + (bytes >> 20) + "m-one-way" : "msg" + (bytes >> 10) + "k-one-way";
    }
    /** Rows of the shared counter and shared map groups: the operation and how many processes run it. */
    public static final String INCREMENT_1P = "increment-1-process";
    public static final String INCREMENT_2P = "increment-2-processes";
    public static final String MAP_GET_1P = "get-1-process";
    public static final String MAP_GET_2P = "get-2-processes";
    public static final String MAP_PUT_1P = "put-1-process";
    public static final String MAP_PUT_2P = "put-2-processes";

    private WorkloadIds() {
    }
}
