package org.ipc4j.codec;

import java.io.Serializable;
import java.nio.ByteBuffer;

/**
 * Turns values into bytes in shared memory and back. Used by SharedQueue, Pipe and SharedMap.
 *
 * <p>Writing is two calls on the same thread: {@link #encodedLength} (the exact size, so the caller can claim
 * that much space in place) and then {@link #encode} into the claimed space. A codec whose size is only known by
 * encoding (Java serialisation) may keep that work per thread between the two calls.
 */
public interface Codec<E> extends Serializable {
    /** A stable id stored beside the data so that tools can decode it: "bytes", "string", "java-serial", ... */
    String id();

    /** The exact number of bytes {@link #encode} will write for {@code value}. */
    int encodedLength(E value);

    /** Writes {@code value} at {@code dst[offset..offset + encodedLength(value))}; absolute, dst's position is untouched. */
    void encode(E value, ByteBuffer dst, int offset);

    /** Reads a value from {@code src[offset..offset + length)}; absolute, src's position is untouched. */
    E decode(ByteBuffer src, int offset, int length);
}
