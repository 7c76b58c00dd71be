package org.ipc4j.errors;

/** A send on the receive-only end of a one-way pipe, or a receive on its send-only end. */
public class WrongDirectionException extends Ipc4jException {
    private static final long serialVersionUID = 1L;

    public WrongDirectionException(String message) {
        super(message);
    }
}
