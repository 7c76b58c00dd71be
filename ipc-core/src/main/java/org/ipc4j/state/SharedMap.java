package org.ipc4j.state;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.ipc4j.codec.Codec;
import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.CapacityExceededException;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionNames;
import org.ipc4j.region.SharedObject;

/**
 * A concurrent hash map in shared memory, used by many processes at once with no server process: Python's
 * {@code Manager().dict()} without the manager. Keys and values are stored through {@link Codec}s.
 *
 * <p><b>Capacity</b> is fixed at creation: a number of entries, and the largest encoded key and value. Every
 * entry takes a cell of {@code 16 + maxKeyBytes + maxValueBytes} bytes (rounded up to 8), so size the limits
 * for your largest entries. A larger key or value, or an insert into a full map, throws
 * {@link CapacityExceededException} naming the limit; the map never grows. Maps above 1,024 entries are split
 * into segments by key hash, each over-provisioned so that the requested number of uniformly hashed keys fits;
 * the map may then hold somewhat more than asked.
 *
 * <p><b>Keys are compared by their encoded bytes</b> (as Chronicle Map does): a key codec must encode equal keys
 * to equal bytes, which the built-in codecs do (Java serialisation of objects with unordered contents may not).
 * The value comparisons of {@link #remove(Object, Object)} and {@link #replace(Object, Object, Object)} compare
 * encoded bytes too. Null keys and values are not allowed.
 *
 * <p><b>Concurrency.</b> Readers never lock and never block writers: they retry when a writer changed what they
 * read (after many retries a reader takes the lock briefly). Writers lock one segment for a copy and a few
 * stores. A writer killed at any point leaves every entry with its old or its new value: the next writer of
 * that segment finds the owner dead, takes the lock over and finishes or undoes the interrupted update.
 * {@link #compute} and {@link #merge} are atomic: the function runs without the lock and its result is stored
 * only if the entry did not change meanwhile, else it runs again (so it may run more than once); after 16
 * attempts it runs under the segment lock. The function must not use this map, through this handle or
 * another one (that throws {@link IllegalStateException}). {@link #size}, {@link #forEach}, {@link #snapshot} and {@link #clear} are
 * weakly consistent, as in {@link java.util.concurrent.ConcurrentHashMap}.
 */
public final class SharedMap<K, V> extends SharedObject {
    private static final long serialVersionUID = 1L;
    private static final int OPTIMISTIC_UPDATES = 16;
    /**
     * The files of the maps whose compute or merge function this thread is running: a second handle of the
     * same map shares the file, not the handle, and using it there could wait for a segment lock this thread
     * holds.
     */
    private static final ThreadLocal<List<Path>> IN_USER_FUNCTION = ThreadLocal.withInitial(ArrayList::new);

    private final transient MapTable table;
    private final transient MapUpdates updates;
    private final transient MapLayout layout;
    private final transient MapCodecs<K, V> codecs;
    private final transient ThreadLocal<MapScratch> scratch;

    private SharedMap(Region region, Codec<K> keyCodec, Codec<V> valueCodec) {
        super(region);
        this.layout = MapLayout.read(region);
        this.codecs = new MapCodecs<>(region, layout, keyCodec, valueCodec);
        this.table = new MapTable(region.name(), region.bytes(), layout, region.processes());
        this.updates = table.updates();
        this.scratch = ThreadLocal.withInitial(() -> new MapScratch(layout.maxKeyBytes, layout.maxValueBytes));
    }

    /**
     * Creates map {@code name} for {@code capacity} entries whose keys encode to at most {@code maxKeyBytes} and
     * values to at most {@code maxValueBytes}; fails if the name exists.
     */
    public static <K, V> SharedMap<K, V> create(String name, Codec<K> keyCodec, Codec<V> valueCodec, int capacity,
            int maxKeyBytes, int maxValueBytes) {
        MapLayout layout = plan(name, keyCodec, valueCodec, capacity, maxKeyBytes, maxValueBytes);
        return Region.create(name, ObjectType.MAP, layout.bodyLength(),
                bytes -> layout.initialise(bytes, keyCodec.id(), valueCodec.id()))
                .buildOrClose(region -> new SharedMap<>(region, keyCodec, valueCodec));
    }

