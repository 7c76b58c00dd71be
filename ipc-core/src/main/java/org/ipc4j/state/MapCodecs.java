package org.ipc4j.state;

import java.nio.ByteBuffer;
import java.util.Objects;

import org.ipc4j.codec.Codec;
import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.CapacityExceededException;
import org.ipc4j.errors.CodecMismatchException;
import org.ipc4j.region.Region;

/** A map's key and value codecs: the id checks on open, and encoding into and decoding out of a {@link MapScratch}. */
final class MapCodecs<K, V> {
    final Codec<K> keys;
    final Codec<V> values;
    private final String name;
    private final MapLayout layout;

    MapCodecs(Region region, MapLayout layout, Codec<K> keys, Codec<V> values) {
        check(region, true, keys);
        check(region, false, values);
        this.name = region.name();
        this.layout = layout;
        this.keys = keys;
        this.values = values;
    }

    /** The built-in codec whose id the map stores for its keys or values. */
    static Codec<?> builtIn(Region region, boolean key) {
        String id = MapLayout.readCodecId(region, key);
        Codec<?> codec = Codecs.byId(id);
        if (codec == null) {
            throw new CodecMismatchException("'" + region.name() + "' stores its " + (key ? "keys" : "values")
                    + " with codec '" + id + "', which is not built in: open it with open(name, keyCodec, valueCodec)");
        }
        return codec;
    }

    private static void check(Region region, boolean key, Codec<?> codec) {
        String stored = MapLayout.readCodecId(region, key);
        if (!stored.equals(codec.id())) {
            throw new CodecMismatchException("'" + region.name() + "' stores its " + (key ? "keys" : "values")
                    + " with codec '" + stored + "', not '" + codec.id() + "'");
        }
    }

    /** Encodes {@code key} into {@code s} and hashes it. */
    void encodeKey(K key, MapScratch s) {
        s.keyLength = encode(keys, Objects.requireNonNull(key, "key"), s.keyBuffer, layout.maxKeyBytes, "key", "maxKeyBytes");
        s.hash = KeyHash.hash(s.key, s.keyLength);
    }

    void encodeValue(V value, MapScratch s) {
        s.valueLength = encode(values, Objects.requireNonNull(value, "value"), s.valueBuffer, layout.maxValueBytes,
                "value", "maxValueBytes");
    }

    void encodeExpected(V value, MapScratch s) {
        s.expectedLength = encode(values, Objects.requireNonNull(value, "value"), s.expectedBuffer, layout.maxValueBytes,
                "value", "maxValueBytes");
    }

    private <E> int encode(Codec<E> codec, E item, ByteBuffer into, int limit, String what, String limitName) {
        int length = codec.encodedLength(item);
        if (length > limit) {
            throw new CapacityExceededException("'" + name + "': a " + what + " of " + length + " bytes (codec '"
                    + codec.id() + "') is larger than the map's " + limitName + " of " + limit);
        }
        if (length < 0) {
            throw new IllegalStateException("'" + name + "': codec '" + codec.id() + "' returned length " + length);
        }
        codec.encode(item, into, 0);
        return length;
    }

    K readKey(MapScratch s) {
        return keys.decode(s.readKeyBuffer, 0, s.readKeyLength);
    }

    V readValue(MapScratch s) {
        return values.decode(s.readValueBuffer, 0, s.readValueLength);
    }
}
