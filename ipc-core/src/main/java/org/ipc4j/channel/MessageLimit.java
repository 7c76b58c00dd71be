package org.ipc4j.channel;

import org.ipc4j.errors.MessageTooLargeException;
import org.ipc4j.ring.RecordDescriptor;

/**
 * The longest message a pipe or queue carries, {@code -Dipc4j.maxMessageBytes} (default 1 GiB, at most
 * {@link RecordDescriptor#MAX_MESSAGE_LENGTH}). Each process applies its own: a sender refuses a longer message
 * before sending anything, a receiver refuses a longer announced length before allocating anything, so a
 * hostile or corrupted file cannot make it allocate more.
 */
final class MessageLimit {
    static final String PROPERTY = "ipc4j.maxMessageBytes";
    static final long DEFAULT = 1L << 30;
    static final long MAX_BYTES = read();

    private MessageLimit() {
    }

    private static long read() {
        String value = System.getProperty(PROPERTY);
        if (value == null) {
            return DEFAULT;
        }
        try {
            long bytes = Long.parseLong(value.trim());
            if (bytes > 0 && bytes <= RecordDescriptor.MAX_MESSAGE_LENGTH) {
                return bytes;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + " is not a byte count between 1 and "
                + RecordDescriptor.MAX_MESSAGE_LENGTH);
    }

    /** Throws unless a message of {@code length} bytes is within the limit; {@code what} names the channel. */
    static void check(String what, long length) {
        if (length > MAX_BYTES) {
            throw tooLarge(what, length);
        }
    }

    static MessageTooLargeException tooLarge(String what, long length) {
        return new MessageTooLargeException(what + ": a message of " + length + " bytes is above the limit of " + MAX_BYTES
                + " (-D" + PROPERTY + ")");
    }
}
