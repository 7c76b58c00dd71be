package org.ipc4j.errors;

/** A send on a pipe whose other end is closed or whose holder died (Python's BrokenPipeError). */
public class BrokenPipeException extends Ipc4jException {
    private static final long serialVersionUID = 1L;

    public BrokenPipeException(String message) {
        super(message);
    }
}
