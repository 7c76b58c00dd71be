package org.ipc4j.errors;

/** The creator never finished initialising the object (it died, or is too slow). */
public class NotInitialisedException extends Ipc4jException {
    private static final long serialVersionUID = 1L;

    public NotInitialisedException(String message) {
        super(message);
    }

    public NotInitialisedException(String message, Throwable cause) {
        super(message, cause);
    }
}
