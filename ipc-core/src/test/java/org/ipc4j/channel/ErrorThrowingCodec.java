package org.ipc4j.channel;

import java.nio.ByteBuffer;

import org.ipc4j.codec.Codec;
import org.ipc4j.codec.Codecs;

/** Strings, except that encoding "stack overflow" or "assertion" throws that Error after the length was given. */
final class ErrorThrowingCodec implements Codec<String> {
    static final String STACK_OVERFLOW = "stack overflow";
    static final String ASSERTION = "assertion";
    private static final long serialVersionUID = 1L;

    @Override
    public String id() {
        return "test-error-strings";
    }

    @Override
    public int encodedLength(String value) {
        return Codecs.strings().encodedLength(value);
    }

    @Override
    public void encode(String value, ByteBuffer dst, int offset) {
        if (value.equals(STACK_OVERFLOW)) {
            throw new StackOverflowError("thrown by the test codec");
        }
        if (value.equals(ASSERTION)) {
            throw new AssertionError("thrown by the test codec");
        }
        Codecs.strings().encode(value, dst, offset);
    }

    @Override
    public String decode(ByteBuffer src, int offset, int length) {
        return Codecs.strings().decode(src, offset, length);
    }
}
