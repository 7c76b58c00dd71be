package org.ipc4j.channel;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.ipc4j.codec.Codec;
import org.ipc4j.errors.CorruptedException;
import org.ipc4j.ring.RecordDescriptor;
import org.ipc4j.ring.RecordHandler;

/**
 * Decodes records handed over by a ring read: inline messages at once, large ones by block name after the
 * read (so that the consumer lock is not held while a large block is mapped and decoded). A record that
 * cannot be decoded is kept as its failure, not thrown: a throw would end the ring's read and lose the
 * records it already took.
 */
final class Receiver<E> implements RecordHandler {
    private final String owner;
    private final Codec<E> codec;
    private final MessageBlocks blocks;
    /** The first record of a read (most reads hand one), then the others: no list for a single one. */
    private Object first;
    private List<Object> more;
    private int count;

    Receiver(String owner, Codec<E> codec, MessageBlocks blocks) {
        this.owner = owner;
        this.codec = codec;
        this.blocks = blocks;
    }

    @Override
    public void onRecord(int type, ByteBuffer buffer, int offset, int length) {
        Object item;
        try {
            item = type == RecordDescriptor.TYPE_BLOCK_REFERENCE
                    ? new BlockName(MessageBlocks.readReference(owner, buffer, offset, length))
                    : codec.decode(buffer, offset, length);
        } catch (RuntimeException e) {
            item = new Unreadable(e);
        }
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

    /** The values received, in order; blocks are decoded now and unlinked if {@code consume}. */
    List<E> values(boolean consume) {
        List<E> values = new ArrayList<>(count);
        RuntimeException failure = null;
        for (int i = 0; i < count; i++) {
            try {
                values.add(resolve(i == 0 ? first : more.get(i - 1), consume));
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
     * Adds the values received to {@code target} in order, reading and unlinking blocks now, and returns how
     * many. A value that cannot be decoded, or whose block cannot be read, is left out; if any was, throws
     * once the others are in: a {@link CorruptedException} naming the owner, caused by the first failure,
     * with the others suppressed.
     */
    int drainTo(Collection<? super E> target) {
        int received = count;
        List<E> values = new ArrayList<>(received);
        List<RuntimeException> unreadable = null;
        for (int i = 0; i < received; i++) {
            try {
                values.add(resolve(i == 0 ? first : more.get(i - 1), true));
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
    E single(boolean consume) {
        if (count == 0) {
            throw new IllegalStateException("nothing was received");
        }
        Object item = first;
        clear();
        return resolve(item, consume);
    }

    /** Forgets anything received (a read that threw) before the receiver is used again. */
    void reset() {
        clear();
    }

    private void clear() {
        first = null;
        if (more != null) {
            more.clear();
        }
        count = 0;
    }

    @SuppressWarnings("unchecked")
    private E resolve(Object item, boolean consume) {
        if (item instanceof BlockName) {
            return blocks.read(((BlockName) item).name, codec, consume);
        }
        if (item instanceof Unreadable unreadable) {
            throw unreadable.failure;
        }
        return (E) item;
    }

    private static final class BlockName {
        final String name;

        BlockName(String name) {
            this.name = name;
        }
    }

    /** A record whose decoding failed: the failure is thrown when its value is asked for. */
    private static final class Unreadable {
        final RuntimeException failure;

        Unreadable(RuntimeException failure) {
            this.failure = failure;
        }
    }
}
