package org.ipc4j.codec;

import java.nio.ByteBuffer;

/** Encodes the remaining bytes of a buffer (its position untouched); decodes into a fresh heap buffer. */
final class ByteBufferCodec implements Codec<ByteBuffer> {
    static final ByteBufferCodec INSTANCE = new ByteBufferCodec();
    private static final long serialVersionUID = 1L;

    @Override
    public String id() {
        return "bytebuffer";
    }

    @Override
    public int encodedLength(ByteBuffer value) {
        return value.remaining();
    }

    @Override
    public void encode(ByteBuffer value, ByteBuffer dst, int offset) {
        dst.put(offset, value, value.position(), value.remaining());
    }

    @Override
    public ByteBuffer decode(ByteBuffer src, int offset, int length) {
        ByteBuffer value = ByteBuffer.allocate(length);
        value.put(0, src, offset, length);
        return value;
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
