package org.ipc4j.errors;

/** The object was created by an ipc4j whose layout major version differs from this one's. */
public class IncompatibleVersionException extends Ipc4jException {
    private static final long serialVersionUID = 1L;

    public IncompatibleVersionException(String message) {
        super(message);
    }

    public IncompatibleVersionException(String message, Throwable cause) {
        super(message, cause);
    }
}
