package org.ipc4j.errors;

/** getNowait on an empty queue (Python's queue.Empty). */
public class QueueEmptyException extends Ipc4jException {
    private static final long serialVersionUID = 1L;

    public QueueEmptyException(String message) {
        super(message);
    }
}
