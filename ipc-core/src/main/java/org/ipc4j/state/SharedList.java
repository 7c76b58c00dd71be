package org.ipc4j.state;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.ipc4j.codec.Codec;
import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.CapacityExceededException;
import org.ipc4j.errors.CodecMismatchException;
import org.ipc4j.errors.CorruptedException;
import org.ipc4j.errors.NotInitialisedException;
import org.ipc4j.errors.ObjectExistsException;
import org.ipc4j.errors.ObjectNotFoundException;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionNames;
import org.ipc4j.sync.SharedRLock;
import org.ipc4j.wait.WaitStrategies;

/**
 * A list in shared memory, used by many processes at once with no server process: Python's
 * {@code Manager().list()} without the manager. Elements are stored through a {@link Codec}; the number of
 * elements and the largest encoded element are fixed at creation, and a larger one throws
 * {@link CapacityExceededException}. Null elements are not allowed.
 *
 * <p>Every call is atomic: it runs under the list's lock, a {@link SharedRLock} named {@code <name>.lock} that a
 * waiting process takes over from a dead owner. The elements live in a {@link SharedMap} (the cell of element
 * i under key i, the length under key -1), so each single write is crash-safe, and every change is a sequence
 * of such writes that a process killed part way leaves recoverable:
 * <ul>
 *   <li>{@code add(e)} writes cell n, then the length n + 1 (killed between: an unseen cell past the end,
 *       overwritten by the next add); {@code removeLast()} writes the length n - 1, then deletes cell n - 1.</li>
 *   <li>{@code add(i, e)} and {@code remove(i)} shift the cells from i to the end. They first record the intent
 *       (what, where, the length, the next cell to move, and the element an insert puts), then move one cell at a
 *       time, recording the progress after each, then write the length and drop the intent. A move repeated after
 *       a crash copies the same bytes again (its source has not moved yet), so the next call, in whichever process,
 *       finishes the change from its recorded progress before it does its own.</li>
 * </ul>
 * A process killed in a call therefore leaves the list as it was before the call or as it would be after it.
 * Reads decode a copy; an element changed later in shared memory does not change what was read.
 */
