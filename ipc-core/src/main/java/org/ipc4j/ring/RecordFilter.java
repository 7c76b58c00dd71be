package org.ipc4j.ring;

import java.nio.ByteBuffer;

/**
 * Chooses the messages {@link MpmcRing#removeIf} removes. It sees each committed message in place, as a
 * {@link RecordHandler} does, with its position: the ring's byte count before the record, which no other
 * record has for the life of the ring, so it names the message across calls. Runs under the consumer lock,
 * which stalls every consumer while it runs: keep it short, and never call the ring from it. A fragmented
 * message is offered once, whole (copied out, at the position of its first fragment, as
 * {@link RecordDescriptor#TYPE_DATA}), if all its fragments are in the ring; one still being sent is not.
 */
@FunctionalInterface
public interface RecordFilter {
    /** True to remove the message; {@code buffer[offset, offset + length)} is valid only during the call. */
    boolean matches(long position, int type, ByteBuffer buffer, int offset, int length);
}
