package org.ipc4j.errors;

/** A put on a queue that was shut down, or a take on one that was shut down and is drained (Python's queue.ShutDown). */
public class QueueShutDownException extends Ipc4jException {
    private static final long serialVersionUID = 1L;

    public QueueShutDownException(String message) {
        super(message);
    }
}
