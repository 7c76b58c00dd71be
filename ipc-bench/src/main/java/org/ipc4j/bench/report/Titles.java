package org.ipc4j.bench.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each workload and score group is called in the report, what it measures, and, where ipc4j has no
 * row yet, which ipc4j feature will fill it. The order here is the order of the report's sections.
 */
final class Titles {
    record Entry(String title, String description, String pendingIpc4j) {
    }

    static final Map<String, Entry> WORKLOADS = new LinkedHashMap<>();
    static final Map<String, Entry> GROUPS = new LinkedHashMap<>();

    static {
        WORKLOADS.put("spin-rtt", new Entry("Cache-line round trip, busy-spin",
                "A value goes to the other process through one shared cache line and comes back; both sides spin."
                        + " The floor under every busy-spinning ipc4j primitive.", ""));
        WORKLOADS.put("futex-rtt", new Entry("Wake-up round trip, both sides sleeping",
                "Each side sleeps on a futex word until the other wakes it: what a blocked lock, event or queue pays"
                        + " once its waiter has gone to sleep.", ""));
        WORKLOADS.put("msg32-rtt", new Entry("32-byte message round trip",
                "A 32-byte request goes to the other process, which sends it back. ipc4j's rows: the APIs users"
                        + " call first (Pipe: Connection.sendBytes / recvBytesInto; a pair of SharedQueue<byte[]>:"
                        + " put / take), then its raw SPSC SharedRing pair (zero-copy); the last two columns divide"
                        + " every row by Agrona's OneToOneRingBuffer.",
                "ipc4j Pipe / SharedQueue over its SPSC and MPMC rings (issue 4)"));
        WORKLOADS.put("lock-handoff", new Entry("Inter-process lock, contended by two processes",
                "Both processes loop lock, write a word under the lock, unlock; the time of one lock+write+unlock.",
                "ipc4j SharedLock (issue 3)"));
        WORKLOADS.put("event-rtt", new Entry("SharedEvent set-to-wake, round trip",
                "Each process awaits an event, clears it and sets the other's: one round trip is two set-to-wake"
                        + " latencies.", ""));
        WORKLOADS.put("semaphore-ping-pong", new Entry("Semaphore ping-pong",
                "Two semaphores of 0 permits: one process releases, the other acquires and releases the second.",
                ""));
        GROUPS.put("one-way-throughput", new Entry("One-way 32-byte messages between two processes",
                "A producer process sends 32-byte messages as fast as it can; the consumer counts what arrives."
                        + " ipc4j's rows: Pipe, the API users call (sendBytes / poll + recvBytesInto, one message per"
                        + " call), then its raw SPSC SharedRing (zero-copy tryClaim/commit, reads in batches), each"
                        + " over Agrona's OneToOneRingBuffer.",
                "ipc4j SharedQueue / Pipe (issue 4)"));
        GROUPS.put("one-way-throughput-mpmc", new Entry("One-way 32-byte messages through multi-producer rings",
                "The same workload through rings whose producers claim with a CAS, and through SharedQueue<byte[]>"
                        + " (offer / poll, the API users call, over ipc4j's MPMC ring); one producer process and one"
                        + " consumer here (the harness runs one producer JVM). Each ipc4j column over Agrona's"
                        + " ManyToOneRingBuffer.", ""));
        GROUPS.put("one-way-throughput-2p2c", new Entry("One-way 32-byte messages, 2 producer and 2 (or 1) consumer processes",
                "Two producer processes send 32-byte messages as fast as they can through one queue or ring, two"
                        + " consumer processes take them (msg32-2p2c: 4 processes on this 2-core machine), then one"
                        + " (msg32-2p1c); the total received per second. Agrona's ManyToOneRingBuffer allows one"
                        + " consumer only, so it has the 2p1c row only.", ""));
        GROUPS.put("one-way-large", new Entry("One-way large messages (64 KiB to 256 MiB) between two processes",
                "A producer process sends messages of one size as fast as it can; the consumer receives each into"
                        + " memory of its own and checks it. One row per size, measured one after the other with the"
                        + " same processes; gigabytes (10^9 bytes) per second. The memcpy row is one thread copying"
                        + " the message from one array to another: the machine's bound for a transfer that copies"
                        + " twice (in and out of shared memory) is about half of it. Transports without a row for a"
                        + " size do not carry messages that large (Agrona's 16 MiB ring takes at most 2 MiB).", ""));
        GROUPS.put("object-queue-throughput", new Entry("Objects through a queue between two processes",
                "A producer process puts 32-character strings as fast as it can; the consumer takes and decodes each.",
                ""));
        GROUPS.put("mapped-access", new Entry("Access to a mapped file: MappedBytes vs UnsafeBuffer",
                "One thread, one long in a memory-mapped file in /dev/shm. ipc4j's MappedBytes checks each offset"
                        + " against the mapping and accesses it at its address through sun.misc.Unsafe (JDK 17-21, no"
                        + " flag) or a java.lang.foreign segment (22+); Agrona's UnsafeBuffer needs --add-opens"
                        + " java.base/jdk.internal.misc on 17+.", ""));
        GROUPS.put("op-cost", new Entry("Per-operation cost in one process, uncontended",
                "Lock acquire+release, a counter increment (Python: Value under its lock), map get and put of"
                        + " 1024 String keys (Python: Manager().dict()), list get, set and append+pop of 1024 longs"
                        + " (ipc4j SharedList; Python: Manager().list()), and a namespace attribute's get and set"
                        + " (ipc4j SharedNamespace; Python: Manager().Namespace()), with nobody else contending.",
                "ipc4j SharedLock, SharedLong (issues 3 and 5)"));
        GROUPS.put("shared-counter", new Entry("Shared counter from 1 and from 2 processes",
                "Each process increments one shared 64-bit counter in a loop (ipc4j: SharedLong.incrementAndGet;"
                        + " Python: with v.get_lock(): v.value += 1); the total increments per second of all the"
                        + " processes.", ""));
        GROUPS.put("shared-map", new Entry("Shared map get and put from 1 and from 2 processes",
                "Each process gets (or puts) the same 1024 String keys in turn, Long values, on one map shared by"
                        + " the processes; the total operations per second of all the processes. Python's"
                        + " Manager().dict() goes through a server process.", ""));
        GROUPS.put("pipe-queue-api", new Entry("Pipe and SharedQueue<byte[]>, the APIs users call, in one thread",
                "One 32-byte message per operation, one thread, 64 KiB rings: pipe-send-bytes-recv-bytes-into is a"
                        + " one-way Pipe's Connection.sendBytes(byte[], 0, 32) + recvBytesInto(byte[]) against"
                        + " Agrona's OneToOneRingBuffer, queue-offer-poll a SharedQueue<byte[]>'s offer(byte[32]) +"
                        + " poll() against its ManyToOneRingBuffer; Agrona copies the same array in with write and"
                        + " out into a reused array in the read handler. Allocation from JMH -prof gc: the pipe's"
                        + " buffer path must be 0 B/op; SharedQueue.poll() returns a new array per element (a"
                        + " byte[32] is 48 B).", ""));
        GROUPS.put("ring-zero-copy", new Entry("Zero-copy ring API in one thread",
                "tryClaim + write 32 bytes in place + commit + read in place, one thread; spsc is ipc4j's SPSC"
                        + " SharedRing against Agrona's OneToOneRingBuffer, mpmc its MPMC SharedRing against"
                        + " ManyToOneRingBuffer, both over a mapped file. Allocation from JMH -prof gc must be 0 B/op.",
                ""));
        GROUPS.put("pool", new Entry("Process pool", "Trivial tasks through a pool of 2 worker processes. pool-map-first is"
                        + " the first map of a fresh pool (one sample per repetition); pool-map the maps after the"
                        + " warm-up seconds of maps, on both sides.",
                "ipc4j ProcessPool (issue 6)"));
        GROUPS.put("process-start", new Entry("Process start",
                "Start a process that sets an event and ends: time until the event is set (running) and until join"
                        + " returns.",
                "ipc4j JvmProcess (issue 6)"));
    }

    private Titles() {
    }

    static Entry workload(String id) {
        return WORKLOADS.getOrDefault(id, new Entry(id, "", ""));
    }

    static Entry group(String id) {
        return GROUPS.getOrDefault(id, new Entry(id, "", ""));
    }

    /** The position of {@code id} in the report, unknown ids last. */
    static int order(Map<String, Entry> entries, String id) {
        int i = 0;
        for (String key : entries.keySet()) {
            if (key.equals(id)) {
                return i;
            }
            i++;
        }
        return Integer.MAX_VALUE;
    }
}
