package org.ipc4j.errors;

/** A method was called on an object after close(). */
public class ObjectClosedException extends Ipc4jException {
    private static final long serialVersionUID = 1L;

    public ObjectClosedException(String message) {
        super(message);
    }

    public ObjectClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
