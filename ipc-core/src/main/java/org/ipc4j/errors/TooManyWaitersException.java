package org.ipc4j.errors;

/** A fixed-size table of waiters in shared memory is full (a condition created with too small a capacity). */
public class TooManyWaitersException extends Ipc4jException {
    private static final long serialVersionUID = 1L;

    public TooManyWaitersException(String message) {
        super(message);
    }

    public TooManyWaitersException(String message, Throwable cause) {
        super(message, cause);
    }
}
