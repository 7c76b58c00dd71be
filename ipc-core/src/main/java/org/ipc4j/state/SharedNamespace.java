package org.ipc4j.state;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.ipc4j.codec.Codecs;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionNames;

/**
 * Named attributes shared by processes: Python's {@code Manager().Namespace()} without the manager. Values
 * are stored by {@link Codecs#objects()} (ints, longs, doubles, booleans, strings and byte arrays compactly,
 * anything else by Java serialisation) and come back as copies; names are at most {@value #MAX_NAME_BYTES} bytes of
 * UTF-8. A {@link SharedMap} holds them, so a set is atomic, a process killed in one leaves the old or the
 * new value, and the number of attributes and the largest value are fixed at creation.
 */
public final class SharedNamespace implements AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;
    public static final int MAX_NAME_BYTES = 64;
    private final SharedMap<String, Object> attributes;

    private SharedNamespace(SharedMap<String, Object> attributes) {
        this.attributes = attributes;
    }

    /** Creates namespace {@code name} for up to {@code capacity} attributes of values up to {@code maxValueBytes} encoded. */
    public static SharedNamespace create(String name, int capacity, int maxValueBytes) {
        return new SharedNamespace(SharedMap.create(name, Codecs.strings(), Codecs.objects(), capacity, MAX_NAME_BYTES,
                maxValueBytes));
    }

    /** Creates an anonymous namespace, to be passed to other processes as a handle. */
    public static SharedNamespace create(int capacity, int maxValueBytes) {
        return create(RegionNames.anonymous(), capacity, maxValueBytes);
    }

    /** Opens namespace {@code name}, or creates it as {@link #create} does. */
    public static SharedNamespace openOrCreate(String name, int capacity, int maxValueBytes) {
        return new SharedNamespace(SharedMap.openOrCreate(name, Codecs.strings(), Codecs.objects(), capacity,
                MAX_NAME_BYTES, maxValueBytes));
    }

    public static SharedNamespace open(String name) {
        return new SharedNamespace(SharedMap.open(name, Codecs.strings(), Codecs.objects()));
    }

    /** As {@link #open(String)}, waiting at most {@code timeout} for another process to create it. */
    public static SharedNamespace open(String name, Duration timeout) throws InterruptedException {
        Region.awaitCreated(name, timeout);
        return open(name);
    }

    public String name() {
        return attributes.name();
    }

    /** {@code ns.x = value} */
    public void set(String attribute, Object value) {
        attributes.put(Objects.requireNonNull(attribute, "attribute"), Objects.requireNonNull(value, "value"));
    }

    /** {@code ns.x}: {@link NoSuchElementException} naming it if it was never set (Python's AttributeError). */
    @SuppressWarnings("unchecked")
    public <T> T get(String attribute) {
        Object value = attributes.get(Objects.requireNonNull(attribute, "attribute"));
        if (value == null) {
            throw new NoSuchElementException("namespace '" + name() + "' has no attribute '" + attribute + "'");
        }
        return (T) value;
    }

    /** {@code getattr(ns, 'x', fallback)} */
    @SuppressWarnings("unchecked")
    public <T> T get(String attribute, T fallback) {
        Object value = attributes.get(Objects.requireNonNull(attribute, "attribute"));
        return value == null ? fallback : (T) value;
    }

    public boolean has(String attribute) {
        return attributes.containsKey(attribute);
    }

    /** {@code del ns.x}; false if it was not set. */
    public boolean delete(String attribute) {
        return attributes.remove(attribute) != null;
    }

    /** A copy of every attribute, sorted by name. */
    public Map<String, Object> snapshot() {
        return new TreeMap<>(attributes.snapshot());
    }

    public Set<String> attributeNames() {
        return snapshot().keySet();
    }

    @Override
    public void close() {
        attributes.close();
    }

    public void unlink() {
        attributes.unlink();
    }

    /** As Python prints one: {@code Namespace(a=1, b='x')}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Namespace(");
        String separator = "";
        for (Map.Entry<String, Object> attribute : snapshot().entrySet()) {
            text.append(separator).append(attribute.getKey()).append('=').append(attribute.getValue());
            separator = ", ";
        }
        return text.append(')').toString();
    }
}
