package org.ipc4j.errors;

/** putNowait on a full queue (Python's queue.Full). */
public class QueueFullException extends Ipc4jException {
    private static final long serialVersionUID = 1L;

    public QueueFullException(String message) {
        super(message);
    }
}
