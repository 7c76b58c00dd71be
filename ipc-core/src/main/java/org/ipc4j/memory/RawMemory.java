package org.ipc4j.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import sun.misc.Unsafe;

/**
 * Loads, stores and atomics at an offset into a direct buffer whose native address is known, with no bounds
 * check ({@link MappedBytes} makes it). On JDK 17-23 this is {@code sun.misc.Unsafe} at the address, which
 * {@code jdk.unsupported} exports to every module, so no JVM flag is needed. Where those methods of
 * {@code Unsafe} warn (JDK 24 on), the multi-release jar has a JDK 22+ twin over a {@code java.lang.foreign}
 * segment; classes run from a directory on 24+ (no multi-release lookup there) fall back to the
 * {@link VarHandle} views of the buffer, which are correct and slower. The choice is a constant the JIT folds.
 *
 * <p>{@code sun.misc.Unsafe} has no acquire or opaque access: {@link MappedBytes} uses volatile loads and
 * ordered (release) stores for them, the same instructions on x86-64 and at least as strong elsewhere.
 */
final class RawMemory {
    /** Null where the views are used instead. */
    private static final Unsafe UNSAFE;
    private static final long BUFFER_ADDRESS;
    private static final long BYTES_BASE;
    /** A copy longer than this goes in pieces, so that a safepoint never waits for a long one (as java.nio's own copies do). */
    private static final int COPY_PIECE = 1 << 20;
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    static {
        Unsafe unsafe = quietUnsafe();
        long bufferAddress = -1;
        try {
            bufferAddress = unsafe == null ? -1 : unsafe.objectFieldOffset(Buffer.class.getDeclaredField("address"));
        } catch (NoSuchFieldException | RuntimeException e) {
            unsafe = null; // a JDK without that field: the views
        }
        UNSAFE = unsafe;
        BUFFER_ADDRESS = bufferAddress;
        BYTES_BASE = unsafe == null ? 0 : unsafe.arrayBaseOffset(byte[].class);
    }

    private RawMemory() {
    }

    /**
     * {@code Unsafe}, unless this JDK warns on its memory access (24 on), has none, or runs on a machine where
     * its plain loads of an int or long at any address could trap (only x86-64 and arm64 allow them all).
     */
    private static Unsafe quietUnsafe() {
        String arch = System.getProperty("os.arch", "");
        if (Runtime.version().feature() >= 24 || !(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))) {
            return null;
        }
        try {
            Field field = Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (Unsafe) field.get(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** The native address of a direct buffer's byte 0, or 0 where accesses go through the buffer. */
    static long addressOf(ByteBuffer direct) {
        return UNSAFE == null ? 0 : UNSAFE.getLong(direct, BUFFER_ADDRESS);
    }

    static int getInt(ByteBuffer buffer, long address, int offset) {
        return UNSAFE != null ? UNSAFE.getInt(address + offset) : buffer.getInt(offset);
    }

    static void putInt(ByteBuffer buffer, long address, int offset, int value) {
        if (UNSAFE != null) {
            UNSAFE.putInt(address + offset, value);
        } else {
            buffer.putInt(offset, value);
        }
    }

    static int getIntVolatile(ByteBuffer buffer, long address, int offset) {
        return UNSAFE != null ? UNSAFE.getIntVolatile(null, address + offset) : (int) INT.getVolatile(buffer, offset);
    }

    static void putIntRelease(ByteBuffer buffer, long address, int offset, int value) {
        if (UNSAFE != null) {
            UNSAFE.putOrderedInt(null, address + offset, value);
        } else {
            INT.setRelease(buffer, offset, value);
        }
    }

    static void putIntVolatile(ByteBuffer buffer, long address, int offset, int value) {
        if (UNSAFE != null) {
            UNSAFE.putIntVolatile(null, address + offset, value);
        } else {
            INT.setVolatile(buffer, offset, value);
        }
    }

    static boolean compareAndSetInt(ByteBuffer buffer, long address, int offset, int expected, int value) {
        return UNSAFE != null ? UNSAFE.compareAndSwapInt(null, address + offset, expected, value)
                : INT.compareAndSet(buffer, offset, expected, value);
    }

    static int getAndAddInt(ByteBuffer buffer, long address, int offset, int delta) {
        return UNSAFE != null ? UNSAFE.getAndAddInt(null, address + offset, delta) : (int) INT.getAndAdd(buffer, offset, delta);
    }

    static int getAndSetInt(ByteBuffer buffer, long address, int offset, int value) {
        return UNSAFE != null ? UNSAFE.getAndSetInt(null, address + offset, value) : (int) INT.getAndSet(buffer, offset, value);
    }

    static long getLong(ByteBuffer buffer, long address, int offset) {
        return UNSAFE != null ? UNSAFE.getLong(address + offset) : buffer.getLong(offset);
    }

    static void putLong(ByteBuffer buffer, long address, int offset, long value) {
        if (UNSAFE != null) {
            UNSAFE.putLong(address + offset, value);
        } else {
            buffer.putLong(offset, value);
        }
    }

    static long getLongVolatile(ByteBuffer buffer, long address, int offset) {
        return UNSAFE != null ? UNSAFE.getLongVolatile(null, address + offset) : (long) LONG.getVolatile(buffer, offset);
    }

    static void putLongRelease(ByteBuffer buffer, long address, int offset, long value) {
        if (UNSAFE != null) {
            UNSAFE.putOrderedLong(null, address + offset, value);
        } else {
            LONG.setRelease(buffer, offset, value);
        }
    }

    static void putLongVolatile(ByteBuffer buffer, long address, int offset, long value) {
        if (UNSAFE != null) {
            UNSAFE.putLongVolatile(null, address + offset, value);
        } else {
            LONG.setVolatile(buffer, offset, value);
        }
    }

    static boolean compareAndSetLong(ByteBuffer buffer, long address, int offset, long expected, long value) {
        return UNSAFE != null ? UNSAFE.compareAndSwapLong(null, address + offset, expected, value)
                : LONG.compareAndSet(buffer, offset, expected, value);
    }

    static long getAndAddLong(ByteBuffer buffer, long address, int offset, long delta) {
        return UNSAFE != null ? UNSAFE.getAndAddLong(null, address + offset, delta) : (long) LONG.getAndAdd(buffer, offset, delta);
    }

    static long getAndSetLong(ByteBuffer buffer, long address, int offset, long value) {
        return UNSAFE != null ? UNSAFE.getAndSetLong(null, address + offset, value) : (long) LONG.getAndSet(buffer, offset, value);
    }

    static void copyFromArray(byte[] source, int from, ByteBuffer buffer, long address, int offset, int length) {
        if (UNSAFE == null) {
            buffer.put(offset, source, from, length);
            return;
        }
        for (int done = 0; done < length; ) {
            int piece = Math.min(COPY_PIECE, length - done);
            UNSAFE.copyMemory(source, BYTES_BASE + from + done, null, address + offset + done, piece);
            done += piece;
        }
    }

    static void copyToArray(ByteBuffer buffer, long address, int offset, byte[] target, int at, int length) {
        if (UNSAFE == null) {
            buffer.get(offset, target, at, length);
            return;
        }
        for (int done = 0; done < length; ) {
            int piece = Math.min(COPY_PIECE, length - done);
            UNSAFE.copyMemory(null, address + offset + done, target, BYTES_BASE + at + done, piece);
            done += piece;
        }
    }
}
