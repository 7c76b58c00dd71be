package org.ipc4j.channel;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;

import org.ipc4j.errors.BufferTooShortException;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.ring.RecordHandler;

/**
 * Copies one received bytes message into a caller's array or buffer during the ring read, allocating
 * nothing: an inline message at once, a fragmented one fragment by fragment. A message that does not fit is
 * kept whole, for the {@link BufferTooShortException}. Used by one thread at a time.
 */
final class BytesInto implements RecordHandler {
    private final String kind;
    private final String name;
    /** The mapping the records are in (the handed buffer is a view of it, same offsets); null for an end that only sends. */
    private final MappedBytes memory;
    private byte[] array;
    private ByteBuffer buffer;
    private int offset;
    private int room;
    private int length;
    private byte[] overflow;
    private RuntimeException refusal;

    BytesInto(String kind, String name, MappedBytes memory) {
        this.kind = kind;
        this.name = name;
        this.memory = memory;
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
        if (size > room) {
            overflow = new byte[size];
            memory.getBytes(at, overflow, 0, size);
        } else {
            copy(source, at, 0, size);
            finishCopy(size);
        }
    }

    /** A message that fits goes straight into the caller's memory; one that does not, into the overflow. */
    @Override
    public void onFragment(long totalLength, long from, ByteBuffer source, int at, int size) {
        if (from == 0) {
            reset();
            if (totalLength > MessageLimit.MAX_BYTES) {
                refusal = MessageLimit.tooLarge(kind + " '" + name + "'", totalLength);
            } else if (totalLength > room) {
                overflow = new byte[(int) totalLength];
            }
        }
        if (refusal != null) {
            return;
        }
        if (overflow != null) {
            memory.getBytes(at, overflow, (int) from, size);
        } else {
            copy(source, at, (int) from, size);
            if (from + size == totalLength) {
                finishCopy((int) totalLength);
            }
        }
    }

    /** What was copied of an abandoned message stays where it was written; nothing is reported. */
    @Override
    public void onFragmentsAbandoned() {
        reset();
    }

    private void copy(ByteBuffer source, int at, int from, int size) {
        if (array != null) {
            memory.getBytes(at, array, offset + from, size);
        } else {
            buffer.put(buffer.position() + from, source, at, size);
        }
    }

    private void finishCopy(int size) {
        if (buffer != null) {
            buffer.position(buffer.position() + size);
        }
        length = size;
    }

    /**
     * After a read that handed a message: its length; {@link BufferTooShortException}, carrying the message, if
     * it did not fit.
     */
    int finish() {
        if (refusal != null) {
            throw refusal;
        }
        if (overflow == null) {
            return length;
        }
        throw new BufferTooShortException(kind + " '" + name + "': a message of " + overflow.length + " bytes does not fit in "
                + room + " bytes; it is in this exception", overflow);
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
        refusal = null;
    }
}
