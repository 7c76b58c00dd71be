package org.ipc4j.ring;

import java.nio.ByteBuffer;

import org.ipc4j.errors.CorruptedException;

/**
 * Receives one record in place. {@code buffer} is a view of the whole region with absolute offsets; the
 * bytes at {@code [offset, offset + length)} are valid only during the call and must not be kept.
 *
 * <p>A message longer than the ring's max message length comes in fragments, in order, through
 * {@link #onFragment}; a read hands the fragments of one such message and nothing else. If its producer
 * gave up or died part way, {@link #onFragmentsAbandoned} says to forget the fragments had so far.
 */
@FunctionalInterface
public interface RecordHandler {
    /** Takes everything and keeps nothing (for peeks that only count). */
    RecordHandler IGNORE = new RecordHandler() {
        @Override
        public void onRecord(int type, ByteBuffer buffer, int offset, int length) {
        }

        @Override
        public void onFragment(long totalLength, long from, ByteBuffer buffer, int offset, int length) {
        }
    };

    /** {@code type} is {@link RecordDescriptor#TYPE_DATA}. */
    void onRecord(int type, ByteBuffer buffer, int offset, int length);

    /**
     * The bytes {@code [from, from + length)} of a message of {@code totalLength} bytes; the last fragment
     * is the one that reaches {@code totalLength}. A handler that takes inline messages only need not
     * override this: the default refuses them (the fragments are then skipped, the message lost).
     */
    default void onFragment(long totalLength, long from, ByteBuffer buffer, int offset, int length) {
        throw new CorruptedException("a message of " + totalLength + " bytes came in fragments to a reader of inline messages only");
    }

    /** The message whose fragments came since the last first fragment will not be completed: drop them. */
    default void onFragmentsAbandoned() {
    }
}
