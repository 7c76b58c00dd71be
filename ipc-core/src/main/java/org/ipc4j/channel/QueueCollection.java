package org.ipc4j.channel;

import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.BlockingQueue;
import java.util.function.Predicate;

import org.ipc4j.region.Region;
import org.ipc4j.region.SharedObject;

/**
 * The {@link java.util.Collection} half of {@link SharedQueue}: the methods that follow from offer, poll,
 * peek, a snapshot of the queue and removal by position.
 *
 * <p>What the methods see and return are copies (elements travel through the queue's codec): they compare
 * with {@code equals}, never identity. Iteration, {@code contains}, {@code toArray} and {@code toString} work
 * on a snapshot taken when they start, which later puts and takes do not change. {@code remove(Object)},
 * {@code removeAll}, {@code retainAll}, {@code removeIf} and {@link Iterator#remove()} remove elements from
 * anywhere in the queue, for every process that uses it: each removal is atomic with respect to every
 * consumer (an element removed is never taken, an element taken is never removed); a bulk removal as a
 * whole is not atomic, consumers may take some of its elements first. A removed element's room comes back
 * at once if only removed elements are before it, else when consumers pass it; until then a queue bounded
 * by count may refuse a put though {@link #remainingCapacity()} counts the room.
 */
abstract class QueueCollection<E> extends SharedObject implements BlockingQueue<E> {
    private static final long serialVersionUID = 1L;

    QueueCollection(Region region) {
        super(region);
    }

    /** The elements in the queue now, oldest first, with the positions that name them for {@link #removeAt}. */
    abstract QueueSnapshot<E> snapshot();

    /** Removes the elements at {@code positions} (ascending) still in the queue; returns how many it removed. */
    abstract int removeAt(long[] positions);

    @Override
    public boolean add(E element) {
        if (!offer(element)) {
            throw new IllegalStateException("queue '" + name() + "' is full");
        }
        return true;
    }

    @Override
    public boolean addAll(Collection<? extends E> elements) {
        if (elements == this) {
            throw new IllegalArgumentException("cannot add a queue to itself");
        }
        boolean changed = false;
        for (E element : elements) {
            changed |= add(element);
        }
        return changed;
    }

    @Override
    public E remove() {
        E element = poll();
        if (element == null) {
            throw new NoSuchElementException("queue '" + name() + "' is empty");
        }
        return element;
    }

    @Override
    public E element() {
        E element = peek();
        if (element == null) {
            throw new NoSuchElementException("queue '" + name() + "' is empty");
        }
        return element;
    }

    @Override
    public int drainTo(Collection<? super E> target) {
        return drainTo(target, Integer.MAX_VALUE);
    }

    /** Empties the queue (what other consumers take meanwhile is theirs). */
    @Override
    public void clear() {
        while (poll() != null) {
            Thread.onSpinWait();
        }
    }

    /**
     * A snapshot of the elements now in the queue, oldest first; it does not change with the queue. Its
     * {@link Iterator#remove()} removes the element {@code next()} returned last, that very one (not another
     * equal one), if it is still in the queue; if a consumer took it meanwhile it removes nothing.
     */
    @Override
    public Iterator<E> iterator() {
        return new SnapshotIterator(snapshot());
    }

    @Override
    public boolean contains(Object o) {
        return o != null && snapshot().indexOf(o) >= 0;
    }

    @Override
    public boolean containsAll(Collection<?> c) {
        Objects.requireNonNull(c);
        QueueSnapshot<E> snapshot = snapshot();
        for (Object o : c) {
            if (o == null || snapshot.indexOf(o) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Removes the oldest element equal to {@code o}; false if there is none (or {@code o} is null). If a
     * consumer takes the one found before it is removed, the next equal one is looked for.
     */
    @Override
    public boolean remove(Object o) {
        if (o == null) {
            return false;
        }
        while (true) {
            QueueSnapshot<E> snapshot = snapshot();
            int index = snapshot.indexOf(o);
            if (index < 0) {
                return false;
            }
            if (removeAt(new long[] {snapshot.position(index)}) == 1) {
                return true;
            }
        }
    }

    /**
     * Removes the elements {@code filter} accepts among those in the queue when it is called; true if it
     * removed any. Elements put meanwhile are not looked at, and one a consumer takes first is not removed.
     * {@code filter} sees copies, outside the consumer lock.
     */
    @Override
    public boolean removeIf(Predicate<? super E> filter) {
        Objects.requireNonNull(filter);
        long[] positions = snapshot().positionsWhere(filter);
        return positions.length > 0 && removeAt(positions) > 0;
    }

    /** As {@link #removeIf}, for the elements {@code c} contains. */
    @Override
    public boolean removeAll(Collection<?> c) {
        Objects.requireNonNull(c);
        return removeIf(c::contains);
    }

    /** As {@link #removeIf}, for the elements {@code c} does not contain. */
    @Override
    public boolean retainAll(Collection<?> c) {
        Objects.requireNonNull(c);
        return removeIf(element -> !c.contains(element));
    }

    @Override
    public Object[] toArray() {
        return snapshot().elements().toArray();
    }

    @Override
    public <T> T[] toArray(T[] a) {
        return snapshot().elements().toArray(a);
    }

    /**
     * {@link java.util.AbstractCollection}'s form of a snapshot, {@code "[e1, e2]"}, oldest first; the
     * queue's name is not in it ({@link #name()}). A closed handle cannot read the queue and shows
     * {@link SharedObject}'s form, {@code "SharedQueue[name, closed]"}.
     */
    @Override
    public String toString() {
        if (isClosed()) {
            return super.toString();
        }
        StringJoiner joined = new StringJoiner(", ", "[", "]");
        for (E element : snapshot().elements()) {
            joined.add(element == this ? "(this Collection)" : String.valueOf(element));
        }
        return joined.toString();
    }

    private final class SnapshotIterator implements Iterator<E> {
        private final QueueSnapshot<E> snapshot;
        private int next;
        private int last = -1;

        SnapshotIterator(QueueSnapshot<E> snapshot) {
            this.snapshot = snapshot;
        }

        @Override
        public boolean hasNext() {
            return next < snapshot.size();
        }

        @Override
        public E next() {
            if (!hasNext()) {
                throw new NoSuchElementException("queue '" + name() + "': the snapshot has no more elements");
            }
            last = next++;
            return snapshot.element(last);
        }

        @Override
        public void remove() {
            if (last < 0) {
                throw new IllegalStateException("queue '" + name() + "': remove() without a next() before it");
            }
            removeAt(new long[] {snapshot.position(last)});
            last = -1;
        }
    }
}
