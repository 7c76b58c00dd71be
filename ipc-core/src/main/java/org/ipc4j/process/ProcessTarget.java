package org.ipc4j.process;

import java.io.Serializable;

/**
 * What a child JVM runs: a serialisable lambda, e.g. {@code JvmProcess.start(() -> work(queue, 5))}. The
 * captured variables travel with it; shared objects among them attach to the same memory in the child.
 */
@FunctionalInterface
public interface ProcessTarget extends Serializable {
    void run() throws Exception;
}
