package org.ipc4j.errors;

/** A release would raise a bounded count above its bound (Python's ValueError from BoundedSemaphore.release). */
public class BoundExceededException extends Ipc4jException {
    private static final long serialVersionUID = 1L;

    public BoundExceededException(String message) {
        super(message);
    }

    public BoundExceededException(String message, Throwable cause) {
        super(message, cause);
    }
}
