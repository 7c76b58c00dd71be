package org.ipc4j.errors;

/** A name outside [A-Za-z0-9._-]{1,200}, or '.' or '..'. */
public class InvalidNameException extends Ipc4jException {
    private static final long serialVersionUID = 1L;

    public InvalidNameException(String message) {
        super(message);
    }

    public InvalidNameException(String message, Throwable cause) {
        super(message, cause);
    }
}
