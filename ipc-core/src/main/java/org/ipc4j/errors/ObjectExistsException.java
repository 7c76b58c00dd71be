package org.ipc4j.errors;

/** An exclusive create found the name taken. */
public class ObjectExistsException extends Ipc4jException {
    private static final long serialVersionUID = 1L;

    public ObjectExistsException(String message) {
        super(message);
    }

    public ObjectExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
