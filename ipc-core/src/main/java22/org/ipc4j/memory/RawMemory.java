package org.ipc4j.memory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The JDK 22+ twin of the base {@code RawMemory}: the same access at the buffer's native address through one
 * segment that spans the address space. It is global (never closed, so an access checks no liveness) and a
 * constant, so the JIT folds its bounds away; {@link MappedBytes} checks every offset against its buffer
 * instead. Making it ({@code reinterpret}) is a restricted method: only where native access is enabled for
 * ipc4j ({@code --enable-native-access}), else the accesses go through {@link VarHandle} views of the buffer,
 * correct, slower and silent (no warning, and no failure under {@code --illegal-native-access=deny}).
 *
 * <p>Atomic access uses the aligned layouts (it needs alignment anyway); plain access the unaligned ones,
 * as a buffer's {@code getInt} allows.
 */
final class RawMemory {
    /** Null where the views are used instead. */
    private static final MemorySegment EVERYWHERE = everywhere();
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    private static final VarHandle INT_VIEW = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG_VIEW = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private RawMemory() {
    }

    private static MemorySegment everywhere() {
        if (!RawMemory.class.getModule().isNativeAccessEnabled()) {
            return null;
        }
        try {
            return MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
        } catch (IllegalCallerException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** The native address of a direct buffer's byte 0. */
    static long addressOf(ByteBuffer direct) {
        return MemorySegment.ofBuffer(direct).address();
    }

    static int getInt(ByteBuffer buffer, long address, int offset) {
        return EVERYWHERE != null ? EVERYWHERE.get(ValueLayout.JAVA_INT_UNALIGNED, address + offset) : buffer.getInt(offset);
    }

    static void putInt(ByteBuffer buffer, long address, int offset, int value) {
        if (EVERYWHERE != null) {
            EVERYWHERE.set(ValueLayout.JAVA_INT_UNALIGNED, address + offset, value);
        } else {
            buffer.putInt(offset, value);
        }
    }

    static int getIntVolatile(ByteBuffer buffer, long address, int offset) {
        return EVERYWHERE != null ? (int) INT.getVolatile(EVERYWHERE, address + offset) : (int) INT_VIEW.getVolatile(buffer, offset);
    }

    static void putIntRelease(ByteBuffer buffer, long address, int offset, int value) {
        if (EVERYWHERE != null) {
            INT.setRelease(EVERYWHERE, address + offset, value);
        } else {
            INT_VIEW.setRelease(buffer, offset, value);
        }
    }

    static void putIntVolatile(ByteBuffer buffer, long address, int offset, int value) {
        if (EVERYWHERE != null) {
            INT.setVolatile(EVERYWHERE, address + offset, value);
        } else {
            INT_VIEW.setVolatile(buffer, offset, value);
        }
    }

    static boolean compareAndSetInt(ByteBuffer buffer, long address, int offset, int expected, int value) {
        return EVERYWHERE != null ? INT.compareAndSet(EVERYWHERE, address + offset, expected, value)
                : INT_VIEW.compareAndSet(buffer, offset, expected, value);
    }

    static int getAndAddInt(ByteBuffer buffer, long address, int offset, int delta) {
        return EVERYWHERE != null ? (int) INT.getAndAdd(EVERYWHERE, address + offset, delta)
                : (int) INT_VIEW.getAndAdd(buffer, offset, delta);
    }

    static int getAndSetInt(ByteBuffer buffer, long address, int offset, int value) {
        return EVERYWHERE != null ? (int) INT.getAndSet(EVERYWHERE, address + offset, value)
                : (int) INT_VIEW.getAndSet(buffer, offset, value);
    }

    static long getLong(ByteBuffer buffer, long address, int offset) {
        return EVERYWHERE != null ? EVERYWHERE.get(ValueLayout.JAVA_LONG_UNALIGNED, address + offset) : buffer.getLong(offset);
    }

    static void putLong(ByteBuffer buffer, long address, int offset, long value) {
        if (EVERYWHERE != null) {
            EVERYWHERE.set(ValueLayout.JAVA_LONG_UNALIGNED, address + offset, value);
        } else {
            buffer.putLong(offset, value);
        }
    }

    static long getLongVolatile(ByteBuffer buffer, long address, int offset) {
        return EVERYWHERE != null ? (long) LONG.getVolatile(EVERYWHERE, address + offset) : (long) LONG_VIEW.getVolatile(buffer, offset);
    }

    static void putLongRelease(ByteBuffer buffer, long address, int offset, long value) {
        if (EVERYWHERE != null) {
            LONG.setRelease(EVERYWHERE, address + offset, value);
        } else {
            LONG_VIEW.setRelease(buffer, offset, value);
        }
    }

    static void putLongVolatile(ByteBuffer buffer, long address, int offset, long value) {
        if (EVERYWHERE != null) {
            LONG.setVolatile(EVERYWHERE, address + offset, value);
        } else {
            LONG_VIEW.setVolatile(buffer, offset, value);
        }
    }

    static boolean compareAndSetLong(ByteBuffer buffer, long address, int offset, long expected, long value) {
        return EVERYWHERE != null ? LONG.compareAndSet(EVERYWHERE, address + offset, expected, value)
                : LONG_VIEW.compareAndSet(buffer, offset, expected, value);
    }

    static long getAndAddLong(ByteBuffer buffer, long address, int offset, long delta) {
        return EVERYWHERE != null ? (long) LONG.getAndAdd(EVERYWHERE, address + offset, delta)
                : (long) LONG_VIEW.getAndAdd(buffer, offset, delta);
    }

    static long getAndSetLong(ByteBuffer buffer, long address, int offset, long value) {
        return EVERYWHERE != null ? (long) LONG.getAndSet(EVERYWHERE, address + offset, value)
                : (long) LONG_VIEW.getAndSet(buffer, offset, value);
    }

    static void copyFromArray(byte[] source, int from, ByteBuffer buffer, long address, int offset, int length) {
        if (EVERYWHERE != null) {
            MemorySegment.copy(source, from, EVERYWHERE, ValueLayout.JAVA_BYTE, address + offset, length);
        } else {
            buffer.put(offset, source, from, length);
        }
    }

    static void copyToArray(ByteBuffer buffer, long address, int offset, byte[] target, int at, int length) {
        if (EVERYWHERE != null) {
            MemorySegment.copy(EVERYWHERE, ValueLayout.JAVA_BYTE, address + offset, target, at, length);
        } else {
            buffer.get(offset, target, at, length);
        }
    }
}
