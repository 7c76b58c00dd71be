package org.ipc4j.ring;

import java.nio.ByteBuffer;

/**
 * Receives one record in place. {@code buffer} is a view of the whole region with absolute offsets; the
 * bytes at {@code [offset, offset + length)} are valid only during the call and must not be kept.
 */
@FunctionalInterface
public interface RecordHandler {
    /** {@code type} is {@link RecordDescriptor#TYPE_DATA}, or {@link RecordDescriptor#TYPE_BLOCK_REFERENCE} for large messages. */
    void onRecord(int type, ByteBuffer buffer, int offset, int length);
}