    /** Creates an anonymous map, to be passed to other processes as a handle. */
    public static <K, V> SharedMap<K, V> create(Codec<K> keyCodec, Codec<V> valueCodec, int capacity, int maxKeyBytes,
            int maxValueBytes) {
        return create(RegionNames.anonymous(), keyCodec, valueCodec, capacity, maxKeyBytes, maxValueBytes);
    }

    /** Opens {@code name}, or creates it as {@link #create} does; an existing map keeps its own capacity. */
    public static <K, V> SharedMap<K, V> openOrCreate(String name, Codec<K> keyCodec, Codec<V> valueCodec, int capacity,
            int maxKeyBytes, int maxValueBytes) {
        MapLayout layout = plan(name, keyCodec, valueCodec, capacity, maxKeyBytes, maxValueBytes);
        return Region.openOrCreate(name, ObjectType.MAP, layout.bodyLength(),
                bytes -> layout.initialise(bytes, keyCodec.id(), valueCodec.id()))
                .buildOrClose(region -> new SharedMap<>(region, keyCodec, valueCodec));
    }

    /** Opens a map whose codecs are built in ({@link Codecs#byId}); others need {@link #open(String, Codec, Codec)}. */
    @SuppressWarnings("unchecked")
    public static <K, V> SharedMap<K, V> open(String name) {
        return Region.open(name, ObjectType.MAP).buildOrClose(region -> {
            MapLayout.read(region);
            return new SharedMap<>(region, (Codec<K>) MapCodecs.builtIn(region, true), (Codec<V>) MapCodecs.builtIn(region, false));
        });
    }

    /** As {@link #open(String)}, waiting at most {@code timeout} for another process to create it. */
    public static <K, V> SharedMap<K, V> open(String name, Duration timeout) throws InterruptedException {
        Region.awaitCreated(name, timeout);
        return open(name);
    }

    /** Opens a map with these codecs, which must have the ids the map was created with. */
    public static <K, V> SharedMap<K, V> open(String name, Codec<K> keyCodec, Codec<V> valueCodec) {
        Objects.requireNonNull(keyCodec, "keyCodec");
        Objects.requireNonNull(valueCodec, "valueCodec");
        return Region.open(name, ObjectType.MAP).buildOrClose(region -> new SharedMap<>(region, keyCodec, valueCodec));
    }

    private static MapLayout plan(String name, Codec<?> keyCodec, Codec<?> valueCodec, int capacity, int maxKeyBytes,
            int maxValueBytes) {
        RegionNames.validate(name);
        MapLayout.checkCodecId(name, "key", Objects.requireNonNull(keyCodec, "keyCodec").id());
        MapLayout.checkCodecId(name, "value", Objects.requireNonNull(valueCodec, "valueCodec").id());
        return MapLayout.forCapacity(name, capacity, maxKeyBytes, maxValueBytes);
    }

    public V get(K key) {
        MapScratch s = begin();
        codecs.encodeKey(key, s);
        int segment = table.segmentOf(s.hash);
        return table.find(segment, s, true) == MapTable.FOUND ? codecs.readValue(s) : null;
    }

    public boolean containsKey(K key) {
        MapScratch s = begin();
        codecs.encodeKey(key, s);
        int segment = table.segmentOf(s.hash);
        return table.find(segment, s, false) == MapTable.FOUND;
    }

    /** Stores {@code value} for {@code key}; returns the previous value or null. */
    public V put(K key, V value) {
        MapScratch s = begin();
        int segment = encode(key, value, s);
        return underLock(segment, s, Write.PUT) ? codecs.readValue(s) : null;
    }

    /** Stores {@code value} only if {@code key} is absent; returns the value present, or null if it stored. */
    public V putIfAbsent(K key, V value) {
        MapScratch s = begin();
        int segment = encode(key, value, s);
        return underLock(segment, s, Write.PUT_IF_ABSENT) ? codecs.readValue(s) : null;
    }

    /** Replaces the value of {@code key} only if present; returns the previous value or null. */
    public V replace(K key, V value) {
        MapScratch s = begin();
        int segment = encode(key, value, s);
        return underLock(segment, s, Write.REPLACE) ? codecs.readValue(s) : null;
    }

