package org.ipc4j.state;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.ipc4j.codec.Codec;
import org.ipc4j.region.RegionNames;

/**
 * A list of fixed length in shared memory: Python's {@code shared_memory.ShareableList}. Its items are given at
 * creation and can be read and replaced by any process, never added or removed; each call is atomic and a
 * process killed in one leaves the item old or new ({@link SharedList} is the storage). An item is at most
 * {@code maxItemBytes} once encoded, and none is null.
 */
public final class ShareableList<E> implements AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;
    private final SharedList<E> items;

    private ShareableList(SharedList<E> items) {
        this.items = items;
    }

    /**
     * Creates list {@code name} holding {@code initial}, each item up to {@code maxItemBytes} encoded. Another
     * process's open sees every item or finds the list unfinished, never part of them.
     */
    public static <E> ShareableList<E> create(String name, Codec<E> codec, int maxItemBytes, List<? extends E> initial) {
        if (initial.isEmpty()) {
            throw new IllegalArgumentException("shareable list '" + name + "': its items are fixed at creation, so it needs at least one");
        }
        SharedList<E> items = SharedList.create(name, codec, initial.size(), maxItemBytes, initial);
        return new ShareableList<>(items);
    }

    /** Creates an anonymous list, to be passed to other processes as a handle. */
    public static <E> ShareableList<E> create(Codec<E> codec, int maxItemBytes, List<? extends E> initial) {
        return create(RegionNames.anonymous(), codec, maxItemBytes, initial);
    }

    public static <E> ShareableList<E> open(String name, Codec<E> codec) {
        return new ShareableList<>(SharedList.open(name, codec));
    }

    /** As {@link #open(String, Codec)}, waiting at most {@code timeout} for another process to create it. */
    public static <E> ShareableList<E> open(String name, Codec<E> codec, Duration timeout) throws InterruptedException {
        return new ShareableList<>(SharedList.open(name, codec, timeout));
    }

    public String name() {
        return items.name();
    }

    public int size() {
        return items.size();
    }

    public E get(int index) {
        return items.get(index);
    }

    /** Replaces item {@code index}; returns the one it held. */
    public E set(int index, E item) {
        return items.set(index, item);
    }

    /** How many items equal {@code item} (Python's {@code count}). */
    public int count(E item) {
        Objects.requireNonNull(item, "item");
        int count = 0;
        for (E each : items.snapshot()) {
            count += item.equals(each) ? 1 : 0;
        }
        return count;
    }

    /** The first index of an item equal to {@code item}, or -1 (Python's {@code index} raises instead). */
    public int indexOf(E item) {
        Objects.requireNonNull(item, "item");
        return items.snapshot().indexOf(item);
    }

    /** A copy of all items, read in one call. */
    public List<E> toList() {
        return items.snapshot();
    }

    @Override
    public void close() {
        items.close();
    }

    public void unlink() {
        items.unlink();
    }

    @Override
    public String toString() {
        return "ShareableList[" + name() + "]";
    }
}
