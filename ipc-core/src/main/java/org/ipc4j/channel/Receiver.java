package org.ipc4j.channel;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.ipc4j.codec.Codec;
import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.CorruptedException;
import org.ipc4j.ring.RecordHandler;

/**
 * Decodes records handed over by a ring read: inline messages at once, fragmented ones once their last
 * fragment came (the fragments are copied into the array of the whole message, which a byte codec then
 * returns as it is). A record that cannot be decoded is kept as its failure, not thrown: a throw would end
 * the ring's read and lose the records it already took.
 */
final class Receiver<E> implements RecordHandler {
    private final String owner;
    private final Codec<E> codec;
    private final boolean rawBytes;
    /** The message being received in fragments, or null (also when it is refused: see refusal). */
    private byte[] assembling;
    private RuntimeException refusal;
    /** The first record of a read (most reads hand one), then the others: no list for a single one. */
    private Object first;
    private List<Object> more;
    private int count;

    Receiver(String owner, Codec<E> codec) {
        this.owner = owner;
        this.codec = codec;
        this.rawBytes = Codecs.isBytes(codec);
    }

    @Override
    public void onRecord(int type, ByteBuffer buffer, int offset, int length) {
        Object item;
        try {
            item = codec.decode(buffer, offset, length);
        } catch (RuntimeException e) {
            item = new Unreadable(e);
        }
        add(item);
    }

    @Override
    public void onFragment(long totalLength, long from, ByteBuffer buffer, int offset, int length) {
        if (from == 0) {
            assembling = null;
            refusal = null;
            if (totalLength > MessageLimit.MAX_BYTES) {
                refusal = MessageLimit.tooLarge("'" + owner + "'", totalLength);
            } else {
                assembling = new byte[(int) totalLength];
            }
        }
        if (assembling != null) {
            buffer.get(offset, assembling, (int) from, length);
        }
        if (from + length == totalLength) {
            add(refusal != null ? new Unreadable(refusal) : whole(assembling));
            assembling = null;
            refusal = null;
        }
    }

    @Override
    public void onFragmentsAbandoned() {
        assembling = null;
        refusal = null;
    }

    private Object whole(byte[] message) {
        if (rawBytes) {
            return message;
        }
        try {
            return codec.decode(ByteBuffer.wrap(message), 0, message.length);
        } catch (RuntimeException e) {
            return new Unreadable(e);
        }
    }

    /** True if a whole value was received (a peek may end inside a message still being sent). */
    boolean hasValue() {
        return count > 0;
    }

    private void add(Object item) {
        if (count == 0) {
            first = item;
        } else {
            if (more == null) {
                more = new ArrayList<>();
            }
            more.add(item);
        }
        count++;
    }

    /** The values received, in order. */
    List<E> values() {
        List<E> values = new ArrayList<>(count);
        RuntimeException failure = null;
        for (int i = 0; i < count; i++) {
            try {
                values.add(resolve(i == 0 ? first : more.get(i - 1)));
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        clear();
        if (failure != null) {
            throw failure;
        }
        return values;
    }

    /**
     * Adds the values received to {@code target} in order and returns how many. A value that cannot be
     * decoded (or was refused: too large) is left out; if any was, throws
     * once the others are in: a {@link CorruptedException} naming the owner, caused by the first failure,
     * with the others suppressed.
     */
    int drainTo(Collection<? super E> target) {
        int received = count;
        List<E> values = new ArrayList<>(received);
        List<RuntimeException> unreadable = null;
        for (int i = 0; i < received; i++) {
            try {
                values.add(resolve(i == 0 ? first : more.get(i - 1)));
            } catch (RuntimeException e) {
                if (unreadable == null) {
                    unreadable = new ArrayList<>();
                }
                unreadable.add(e);
            }
        }
        clear();
        target.addAll(values);
        if (unreadable != null) {
            CorruptedException failure = new CorruptedException("'" + owner + "': " + unreadable.size() + " of " + received
                    + " elements taken could not be read; the other " + values.size() + " were added to the target",
                    unreadable.get(0));
            unreadable.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
        return values.size();
    }

    /** The one value received. */
    E single() {
        if (count == 0) {
            throw new IllegalStateException("nothing was received");
        }
        Object item = first;
        clear();
        return resolve(item);
    }

    /** Forgets anything received (a read that threw) before the receiver is used again. */
    void reset() {
        clear();
    }

    private void clear() {
        assembling = null;
        refusal = null;
        first = null;
        if (more != null) {
            more.clear();
        }
        count = 0;
    }

    @SuppressWarnings("unchecked")
    private E resolve(Object item) {
        if (item instanceof Unreadable unreadable) {
            throw unreadable.failure;
        }
        return (E) item;
    }

    /** A record whose decoding failed: the failure is thrown when its value is asked for. */
    private static final class Unreadable {
        final RuntimeException failure;

        Unreadable(RuntimeException failure) {
            this.failure = failure;
        }
    }
}