    /** Replaces the value of {@code key} only if it encodes to the same bytes as {@code expected}. */
    public boolean replace(K key, V expected, V value) {
        MapScratch s = begin();
        int segment = encode(key, value, s);
        codecs.encodeExpected(expected, s);
        return underLock(segment, s, Write.REPLACE_IF_EQUAL);
    }

    /** Removes {@code key}; returns its value or null. */
    public V remove(K key) {
        MapScratch s = begin();
        codecs.encodeKey(key, s);
        return underLock(table.segmentOf(s.hash), s, Write.REMOVE) ? codecs.readValue(s) : null;
    }

    /** Removes {@code key} only if its value encodes to the same bytes as {@code value}. */
    public boolean remove(K key, V value) {
        MapScratch s = begin();
        codecs.encodeKey(key, s);
        codecs.encodeExpected(value, s);
        return underLock(table.segmentOf(s.hash), s, Write.REMOVE_IF_EQUAL);
    }

    private enum Write { PUT, PUT_IF_ABSENT, REPLACE, REPLACE_IF_EQUAL, REMOVE, REMOVE_IF_EQUAL }

    /**
     * Finds the key under its segment lock and makes {@code write}; returns whether the key was found (for the
     * {@code _IF_EQUAL} writes, found with the expected value). The value found is left in {@code s}.
     */
    private boolean underLock(int segment, MapScratch s, Write write) {
        table.lock(segment);
        try {
            boolean found = table.findLocked(segment, s, true) == MapTable.FOUND;
            if (write == Write.REPLACE_IF_EQUAL || write == Write.REMOVE_IF_EQUAL) {
                found = found && s.readValueMatchesExpected();
            }
            switch (write) {
                case PUT -> {
                    if (found) {
                        updates.replace(segment, s);
                    } else {
                        updates.insert(segment, s);
                    }
                }
                case PUT_IF_ABSENT -> {
                    if (!found) {
                        updates.insert(segment, s);
                    }
                }
                case REPLACE, REPLACE_IF_EQUAL -> {
                    if (found) {
                        updates.replace(segment, s);
                    }
                }
                default -> {
                    if (found) {
                        updates.remove(segment, s, true);
                    }
                }
            }
            return found;
        } finally {
            table.unlock(segment);
        }
    }

