package org.ipc4j.bench.suite;

import java.util.List;

import org.ipc4j.bench.group.GroupWorkload;
import org.ipc4j.bench.latency.RoundTripWorkload;
import org.ipc4j.bench.throughput.OneWayWorkload;
import org.ipc4j.bench.workloads.AgronaManyToOneTwoByOne;
import org.ipc4j.bench.workloads.AgronaRingLarge;
import org.ipc4j.bench.workloads.AgronaRingOneWay;
import org.ipc4j.bench.workloads.AgronaRingRoundTrip;
import org.ipc4j.bench.workloads.ChronicleLarge;
import org.ipc4j.bench.workloads.ChronicleMapOps;
import org.ipc4j.bench.workloads.ChronicleOneWay;
import org.ipc4j.bench.workloads.ChronicleRoundTrip;
import org.ipc4j.bench.workloads.FileLockHandoff;
import org.ipc4j.bench.workloads.FutexWordRoundTrip;
import org.ipc4j.bench.workloads.Ipc4jPipeLarge;
import org.ipc4j.bench.workloads.Ipc4jPipeOneWay;
import org.ipc4j.bench.workloads.Ipc4jPipeRoundTrip;
import org.ipc4j.bench.workloads.Ipc4jRingOneWay;
import org.ipc4j.bench.workloads.Ipc4jRingRoundTrip;
import org.ipc4j.bench.workloads.Ipc4jRingTwoByTwo;
import org.ipc4j.bench.workloads.MemcpyLarge;
import org.ipc4j.bench.workloads.NetConnectionLarge;
import org.ipc4j.bench.workloads.NetConnectionRoundTrip;
import org.ipc4j.bench.workloads.NetOneWay;
import org.ipc4j.bench.workloads.SharedEventRoundTrip;
import org.ipc4j.bench.workloads.SharedLockHandoff;
import org.ipc4j.bench.workloads.SharedLongIncrement;
import org.ipc4j.bench.workloads.SharedMapOps;
import org.ipc4j.bench.workloads.SharedQueueBytesLarge;
import org.ipc4j.bench.workloads.SharedQueueBytesOneWay;
import org.ipc4j.bench.workloads.SharedQueueBytesRoundTrip;
import org.ipc4j.bench.workloads.SharedQueueBytesTwoByTwo;
import org.ipc4j.bench.workloads.SharedQueueStringOneWay;
import org.ipc4j.bench.workloads.SharedSemaphorePingPong;
import org.ipc4j.bench.workloads.SocketRoundTrip;
import org.ipc4j.bench.workloads.SpinWordRoundTrip;
import org.ipc4j.bench.workloads.TcpLarge;
import org.ipc4j.bench.workloads.TcpOneWay;
import org.ipc4j.bench.workloads.UnixSocketLarge;
import org.ipc4j.bench.workloads.WorkloadIds;

/**
 * Everything the suite measures. To add a benchmark, write the workload class and add it here; ipc4j's own
 * implementations of a workload sit beside its peers so that each repetition alternates between them.
 */
final class Catalogue {
    static final List<Class<? extends RoundTripWorkload>> ROUND_TRIPS = List.of(
            SpinWordRoundTrip.class,
            FutexWordRoundTrip.class,
            AgronaRingRoundTrip.OneToOne.class,
            AgronaRingRoundTrip.ManyToOne.class,
            SocketRoundTrip.UnixDomain.class,
            SocketRoundTrip.TcpLoopback.class,
            NetConnectionRoundTrip.class,
            FileLockHandoff.class,
            ChronicleRoundTrip.class,
            Ipc4jPipeRoundTrip.BusySpin.class,
            Ipc4jPipeRoundTrip.Blocking.class,
            SharedQueueBytesRoundTrip.BusySpin.class,
            SharedQueueBytesRoundTrip.Blocking.class,
            Ipc4jRingRoundTrip.class,
            SharedLockHandoff.class,
            SharedEventRoundTrip.class,
            SharedSemaphorePingPong.class);

    /** One-way workloads with the score group they report into. */
    static final List<OneWay> ONE_WAY = List.of(
            new OneWay(AgronaRingOneWay.OneToOne.class, WorkloadIds.ONE_WAY_GROUP),
            new OneWay(AgronaRingOneWay.ManyToOne.class, WorkloadIds.ONE_WAY_MPMC_GROUP),
            new OneWay(ChronicleOneWay.class, WorkloadIds.ONE_WAY_GROUP),
            new OneWay(Ipc4jRingOneWay.Spsc.class, WorkloadIds.ONE_WAY_GROUP),
            new OneWay(Ipc4jPipeOneWay.BusySpin.class, WorkloadIds.ONE_WAY_GROUP),
            new OneWay(Ipc4jPipeOneWay.Blocking.class, WorkloadIds.ONE_WAY_GROUP),
            new OneWay(Ipc4jRingOneWay.Mpmc.class, WorkloadIds.ONE_WAY_MPMC_GROUP),
            new OneWay(SharedQueueBytesOneWay.class, WorkloadIds.ONE_WAY_MPMC_GROUP),
            new OneWay(SharedQueueStringOneWay.class, WorkloadIds.OBJECT_QUEUE_GROUP),
            new OneWay(NetOneWay.Connection.class, WorkloadIds.NET_ONE_WAY_GROUP),
            new OneWay(NetOneWay.Queue.class, WorkloadIds.NET_ONE_WAY_GROUP),
            new OneWay(TcpOneWay.class, WorkloadIds.NET_ONE_WAY_GROUP));

    /** Workloads run by several worker JVMs at once (each reports its own score group). */
    static final List<Class<? extends GroupWorkload>> GROUPS = List.of(
            SharedLongIncrement.class,
            SharedMapOps.class,
            ChronicleMapOps.class,
            Ipc4jRingTwoByTwo.class,
            SharedQueueBytesTwoByTwo.class,
            AgronaManyToOneTwoByOne.class,
            Ipc4jPipeLarge.Default.class,
            Ipc4jPipeLarge.Ring4MiB.class,
            SharedQueueBytesLarge.class,
            AgronaRingLarge.class,
            ChronicleLarge.class,
            UnixSocketLarge.class,
            NetConnectionLarge.class,
            TcpLarge.class,
            MemcpyLarge.class);

    /** JMH runs: a name for the JSON file, the include pattern, how many benchmarks it matches. */
    static final List<Jmh> JMH = List.of(
            new Jmh("mapped-access", "org.ipc4j.bench.jmh.(MappedBytes|UnsafeBuffer)AccessBenchmark", 12),
            new Jmh("file-lock", "org.ipc4j.bench.jmh.FileLockBenchmark", 1),
            new Jmh("op-cost", "org.ipc4j.bench.jmh.(Ipc4j|InJvm)OpCostBenchmark", 8),
            new Jmh("ring-zero-copy", "org.ipc4j.bench.jmh.(Agrona)?RingZeroCopyBenchmark", 4),
            new Jmh("pipe-queue-api", "org.ipc4j.bench.jmh.(PipeQueue|AgronaRingCopy)Benchmark", 4));

    record OneWay(Class<? extends OneWayWorkload> workload, String group) {
    }

    record Jmh(String name, String include, int benchmarks) {
    }

    private Catalogue() {
    }
}
