package org.ipc4j.codec;

import java.nio.ByteBuffer;

import org.ipc4j.errors.CorruptedException;

/**
 * Values of any type, the common ones compact: one tag byte, then the value in its built-in codec (int, long,
 * double, boolean, UTF-8 string, byte array), or Java serialisation for anything else. An {@code Integer} takes 5
 * bytes and no serialisation stream, where Java serialisation takes 81 and allocates several KiB per value.
 * Decoded values have the type they were written with.
 */
final class TaggedObjectCodec implements Codec<Object> {
    static final TaggedObjectCodec INSTANCE = new TaggedObjectCodec();
    private static final long serialVersionUID = 1L;

    private static final byte SERIALIZED = 0;
    private static final byte INT = 1;
    private static final byte LONG = 2;
    private static final byte DOUBLE = 3;
    private static final byte BOOLEAN = 4;
    private static final byte STRING = 5;
    private static final byte BYTES = 6;

    @Override
    public String id() {
        return "tagged";
    }

    @Override
    public int encodedLength(Object value) {
        return 1 + delegate(tagOf(value)).encodedLength(value);
    }

    @Override
    public void encode(Object value, ByteBuffer dst, int offset) {
        byte tag = tagOf(value);
        dst.put(offset, tag);
        delegate(tag).encode(value, dst, offset + 1);
    }

    @Override
    public Object decode(ByteBuffer src, int offset, int length) {
        if (length < 1) {
            throw new CorruptedException("a tagged value needs at least its tag byte; the record has none");
        }
        byte tag = src.get(offset);
        if (tag < SERIALIZED || tag > BYTES) {
            throw new CorruptedException("a tagged value with unknown tag " + tag);
        }
        return delegate(tag).decode(src, offset + 1, length - 1);
    }

    private static byte tagOf(Object value) {
        if (value instanceof Integer) {
            return INT;
        } else if (value instanceof Long) {
            return LONG;
        } else if (value instanceof Double) {
            return DOUBLE;
        } else if (value instanceof Boolean) {
            return BOOLEAN;
        } else if (value instanceof String) {
            return STRING;
        } else if (value instanceof byte[]) {
            return BYTES;
        }
        return SERIALIZED;
    }

    @SuppressWarnings("unchecked")
    private static Codec<Object> delegate(byte tag) {
        Codec<?> codec;
        switch (tag) {
            case INT: codec = PrimitiveCodecs.INTS; break;
            case LONG: codec = PrimitiveCodecs.LONGS; break;
            case DOUBLE: codec = PrimitiveCodecs.DOUBLES; break;
            case BOOLEAN: codec = PrimitiveCodecs.BOOLEANS; break;
            case STRING: codec = StringCodec.INSTANCE; break;
            case BYTES: codec = ByteArrayCodec.INSTANCE; break;
            default: codec = JavaSerialCodec.INSTANCE; break;
        }
        return (Codec<Object>) codec;
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
