package org.ipc4j.ring;

import java.nio.ByteBuffer;

/**
 * Receives one message of a {@link SharedRing} in place: its bytes are {@code buffer[offset, offset + length)}
 * (byte {@code i} of the message is {@code buffer.get(offset + i)}), valid only during the call.
 */
@FunctionalInterface
public interface MessageHandler {
    void onMessage(ByteBuffer buffer, int offset, int length);
}
