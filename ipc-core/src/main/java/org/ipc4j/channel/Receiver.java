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
    private final List<Object> items = new ArrayList<>(1);

    Receiver(String owner, Codec<E> codec, MessageBlocks blocks) {
        this.owner = owner;
        this.codec = codec;
        this.blocks = blocks;
    }

    @Override
    public void onRecord(int type, ByteBuffer buffer, int offset, int length) {
        if (type == RecordDescriptor.TYPE_BLOCK_REFERENCE) {
            items.add(new BlockName(MessageBlocks.readReference(owner, buffer, offset, length)));
        } else {
            items.add(codec.decode(buffer, offset, length));
        }
    }

    /** The values received, in order; blocks are decoded now and unlinked if {@code consume}. */
    List<E> values(boolean consume) {
        List<E> values = new ArrayList<>(items.size());
        RuntimeException failure = null;
        for (Object item : items) {
            try {
                values.add(resolve(item, consume));
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        items.clear();
        if (failure != null) {
            throw failure;
        }
        return values;
    }

    /** The one value received. */
    E single(boolean consume) {
        Object item = items.get(0);
        items.clear();
        return resolve(item, consume);
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
