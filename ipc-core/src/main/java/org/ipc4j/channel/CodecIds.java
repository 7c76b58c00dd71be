package org.ipc4j.channel;

import java.nio.charset.StandardCharsets;

import org.ipc4j.codec.Codec;
import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.CodecMismatchException;
import org.ipc4j.errors.CorruptedException;
import org.ipc4j.memory.MappedBytes;

/** A codec id stored in a region (length int, then ASCII), so that tools and {@code open(name)} know how to decode. */
final class CodecIds {
    static final int MAX_LENGTH = 60;
    /** Bytes the stored id takes: length then characters. */
    static final int FIELD_LENGTH = 4 + MAX_LENGTH;

    private CodecIds() {
    }

    static void write(MappedBytes memory, int offset, Codec<?> codec) {
        byte[] id = codec.id().getBytes(StandardCharsets.US_ASCII);
        if (id.length == 0 || id.length > MAX_LENGTH) {
            throw new IllegalArgumentException("codec id '" + codec.id() + "' must have 1 to " + MAX_LENGTH + " characters");
        }
        memory.putInt(offset, id.length);
        memory.putBytes(offset + 4, id, 0, id.length);
    }

    static String read(String name, MappedBytes memory, int offset) {
        int length = memory.getInt(offset);
        if (length < 1 || length > MAX_LENGTH) {
            throw new CorruptedException("'" + name + "': stored codec id has length " + length);
        }
        byte[] id = new byte[length];
        memory.getBytes(offset + 4, id, 0, length);
        for (byte b : id) {
            if (b < 0x20 || b > 0x7e) {
                throw new CorruptedException("'" + name + "': stored codec id is not printable ASCII");
            }
        }
        return new String(id, StandardCharsets.US_ASCII);
    }

    /** The built-in codec for the stored id, or a clear error if the object was made with a user codec. */
    @SuppressWarnings("unchecked")
    static <E> Codec<E> builtIn(String name, String id) {
        Codec<?> codec = Codecs.byId(id);
        if (codec == null) {
            throw new CodecMismatchException("'" + name + "' was created with codec '" + id
                    + "', which is not built in: open it with that codec, open(name, codec)");
        }
        return (Codec<E>) codec;
    }

    static void check(String name, String stored, Codec<?> codec) {
        if (!stored.equals(codec.id())) {
            throw new CodecMismatchException("'" + name + "' was created with codec '" + stored + "', not '" + codec.id() + "'");
        }
    }
}
