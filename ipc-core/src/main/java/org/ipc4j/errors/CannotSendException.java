package org.ipc4j.errors;

/**
 * An object that was to travel to another process (a {@code JvmProcess} target, a pool task's function or
 * argument) cannot be serialised; the message names the field or captured value that holds the culprit and
 * its class.
 */
public class CannotSendException extends Ipc4jException {
    private static final long serialVersionUID = 1L;

    public CannotSendException(String message, Throwable cause) {
        super(message, cause);
    }
}
