package org.ipc4j.process;

import java.io.Serializable;

/** A function a pool worker applies: a serialisable lambda, e.g. {@code x -> x * x}. */
@FunctionalInterface
public interface PoolFunction<A, R> extends Serializable {
    R apply(A argument) throws Exception;
}
