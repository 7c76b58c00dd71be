package org.ipc4j.errors;

/** The shared memory holds something no ipc4j writer produced: bad magic, a length that does not fit, a truncated file, a record header out of range. */
public class CorruptedException extends Ipc4jException {
    private static final long serialVersionUID = 1L;

    public CorruptedException(String message) {
        super(message);
    }

    public CorruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
