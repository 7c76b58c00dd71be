package org.ipc4j.errors;

/**
 * A message is longer than the channel's limit ({@code -Dipc4j.maxMessageBytes}): thrown at the sender with
 * nothing sent, and at a receiver for a message announced longer than its own limit (which it then skips).
 */
public class MessageTooLargeException extends CapacityExceededException {
    private static final long serialVersionUID = 1L;

    public MessageTooLargeException(String message) {
        super(message);
    }
}
