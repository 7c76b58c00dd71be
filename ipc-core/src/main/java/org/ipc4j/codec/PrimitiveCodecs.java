package org.ipc4j.codec;

import java.nio.ByteBuffer;

import org.ipc4j.errors.CorruptedException;

/** Fixed-size codecs for boxed primitives, in the buffer's byte order. */
final class PrimitiveCodecs {
    static final Codec<Integer> INTS = new Fixed<>("int", Integer.BYTES) {
        @Override
        public void encode(Integer value, ByteBuffer dst, int offset) {
            dst.putInt(offset, value);
        }

        @Override
        Integer read(ByteBuffer src, int offset) {
            return src.getInt(offset);
        }
    };
    static final Codec<Long> LONGS = new Fixed<>("long", Long.BYTES) {
        @Override
        public void encode(Long value, ByteBuffer dst, int offset) {
            dst.putLong(offset, value);
        }

        @Override
        Long read(ByteBuffer src, int offset) {
            return src.getLong(offset);
        }
    };
    static final Codec<Double> DOUBLES = new Fixed<>("double", Double.BYTES) {
        @Override
        public void encode(Double value, ByteBuffer dst, int offset) {
            dst.putDouble(offset, value);
        }

        @Override
        Double read(ByteBuffer src, int offset) {
            return src.getDouble(offset);
        }
    };
    static final Codec<Boolean> BOOLEANS = new Fixed<>("boolean", 1) {
        @Override
        public void encode(Boolean value, ByteBuffer dst, int offset) {
            dst.put(offset, (byte) (value ? 1 : 0));
        }

        @Override
        Boolean read(ByteBuffer src, int offset) {
            return src.get(offset) != 0;
        }
    };

    private PrimitiveCodecs() {
    }

    private abstract static class Fixed<E> implements Codec<E> {
        private static final long serialVersionUID = 1L;
        private final String id;
        private final int size;

        Fixed(String id, int size) {
            this.id = id;
            this.size = size;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public int encodedLength(E value) {
            return size;
        }

        @Override
        public E decode(ByteBuffer src, int offset, int length) {
            if (length != size) {
                throw new CorruptedException("a " + id + " needs " + size + " bytes, the record has " + length);
            }
            return read(src, offset);
        }

        abstract E read(ByteBuffer src, int offset);

        /** Protected, not private, so that the anonymous subclasses inherit it. */
        protected Object readResolve() {
            return Codecs.byId(id);
        }
    }
}
