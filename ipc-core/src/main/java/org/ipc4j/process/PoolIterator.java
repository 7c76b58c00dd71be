package org.ipc4j.process;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeoutException;

/**
 * The results of an {@code imap}: an {@link Iterator} whose {@link #next(Duration)} waits at most a timeout
 * (Python's {@code IMapIterator.next(timeout)}). A result that comes after a timeout is there for the next call.
 * A failed chunk throws its cause in a {@link java.util.concurrent.CompletionException} when it is reached.
 */
public interface PoolIterator<R> extends Iterator<R> {
    /** The next result, waiting at most {@code timeout}; {@link java.util.NoSuchElementException} at the end. */
    R next(Duration timeout) throws TimeoutException;
}
