package org.ipc4j.channel;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

import org.ipc4j.codec.Codec;
import org.ipc4j.ring.RecordFilter;

/**
 * The elements a queue held at one instant, oldest first, each with its ring position, which names it for
 * a later removal ({@link PositionRemoval}). A {@link Collector} walks the ring under the consumer lock and
 * decodes each element; a fragmented one is there only if all of it is in the ring (a put still sending it has
 * not finished).
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
        private final Codec<E> codec;
        private final List<E> items = new ArrayList<>();
        private long[] positions = new long[16];

        Collector(Codec<E> codec) {
            this.codec = codec;
        }

        @Override
        public boolean matches(long position, int type, ByteBuffer buffer, int offset, int length) {
            if (items.size() == positions.length) {
                positions = Arrays.copyOf(positions, positions.length * 2);
            }
            positions[items.size()] = position;
            items.add(codec.decode(buffer, offset, length));
            return false;
        }

        QueueSnapshot<E> snapshot() {
            return new QueueSnapshot<>(items, Arrays.copyOf(positions, items.size()));
        }
    }
}