    /**
     * Atomically replaces the value of {@code key} (null if absent) with {@code remapping}'s result; a null result
     * removes the key. Returns the new value. See the class comment for how the function is run.
     */
    public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
        Objects.requireNonNull(remapping, "remapping");
        MapScratch s = begin();
        codecs.encodeKey(key, s);
        int segment = table.segmentOf(s.hash);
        for (int attempt = 0; attempt < OPTIMISTIC_UPDATES; attempt++) {
            int seen = table.find(segment, s, true);
            int seenSlot = s.slot;
            long seenWord = s.word;
            int seenGeneration = s.generation;
            V old = seen == MapTable.FOUND ? codecs.readValue(s) : null;
            V next = call(remapping, key, old);
            if (next == old) {
                return next;
            }
            if (next != null) {
                codecs.encodeValue(next, s);
            }
            table.lock(segment);
            try {
                int now = table.findLocked(segment, s, false);
                if (now == seen && (now == MapTable.ABSENT
                        || (s.slot == seenSlot && s.word == seenWord && s.generation == seenGeneration))) {
                    write(segment, s, now, next);
                    return next;
                }
            } finally {
                table.unlock(segment);
            }
        }
        table.lock(segment);
        try {
            int now = table.findLocked(segment, s, true);
            V old = now == MapTable.FOUND ? codecs.readValue(s) : null;
            V next = call(remapping, key, old);
            if (next != old) {
                if (next != null) {
                    codecs.encodeValue(next, s);
                }
                write(segment, s, now, next);
            }
            return next;
        } finally {
            table.unlock(segment);
        }
    }

    /** Stores {@code value} if {@code key} is absent, else {@code remapping(old, value)} (null removes); atomic. */
    public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remapping) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(remapping, "remapping");
        return compute(key, (k, old) -> old == null ? value : remapping.apply(old, value));
    }

    /** Returns the value of {@code key}, first storing {@code mapping(key)} if it is absent (null stores nothing). */
    public V computeIfAbsent(K key, Function<? super K, ? extends V> mapping) {
        Objects.requireNonNull(mapping, "mapping");
        V present = get(key);
        return present != null ? present : compute(key, (k, old) -> old != null ? old : mapping.apply(k));
    }

    /** Replaces the value of {@code key} with {@code remapping(key, old)} if present (null removes); atomic. */
    public V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
        Objects.requireNonNull(remapping, "remapping");
        return compute(key, (k, old) -> old == null ? null : remapping.apply(k, old));
    }

    private void write(int segment, MapScratch s, int found, V next) {
        if (found == MapTable.FOUND) {
            if (next == null) {
                updates.remove(segment, s, true);
            } else {
                updates.replace(segment, s);
            }
        } else if (next != null) {
            updates.insert(segment, s);
        }
    }

    private V call(BiFunction<? super K, ? super V, ? extends V> remapping, K key, V old) {
        List<Path> running = IN_USER_FUNCTION.get();
        running.add(region().path());
        try {
            return remapping.apply(key, old);
        } finally {
            running.remove(running.size() - 1);
        }
    }

    /** The number of entries: exact when no one writes, else some count the map held during the call. */
    public int size() {
        ensureOpen();
        int size = 0;
        for (int segment = 0; segment < layout.segments; segment++) {
            size += table.liveCount(segment);
        }
        return size;
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** Removes every entry, segment by segment; entries put meanwhile into segments already cleared remain. */
    public void clear() {
        MapScratch s = begin();
        for (int segment = 0; segment < layout.segments; segment++) {
            table.lock(segment);
            try {
                updates.clear(segment, s);
            } finally {
                table.unlock(segment);
            }
        }
    }

    /**
     * Calls {@code action} for every entry, each read consistently on its own; entries changed during the walk may
     * be seen old, new or not at all. {@code action} runs with no lock held and may use the map.
     */
    public void forEach(BiConsumer<? super K, ? super V> action) {
        Objects.requireNonNull(action, "action");
        MapScratch s = begin();
        for (int segment = 0; segment < layout.segments; segment++) {
            for (int slot = 0; slot < layout.slotsPerSegment; slot++) {
                if (table.readSlot(segment, slot, s)) {
                    K key = codecs.readKey(s);
                    action.accept(key, codecs.readValue(s));
                }
            }
        }
    }

    /** A weakly consistent copy of the entries (see {@link #forEach}), to iterate or query at leisure. */
    public Map<K, V> snapshot() {
        Map<K, V> copy = new HashMap<>();
        forEach(copy::put);
        return copy;
    }

    /** The number of entries the map was created for. */
    public int capacity() {
        return layout.capacity;
    }

    public int maxKeyBytes() {
        return layout.maxKeyBytes;
    }

    public int maxValueBytes() {
        return layout.maxValueBytes;
    }

    public Codec<K> keyCodec() {
        return codecs.keys;
    }

    public Codec<V> valueCodec() {
        return codecs.values;
    }

    /** The segments, for the invariant checks of the tests. */
    MapTable table() {
        return table;
    }

    /** How many interrupted updates were finished or undone, over the map's life (a diagnostic for tests). */
    int recoveries() {
        int total = 0;
        for (int segment = 0; segment < layout.segments; segment++) {
            total += updates.recoveries(segment);
        }
        return total;
    }

    private int encode(K key, V value, MapScratch s) {
        codecs.encodeKey(key, s);
        codecs.encodeValue(value, s);
        return table.segmentOf(s.hash);
    }

    private MapScratch begin() {
        ensureOpen();
        List<Path> running = IN_USER_FUNCTION.get();
        // empty unless this thread is inside a compute or merge function: no path comparison on the common path
        if (!running.isEmpty() && running.contains(region().path())) {
            throw new IllegalStateException("'" + name() + "': a compute or merge function must not use its own map"
                    + " (through any handle)");
        }
        return scratch.get();
    }

    @Override
    protected Object writeReplace() {
        ensureOpen();
        return new SharedMapHandle(name(), codecs.keys, codecs.values);
    }
}
