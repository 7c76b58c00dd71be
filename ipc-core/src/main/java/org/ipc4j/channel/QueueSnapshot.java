package org.ipc4j.channel;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

import org.ipc4j.codec.Codec;
import org.ipc4j.errors.ObjectNotFoundException;
import org.ipc4j.ring.RecordDescriptor;
import org.ipc4j.ring.RecordFilter;

/**
 * The elements a queue held at one instant, oldest first, each with its ring position, which names it for
 * a later removal ({@link PositionRemoval}). Taken in two steps, as {@link Receiver} does: a {@link Collector}
 * walks the ring under the consumer lock, decoding inline elements and noting block names; {@link
 * Collector#resolve} decodes the blocks after the lock. A block gone by then was taken or removed meanwhile,
 * and its element is left out.
 */
final class QueueSnapshot<E> {
    private final List<E> elements;
    private final long[] positions;

    private QueueSnapshot(List<E> elements, long[] positions) {
        this.elements = Collections.unmodifiableList(elements);
        this.positions = positions;
    }

    int size() {
        return elements.size();
    }

    List<E> elements() {
        return elements;
    }

    E element(int index) {
        return elements.get(index);
    }

    long position(int index) {
        return positions[index];
    }

    /** The index of the oldest element equal to {@code o}, or -1. */
    int indexOf(Object o) {
        return elements.indexOf(o);
    }

    /** The positions of the elements {@code filter} accepts, ascending. */
    long[] positionsWhere(Predicate<? super E> filter) {
        long[] chosen = new long[positions.length];
        int n = 0;
        for (int i = 0; i < positions.length; i++) {
            if (filter.test(elements.get(i))) {
                chosen[n++] = positions[i];
            }
        }
        return Arrays.copyOf(chosen, n);
    }

    /** Gathers the records during the walk; matches none of them. */
    static final class Collector<E> implements RecordFilter {
        private final String owner;
        private final Codec<E> codec;
        private final List<Object> items = new ArrayList<>();
        private long[] positions = new long[16];

        Collector(String owner, Codec<E> codec) {
            this.owner = owner;
            this.codec = codec;
        }

        @Override
        public boolean matches(long position, int type, ByteBuffer buffer, int offset, int length) {
            if (items.size() == positions.length) {
                positions = Arrays.copyOf(positions, positions.length * 2);
            }
            positions[items.size()] = position;
            items.add(type == RecordDescriptor.TYPE_BLOCK_REFERENCE
                    ? new BlockName(MessageBlocks.readReference(owner, buffer, offset, length))
                    : codec.decode(buffer, offset, length));
            return false;
        }

        /** The snapshot, with the elements held in blocks decoded now (after the walk, outside the lock). */
        @SuppressWarnings("unchecked")
        QueueSnapshot<E> resolve(MessageBlocks blocks) {
            List<E> elements = new ArrayList<>(items.size());
            long[] kept = new long[items.size()];
            for (int i = 0; i < items.size(); i++) {
                Object item = items.get(i);
                if (item instanceof BlockName block) {
                    try {
                        item = blocks.read(block.name, codec, false);
                    } catch (ObjectNotFoundException takenMeanwhile) {
                        continue;
                    }
                }
                kept[elements.size()] = positions[i];
                elements.add((E) item);
            }
            return new QueueSnapshot<>(elements, Arrays.copyOf(kept, elements.size()));
        }
    }

    private record BlockName(String name) {
    }
}