public final class SharedList<E> implements AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;
    /** Keys of the list's own records in its map; elements are at keys 0 to length - 1. */
    private static final long LENGTH = -1;
    private static final long INTENT = -2;
    private static final long CODEC = -3;
    private static final int RESERVED_KEYS = 3;
    /** An intent: kind, index, length before, next cell to move, then (an insert's) element. */
    private static final int INTENT_HEADER = 1 + 4 + 4 + 4;
    private static final byte INSERT = 1;
    private static final byte REMOVE = 2;
    private static final int MIN_VALUE_BYTES = 64;
    private static final int OPEN_OR_CREATE_ATTEMPTS = 1000;
    private static final int UNFINISHED_RETRY_NANOS = 100_000;

    private final SharedMap<Long, byte[]> cells;
    private final Codec<E> codec;
    private final int maxElementBytes;
    private transient CompanionLock lock;

    private SharedList(SharedMap<Long, byte[]> cells, Codec<E> codec, int maxElementBytes, SharedRLock lock) {
        this.cells = cells;
        this.codec = codec;
        this.maxElementBytes = maxElementBytes;
        this.lock = new CompanionLock(cells.name(), lock);
    }

    /** Creates list {@code name} for up to {@code capacity} elements that encode to at most {@code maxElementBytes}. */
    public static <E> SharedList<E> create(String name, Codec<E> codec, int capacity, int maxElementBytes) {
        return create(name, codec, capacity, maxElementBytes, List.of());
    }

    /**
     * Creates the list holding {@code initial}. An opener sees the list whole or not at all: its lock, its
     * elements and its codec come first, its length last, and an open before that finds it unfinished.
     */
    static <E> SharedList<E> create(String name, Codec<E> codec, int capacity, int maxElementBytes, List<? extends E> initial) {
        Objects.requireNonNull(codec, "codec");
        if (capacity < 1 || maxElementBytes < 1) {
            throw new IllegalArgumentException("list '" + name + "': capacity and maxElementBytes must be >= 1, not "
                    + capacity + " and " + maxElementBytes);
        }
        if (initial.size() > capacity) {
            throw new CapacityExceededException("list '" + name + "': " + initial.size() + " elements for a capacity of " + capacity);
        }
        byte[] codecId = codec.id().getBytes(StandardCharsets.UTF_8);
        int valueBytes = Math.max(MIN_VALUE_BYTES, Math.max(codecId.length, INTENT_HEADER + maxElementBytes));
        SharedMap<Long, byte[]> cells = SharedMap.create(name, Codecs.longs(), Codecs.bytes(), capacity + RESERVED_KEYS, 8,
                valueBytes);
        SharedRLock lock = null;
        try {
            lock = SharedRLock.openOrCreate(name + CompanionLock.SUFFIX);
            SharedList<E> list = new SharedList<>(cells, codec, valueBytes - INTENT_HEADER, lock);
            for (int i = 0; i < initial.size(); i++) {
                cells.put((long) i, list.encode(initial.get(i)));
            }
            cells.put(CODEC, codecId);
            cells.put(LENGTH, encodeInt(initial.size()));
            return list;
        } catch (RuntimeException | Error e) {
            cells.unlink();
            cells.close();
            if (lock != null) {
                lock.unlink();
                lock.close();
            }
            throw e;
        }
    }

    /** Creates an anonymous list, to be passed to other processes as a handle. */
    public static <E> SharedList<E> create(Codec<E> codec, int capacity, int maxElementBytes) {
        return create(RegionNames.anonymous(), codec, capacity, maxElementBytes);
    }

    /** Opens list {@code name}, made with a codec of {@code codec}'s id. */
    public static <E> SharedList<E> open(String name, Codec<E> codec) {
        Objects.requireNonNull(codec, "codec");
        SharedMap<Long, byte[]> cells = SharedMap.open(name, Codecs.longs(), Codecs.bytes());
        try {
            byte[] stored = cells.get(CODEC);
            if (stored == null || cells.get(LENGTH) == null) {
                throw new NotInitialisedException("list '" + name + "' was never finished by its creator (or is not a list)");
            }
            String id = new String(stored, StandardCharsets.UTF_8);
            if (!id.equals(codec.id())) {
                throw new CodecMismatchException("list '" + name + "' holds elements of codec '" + id + "', not '" + codec.id() + "'");
            }
            return new SharedList<>(cells, codec, cells.maxValueBytes() - INTENT_HEADER, openLock(name));
        } catch (RuntimeException | Error e) {
            cells.close();
            throw e;
        }
    }

    /**
     * The list's lock, opened with the list: opened later, after an unlink, it would be a new lock file that
     * nobody unlinks, and not the lock the list's other users hold.
     */
    private static SharedRLock openLock(String name) {
        try {
            return SharedRLock.open(name + CompanionLock.SUFFIX);
        } catch (ObjectNotFoundException e) {
            throw new ObjectNotFoundException("list '" + name + "' was unlinked while it was being opened (its lock is gone)");
        }
    }

    /** Opens list {@code name}, or creates it as {@link #create} does; an existing list keeps its own capacity. */
    public static <E> SharedList<E> openOrCreate(String name, Codec<E> codec, int capacity, int maxElementBytes) {
        for (int attempt = 0; ; attempt++) {
            try {
                return create(name, codec, capacity, maxElementBytes);
            } catch (ObjectExistsException exists) {
                try {
                    return open(name, codec);
                } catch (ObjectNotFoundException | NotInitialisedException unlinkedOrBeingCreated) {
                    // unlinked meanwhile, or its creator is between the map and its length record (microseconds)
                    if (attempt >= OPEN_OR_CREATE_ATTEMPTS) {
                        throw unlinkedOrBeingCreated;
                    }
                    Thread.onSpinWait();
                    Thread.yield();
                }
            }
        }
    }

    /**
     * As {@link #open(String, Codec)}, waiting at most {@code timeout} for another process to create it and to
     * finish creating it; past the timeout, the open's own error.
     */
    public static <E> SharedList<E> open(String name, Codec<E> codec, Duration timeout) throws InterruptedException {
        long deadline = WaitStrategies.deadline(timeout);
        Region.awaitCreated(name, timeout);
        while (true) {
            try {
                return open(name, codec);
            } catch (NotInitialisedException unfinished) {
                // the creator is between its map and its length record: microseconds, a few for a long initial list
                if (System.nanoTime() - deadline >= 0) {
                    throw unfinished;
                }
                Thread.sleep(0, UNFINISHED_RETRY_NANOS);
            }
        }
    }

    public String name() {
        return cells.name();
    }

    /** The most elements it holds. */
    public int capacity() {
        return cells.capacity() - RESERVED_KEYS;
    }

    public int maxElementBytes() {
        return maxElementBytes;
    }

    // ---- reads

    public int size() {
        SharedRLock held = lockList();
        try {
            return length();
        } finally {
            held.unlock();
        }
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    public E get(int index) {
        SharedRLock held = lockList();
        try {
            checkIndex(index, length());
            return decode(cell(index));
        } finally {
            held.unlock();
        }
    }

    /** A copy of the whole list, read in one call. */
    public List<E> snapshot() {
        SharedRLock held = lockList();
        try {
            int length = length();
            List<E> copy = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                copy.add(decode(cell(i)));
            }
            return copy;
        } finally {
            held.unlock();
        }
    }

    // ---- changes

    /** Appends {@code element} (Python's {@code append}). */
    public void add(E element) {
        byte[] bytes = encode(element);
        SharedRLock held = lockList();
        try {
            int length = length();
            checkRoom(length);
            appendCell(length, bytes);
        } finally {
            held.unlock();
        }
    }

    /** Inserts {@code element} at {@code index}, shifting the later ones (Python's {@code insert}). */
    public void add(int index, E element) {
        byte[] bytes = encode(element);
        SharedRLock held = lockList();
        try {
            int length = length();
            if (index < 0 || index > length) {
                throw new IndexOutOfBoundsException("list '" + name() + "': insert at " + index + " in a list of " + length);
            }
            checkRoom(length);
            if (index == length) {
                appendCell(length, bytes);
            } else {
                finish(INSERT, index, length, length, bytes);
            }
        } finally {
            held.unlock();
        }
    }

    /** Replaces the element at {@code index}; returns the one it held. */
    public E set(int index, E element) {
        byte[] bytes = encode(element);
        SharedRLock held = lockList();
        try {
            checkIndex(index, length());
            E old = decode(cell(index));
            cells.put((long) index, bytes);
            return old;
        } finally {
            held.unlock();
        }
    }

    /** Removes the element at {@code index}, shifting the later ones; returns it (Python's {@code pop(i)}). */
    public E remove(int index) {
        SharedRLock held = lockList();
        try {
            int length = length();
            checkIndex(index, length);
            return removeAt(index, length);
        } finally {
            held.unlock();
        }
    }

    /** Removes and returns the last element (Python's {@code pop()}); {@link IndexOutOfBoundsException} if empty. */
    public E removeLast() {
        SharedRLock held = lockList();
        try {
            int length = length();
            if (length == 0) {
                throw new IndexOutOfBoundsException("list '" + name() + "' is empty");
            }
            return removeAt(length - 1, length);
        } finally {
            held.unlock();
        }
    }

    public void clear() {
        SharedRLock held = lockList();
        try {
            int length = length();
            cells.put(LENGTH, encodeInt(0)); // first: the cells past the end are unseen, and the next adds overwrite them
            for (int i = 0; i < length; i++) {
                cells.remove((long) i);
            }
        } finally {
            held.unlock();
        }
    }

    // ---- the steps

    /** Writes cell n, then the length n + 1: killed between, the cell is past the end, unseen. */
    private void appendCell(int length, byte[] bytes) {
        cells.put((long) length, bytes);
        cells.put(LENGTH, encodeInt(length + 1));
    }

    /** Under the lock, with {@code index} checked: removes that element and returns it. */
    private E removeAt(int index, int length) {
        E old = decode(cell(index));
        if (index == length - 1) {
            // the length first: killed between, the last cell is past the end, unseen
            cells.put(LENGTH, encodeInt(length - 1));
            cells.remove((long) length - 1);
        } else {
            finish(REMOVE, index, length, index, null);
        }
        return old;
    }

    /** Takes the lock and finishes a change a dead process left half done. */
    private SharedRLock lockList() {
        SharedRLock held = lock.get();
        held.lock();
        try {
            byte[] intent = cells.get(INTENT);
            if (intent != null) {
                resume(intent);
            }
        } catch (RuntimeException | Error e) {
            held.unlock();
            throw e;
        }
        return held;
    }

    private void resume(byte[] intent) {
        if (intent.length < INTENT_HEADER) {
            throw new CorruptedException("list '" + name() + "': a pending change of " + intent.length + " bytes, less than its header");
        }
        ByteBuffer header = ByteBuffer.wrap(intent);
        byte kind = header.get();
        int index = header.getInt();
        int length = header.getInt();
        int next = header.getInt();
        boolean valid = (kind == INSERT || kind == REMOVE) && length >= 0 && length <= capacity() && index >= 0 && index < length
                && next >= index && next <= length;
        if (!valid) {
            throw new CorruptedException("list '" + name() + "': a pending change that cannot be (kind " + kind + ", index " + index
                    + ", length " + length + ", next " + next + ")");
        }
        byte[] element = kind == INSERT ? Arrays.copyOfRange(intent, INTENT_HEADER, intent.length) : null;
        finish(kind, index, length, next, element);
    }

    /**
     * Runs an insert or removal from cell {@code next} on: records it, moves the cells one by one (recording
     * each step), writes the length and drops the record. Every step may be repeated.
     */
    private void finish(byte kind, int index, int length, int next, byte[] element) {
        if (kind == INSERT) {
            for (int j = next; j > index; j--) {
                cells.put(INTENT, intent(kind, index, length, j, element)); // from here cell j may be written
                cells.put((long) j, cell(j - 1));
            }
            cells.put(INTENT, intent(kind, index, length, index, element));
            cells.put((long) index, element);
            cells.put(LENGTH, encodeInt(length + 1));
        } else {
            for (int j = next; j < length - 1; j++) {
                cells.put(INTENT, intent(kind, index, length, j, null));
                cells.put((long) j, cell(j + 1));
            }
            cells.put(INTENT, intent(kind, index, length, length - 1, null));
            cells.put(LENGTH, encodeInt(length - 1));
            cells.remove((long) length - 1);
        }
        cells.remove(INTENT);
    }

    private static byte[] intent(byte kind, int index, int length, int next, byte[] element) {
        int elementLength = element == null ? 0 : element.length;
        ByteBuffer intent = ByteBuffer.allocate(INTENT_HEADER + elementLength);
        intent.put(kind).putInt(index).putInt(length).putInt(next);
        if (element != null) {
            intent.put(element);
        }
        return intent.array();
    }

    private int length() {
        byte[] stored = cells.get(LENGTH);
        if (stored == null || stored.length != 4) {
            throw new CorruptedException("list '" + name() + "': its length record is missing or malformed");
        }
        int length = ByteBuffer.wrap(stored).getInt();
        if (length < 0 || length > capacity()) {
            throw new CorruptedException("list '" + name() + "': a length of " + length + " in a list for " + capacity());
        }
        return length;
    }

    private byte[] cell(int index) {
        byte[] bytes = cells.get((long) index);
        if (bytes == null) {
            throw new CorruptedException("list '" + name() + "': element " + index + " is missing");
        }
        return bytes;
    }

    private void checkIndex(int index, int length) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("list '" + name() + "': index " + index + " in a list of " + length);
        }
    }

    private void checkRoom(int length) {
        if (length >= capacity()) {
            throw new CapacityExceededException("list '" + name() + "' is full: it holds at most " + capacity() + " elements");
        }
    }

    private byte[] encode(E element) {
        Objects.requireNonNull(element, "a list element");
        int length = codec.encodedLength(element);
        if (length > maxElementBytes) {
            throw new CapacityExceededException("list '" + name() + "': an element of " + length + " bytes; at most "
                    + maxElementBytes + " fit");
        }
        byte[] bytes = new byte[length];
        codec.encode(element, ByteBuffer.wrap(bytes), 0);
        return bytes;
    }

    private E decode(byte[] bytes) {
        return codec.decode(ByteBuffer.wrap(bytes), 0, bytes.length);
    }

    private static byte[] encodeInt(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    // ---- lifecycle

    /** Closes this handle (and its lock, if this process opened it). */
    @Override
    public void close() {
        cells.close();
        lock.close();
    }

    /** Removes the list and its lock from the directory; handles already open keep working until closed. */
    public void unlink() {
        cells.unlink();
        lock.unlink();
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        try {
            lock = new CompanionLock(cells.name(), openLock(cells.name()));
        } catch (RuntimeException e) {
            cells.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "SharedList[" + name() + "]";
    }
}
