package org.ipc4j.errors;

/** An open found no object of that name. */
public class ObjectNotFoundException extends Ipc4jException {
    private static final long serialVersionUID = 1L;

    public ObjectNotFoundException(String message) {
        super(message);
    }

    public ObjectNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
