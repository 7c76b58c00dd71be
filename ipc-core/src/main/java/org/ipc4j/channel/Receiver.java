package org.ipc4j.channel;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.ipc4j.codec.Codec;
import org.ipc4j.ring.RecordDescriptor;
import org.ipc4j.ring.RecordHandler;

/**
 * Decodes records handed over by a ring read: inline messages at once, large ones by block name after the
 * read (so that the consumer lock is not held while a large block is mapped and decoded).
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
        Object item = type == RecordDescriptor.TYPE_BLOCK_REFERENCE
                ? new BlockName(MessageBlocks.readReference(owner, buffer, offset, length))
                : codec.decode(buffer, offset, length);
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
        return (E) item;
    }

    private static final class BlockName {
        final String name;

        BlockName(String name) {
            this.name = name;
        }
    }
}
