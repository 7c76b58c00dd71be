package org.ipc4j.net;

import java.util.concurrent.TimeUnit;

import io.aeron.driver.ThreadingMode;

/**
 * The knobs of the network transport, read once from system properties. Each is also named in the README's
 * "across hosts" section.
 */
final class NetSettings {
    /**
     * How long a peer may be silent before it counts as gone ({@code -Dipc4j.net.peerTimeoutMillis}, default
     * 500). Aeron sends a heartbeat every 100 ms while a stream is idle; a peer killed with SIGKILL is noticed
     * within this bound plus one conductor tick (100 ms). A peer stopped (SIGSTOP) or paused by the GC for
     * longer than this counts as gone too: the driver runs inside each JVM and stops with it.
     */
    static final long PEER_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(
            Long.getLong("ipc4j.net.peerTimeoutMillis", 500));

    /** How long a closing sender waits for the driver to send what it offered ({@code -Dipc4j.net.closeDrainMillis}, default 5 000). */
    static final long CLOSE_DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(Long.getLong("ipc4j.net.closeDrainMillis", 5_000));

    /** How often a receiver tells its sender it is there (and how much it may send): a fifth of the default peer timeout. */
    static final long STATUS_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** The driver's timer tick: how often it checks the timeouts above. */
    static final long TIMER_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /**
     * Aeron's term length for the streams ipc4j opens ({@code -Dipc4j.net.termLength}, default 1 MiB, a power
     * of two from 64 KiB to 1 GiB). Each stream maps three terms at the sender and three at the receiver, in
     * the shared-memory directory; one Aeron message is at most an eighth of a term, longer user messages go
     * in several.
     */
    static final int TERM_LENGTH = Integer.getInteger("ipc4j.net.termLength", 1 << 20);

    /**
     * The largest user message a sender sends and a receiver accepts ({@code -Dipc4j.net.maxMessageBytes},
     * default 1 GiB). A receiver checks the length a sender announces against it before allocating.
     */
    static final long MAX_MESSAGE_BYTES = Long.getLong("ipc4j.net.maxMessageBytes", 1L << 30);

    /** How long a dial waits for the other end to answer ({@code -Dipc4j.net.connectTimeoutMillis}, default 10 000). */
    static final long CONNECT_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(
            Long.getLong("ipc4j.net.connectTimeoutMillis", 10_000));

    /**
     * The MTU used on loopback addresses, where datagrams never leave the host ({@code -Dipc4j.net.loopbackMtu},
     * default 8 192); elsewhere Aeron's 1 408, or the channel URI's {@code mtu}.
     */
    static final int LOOPBACK_MTU = Integer.getInteger("ipc4j.net.loopbackMtu", 8192);

    /**
     * How many times the driver thread and a waiting call yield, after spinning briefly, before they park in
     * steps from 1 µs up to 1 ms ({@code -Dipc4j.net.idleYields}, default 0). On 2 cores, where two JVMs' drivers
     * and callers poll at once, yielding only hands the core to another poller: parking gave the lower round
     * trip there (results/net); with cores to spare, yields (or {@code DEDICATED} threads) cut it.
     */
    static final int IDLE_YIELDS = Integer.getInteger("ipc4j.net.idleYields", 0);

    /**
     * The driver's threads ({@code -Dipc4j.net.threading}): {@code INVOKER}, the default, runs it on the threads
     * that wait for the network and on one background thread while none does ({@link DriverDuty});
     * {@code SHARED} gives it one thread of its own, {@code SHARED_NETWORK} two, {@code DEDICATED} three. On a
     * machine with few cores more polling threads only compete with each other (measured in results/net).
     */
    static final ThreadingMode THREADING = ThreadingMode.valueOf(System.getProperty("ipc4j.net.threading", "INVOKER"));

    static final int QUEUE_STREAM_ID = 0x1C4A_0001;
    static final int PIPE_STREAM_ID = 0x1C4A_0002;

    private NetSettings() {
    }
}
