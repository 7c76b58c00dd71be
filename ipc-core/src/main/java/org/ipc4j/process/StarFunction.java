package org.ipc4j.process;

import java.io.Serializable;

/** A function of several arguments for {@link ProcessPool#starMap}, Python's {@code starmap}. */
@FunctionalInterface
public interface StarFunction<R> extends Serializable {
    R apply(Object... arguments) throws Exception;
}
