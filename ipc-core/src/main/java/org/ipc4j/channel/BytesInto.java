package org.ipc4j.channel;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;

import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.BufferTooShortException;
import org.ipc4j.ring.RecordDescriptor;
import org.ipc4j.ring.RecordHandler;

/**
 * Copies one received bytes message into a caller's array or buffer: an inline one during the ring read,
 * allocating nothing; a large one from its block after the read ({@link #finish}). A message that does not fit
 * is kept whole, for the {@link BufferTooShortException}. Used by one thread at a time.
 */
final class BytesInto implements RecordHandler {
    private final String kind;
    private final String name;
    private final MessageBlocks blocks;
    private byte[] array;
    private ByteBuffer buffer;
    private int offset;
    private int room;
    private int length;
    private byte[] overflow;
    private String block;

    BytesInto(String kind, String name, MessageBlocks blocks) {
        this.kind = kind;
        this.name = name;
        this.blocks = blocks;
    }

    /** The next message goes into {@code target} from {@code at}. */
    void into(byte[] target, int at) {
        if (at < 0 || at > target.length) {
            throw new IndexOutOfBoundsException("offset " + at + " in " + target.length + " bytes");
        }
        reset();
        this.array = target;
        this.offset = at;
        this.room = target.length - at;
    }

    /** The next message goes into {@code target} at its position, which then moves past it. */
    void into(ByteBuffer target) {
        if (target.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        reset();
        this.buffer = target;
        this.room = target.remaining();
    }

    @Override
    public void onRecord(int type, ByteBuffer source, int at, int size) {
        if (type == RecordDescriptor.TYPE_BLOCK_REFERENCE) {
            block = MessageBlocks.readReference(name, source, at, size);
        } else if (size > room) {
            overflow = new byte[size];
            source.get(at, overflow);
        } else {
            if (array != null) {
                source.get(at, array, offset, size);
            } else {
                buffer.put(buffer.position(), source, at, size);
                buffer.position(buffer.position() + size);
            }
            length = size;
        }
    }

    /**
     * After a read that handed a message: its length, once a large one is read from its block and copied too;
     * {@link BufferTooShortException}, carrying the message, if it did not fit.
     */
    int finish() {
        byte[] whole = block != null ? blocks.read(block, Codecs.bytes(), true) : overflow;
        if (whole == null) {
            return length;
        }
        if (whole.length > room) {
            throw new BufferTooShortException(kind + " '" + name + "': a message of " + whole.length + " bytes does not fit in "
                    + room + " bytes; it is in this exception", whole);
        }
        if (array != null) {
            System.arraycopy(whole, 0, array, offset, whole.length);
        } else {
            buffer.put(whole);
        }
        return whole.length;
    }

    /** Lets go of the caller's array or buffer; call after every read, whatever it handed. */
    void release() {
        reset();
        array = null;
        buffer = null;
    }

    private void reset() {
        length = 0;
        overflow = null;
        block = null;
    }
}
