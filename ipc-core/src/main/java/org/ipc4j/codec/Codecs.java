package org.ipc4j.codec;

import java.io.Serializable;
import java.nio.ByteBuffer;

/** The built-in codecs, and lookup by id for tools. */
public final class Codecs {
    private Codecs() {
    }

    public static Codec<byte[]> bytes() {
        return ByteArrayCodec.INSTANCE;
    }

    public static Codec<String> strings() {
        return StringCodec.INSTANCE;
    }

    public static Codec<ByteBuffer> byteBuffers() {
        return ByteBufferCodec.INSTANCE;
    }

    public static Codec<Integer> ints() {
        return PrimitiveCodecs.INTS;
    }

    public static Codec<Long> longs() {
        return PrimitiveCodecs.LONGS;
    }

    public static Codec<Double> doubles() {
        return PrimitiveCodecs.DOUBLES;
    }

    public static Codec<Boolean> booleans() {
        return PrimitiveCodecs.BOOLEANS;
    }

    /** Java serialisation, Python's pickle: any {@link Serializable} object graph. */
    public static <E> Codec<E> serializable() {
        @SuppressWarnings("unchecked")
        Codec<E> codec = (Codec<E>) JavaSerialCodec.INSTANCE;
        return codec;
    }

    /**
     * Values of mixed types (Python's objects in a {@code Namespace}): ints, longs, doubles, booleans, strings and
     * byte arrays in a tag byte and their own codec, anything else {@link Serializable} by Java serialisation.
     */
    public static Codec<Object> objects() {
        return TaggedObjectCodec.INSTANCE;
    }

    /** The built-in codec for {@code type}, or Java serialisation when there is none. */
    @SuppressWarnings("unchecked")
    public static <E> Codec<E> forClass(Class<E> type) {
        if (type == byte[].class) {
            return (Codec<E>) bytes();
        } else if (type == String.class) {
            return (Codec<E>) strings();
        } else if (ByteBuffer.class.isAssignableFrom(type)) {
            return (Codec<E>) byteBuffers();
        } else if (type == Integer.class) {
            return (Codec<E>) ints();
        } else if (type == Long.class) {
            return (Codec<E>) longs();
        } else if (type == Double.class) {
            return (Codec<E>) doubles();
        } else if (type == Boolean.class) {
            return (Codec<E>) booleans();
        }
        return serializable();
    }

    /** True for a codec whose encoding of a byte array is the array itself ({@link #bytes()}, by id). */
    public static boolean isBytes(Codec<?> codec) {
        return codec.id().equals(bytes().id());
    }

    /** The built-in codec with this id, or null: lets tools decode data whose codec they only know by id. */
    public static Codec<?> byId(String id) {
        switch (id) {
            case "bytes": return bytes();
            case "string": return strings();
            case "bytebuffer": return byteBuffers();
            case "int": return ints();
            case "long": return longs();
            case "double": return doubles();
            case "boolean": return booleans();
            case "java-serial": return serializable();
            case "tagged": return objects();
            default: return null;
        }
    }
}
