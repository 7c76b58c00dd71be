package org.ipc4j.channel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;

import org.ipc4j.region.Region;
import org.ipc4j.region.SharedObject;

/**
 * The {@link java.util.Collection} half of {@link SharedQueue}: the methods that follow from offer, poll,
 * peek and a snapshot iterator. Removal from the middle is not supported by a shared queue.
 */
abstract class QueueCollection<E> extends SharedObject implements BlockingQueue<E> {
    private static final long serialVersionUID = 1L;

    QueueCollection(Region region) {
        super(region);
    }

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

    @Override
    public boolean contains(Object o) {
        for (E element : this) {
            if (element.equals(o)) {
                return true;
            }
        }
        return false;
    }

    /** Not supported: a shared queue only removes from its head. */
    @Override
    public boolean remove(Object o) {
        throw new UnsupportedOperationException("queue '" + name() + "' removes only from its head");
    }

    @Override
    public boolean removeAll(Collection<?> c) {
        throw new UnsupportedOperationException("queue '" + name() + "' removes only from its head");
    }

    @Override
    public boolean retainAll(Collection<?> c) {
        throw new UnsupportedOperationException("queue '" + name() + "' removes only from its head");
    }

    @Override
    public boolean containsAll(Collection<?> c) {
        for (Object o : c) {
            if (!contains(o)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Object[] toArray() {
        List<E> snapshot = new ArrayList<>();
        iterator().forEachRemaining(snapshot::add);
        return snapshot.toArray();
    }

    @Override
    public <T> T[] toArray(T[] a) {
        List<E> snapshot = new ArrayList<>();
        iterator().forEachRemaining(snapshot::add);
        return snapshot.toArray(a);
    }

}
