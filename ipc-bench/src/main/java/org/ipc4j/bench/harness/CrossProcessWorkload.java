package org.ipc4j.bench.harness;

import java.util.List;

import org.ipc4j.bench.data.Kind;

/**
 * A workload between two JVMs: the measuring JVM {@linkplain #create creates} the shared resources, the
 * harness then starts the peer JVM, which {@linkplain #attach attaches}; once the peer is ready the measuring
 * side gets {@link #connected}. Implementations have a public no-argument constructor that does nothing
 * (the suite instantiates them to read {@link #jvmArgs()} before any peer library is initialised).
 */
public interface CrossProcessWorkload extends AutoCloseable {
    /** The table this measurement belongs in, e.g. "msg32-rtt"; the same id across ipc4j and its peers. */
    String workload();

    /** The row label, e.g. "Agrona OneToOneRingBuffer". */
    String implementation();

    Kind kind();

    /** Flags both JVMs of this workload need (e.g. Agrona's --add-opens); they never reach ipc-core's users. */
    default List<String> jvmArgs() {
        return List.of();
    }

    /** Measuring side, before the peer starts. */
    void create(BenchContext context) throws Exception;

    /** Peer side. */
    void attach(BenchContext context) throws Exception;

    /** Measuring side, once the peer has attached (accept a connection, say). */
    default void connected() throws Exception {
    }

    /** Both sides; the creating side also removes every file it created. */
    @Override
    void close() throws Exception;

    /**
     * Seconds to let the machine settle after this workload's files are deleted: freeing a lot of /dev/shm
     * disturbs the next measurements for a while on this kind of virtual machine. 0 by default.
     */
    default double settleSeconds() {
        return 0;
    }

    /** A one-line note for the report (e.g. how the sides wait); empty by default. */
    default String note() {
        return "";
    }
}
