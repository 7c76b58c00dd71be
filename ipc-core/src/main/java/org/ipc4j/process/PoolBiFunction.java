package org.ipc4j.process;

import java.io.Serializable;

/** A function of two arguments for {@link ProcessPool#starMap(PoolBiFunction, java.util.List)}: a typed {@code starmap}. */
@FunctionalInterface
public interface PoolBiFunction<A, B, R> extends Serializable {
    R apply(A first, B second) throws Exception;
}
