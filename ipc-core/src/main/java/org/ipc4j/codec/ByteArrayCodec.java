package org.ipc4j.codec;

import java.nio.ByteBuffer;

final class ByteArrayCodec implements Codec<byte[]> {
    static final ByteArrayCodec INSTANCE = new ByteArrayCodec();
    private static final long serialVersionUID = 1L;

    @Override
    public String id() {
        return "bytes";
    }

    @Override
    public int encodedLength(byte[] value) {
        return value.length;
    }

    @Override
    public void encode(byte[] value, ByteBuffer dst, int offset) {
        dst.put(offset, value, 0, value.length);
    }

    @Override
    public byte[] decode(ByteBuffer src, int offset, int length) {
        byte[] value = new byte[length];
        src.get(offset, value, 0, length);
        return value;
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
