package org.ipc4j.bench.throughput;

import org.ipc4j.bench.harness.CrossProcessWorkload;

/**
 * One-way messages from the peer JVM (producer) to the measuring JVM (consumer), which counts what it
 * receives per second. The producer offers sequence numbers 0, 1, 2..; the consumer checks they arrive in
 * order, so a broken transport fails the benchmark instead of inflating it. Neither method may allocate.
 */
public interface OneWayWorkload extends CrossProcessWorkload {
    /** Producer: tries to send message {@code sequence}; false if there is no room now (the harness retries). */
    boolean offer(long sequence) throws Exception;

    /** Consumer: receives what has arrived (up to a batch), checking the order; returns how many. */
    int poll() throws Exception;
}
