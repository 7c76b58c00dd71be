package org.ipc4j.errors;

/**
 * recvBytesInto with a buffer smaller than the message (Python's BufferTooShort). The message was received
 * and is carried here whole, so nothing is lost.
 */
public class BufferTooShortException extends Ipc4jException {
    private static final long serialVersionUID = 1L;
    private final byte[] message;

    public BufferTooShortException(String message, byte[] received) {
        super(message);
        this.message = received;
    }

    /** The whole message that did not fit. */
    public byte[] received() {
        return message.clone();
    }
}
