package org.ipc4j.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

import org.ipc4j.errors.CorruptedException;
import org.ipc4j.errors.Ipc4jException;

/**
 * Java serialisation (Python's pickle). The size is only known by serialising, so {@link #encodedLength}
 * serialises into a per-thread buffer and {@link #encode} copies it out.
 */
final class JavaSerialCodec implements Codec<Object> {
    static final JavaSerialCodec INSTANCE = new JavaSerialCodec();
    private static final long serialVersionUID = 1L;

    private static final ThreadLocal<Pending> PENDING = ThreadLocal.withInitial(Pending::new);
    private static final int MAX_DEPTH = 1_000;
    private static final int MAX_KEPT_BUFFER = 1 << 20;

    @Override
    public String id() {
        return "java-serial";
    }

    @Override
    public int encodedLength(Object value) {
        Pending pending = PENDING.get();
        pending.out.reset();
        try (ObjectOutputStream out = new ObjectOutputStream(pending.out)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("cannot send a " + value.getClass().getName()
                    + ": it (or a field of it) is not Serializable: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pending.value = value;
        return pending.out.size();
    }

    @Override
    public void encode(Object value, ByteBuffer dst, int offset) {
        Pending pending = PENDING.get();
        if (pending.value != value) {
            encodedLength(value);
        }
        dst.put(offset, pending.out.buffer(), 0, pending.out.size());
        pending.value = null;
        if (pending.out.buffer().length > MAX_KEPT_BUFFER) {
            // one huge message must not pin its buffer to this thread forever
            PENDING.remove();
        }
    }

    @Override
    public Object decode(ByteBuffer src, int offset, int length) {
        byte[] bytes = new byte[length];
        src.get(offset, bytes, 0, length);
        // a record can describe nothing bigger than itself: refuse array lengths and depths no real object has
        ObjectInputFilter bounds = info -> info.arrayLength() > length || info.depth() > MAX_DEPTH
                ? ObjectInputFilter.Status.REJECTED : ObjectInputFilter.Status.UNDECIDED;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            protected Class<?> resolveClass(java.io.ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                try {
                    return Class.forName(desc.getName(), false, Thread.currentThread().getContextClassLoader());
                } catch (ClassNotFoundException e) {
                    return super.resolveClass(desc);
                }
            }
        }) {
            in.setObjectInputFilter(bounds);
            return in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            if (e instanceof Ipc4jException typed && !(e instanceof CorruptedException)) {
                throw typed;
            }
            throw new CorruptedException("cannot deserialise a " + length + "-byte record: " + e, e);
        }
    }

    private Object readResolve() {
        return INSTANCE;
    }

    private static final class Pending {
        final ExposedBytes out = new ExposedBytes();
        Object value;
    }

    /** A ByteArrayOutputStream whose array can be read without a copy. */
    private static final class ExposedBytes extends ByteArrayOutputStream {
        byte[] buffer() {
            return buf;
        }
    }
}
