package org.ipc4j.errors;

/** The root of ipc4j's typed errors; every message names the object it is about. */
public class Ipc4jException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Ipc4jException(String message) {
        super(message);
    }

    public Ipc4jException(String message, Throwable cause) {
        super(message, cause);
    }
}
