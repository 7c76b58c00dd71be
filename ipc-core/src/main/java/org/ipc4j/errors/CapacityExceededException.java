package org.ipc4j.errors;

/** An object sized at creation cannot take more: a full map, or a key or value larger than the map was made for. */
public class CapacityExceededException extends Ipc4jException {
    private static final long serialVersionUID = 1L;

    public CapacityExceededException(String message) {
        super(message);
    }
}
