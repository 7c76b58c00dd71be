package org.ipc4j.memory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * The JDK 22+ twin of the base {@code RawMemory}: the same access at the buffer's native address (the buffer
 * itself is not used) through one segment that spans the address space. It is global (never closed, so an access checks no liveness) and a constant, so
 * the JIT folds its bounds away; {@link MappedBytes} checks every offset against its buffer instead. Making
 * it ({@code reinterpret}) is a restricted method: the same {@code --enable-native-access} flag as the
 * native backend's downcalls.
 *
 * <p>Atomic access uses the aligned layouts (it needs alignment anyway); plain access the unaligned ones,
 * as a buffer's {@code getInt} allows.
 */
final class RawMemory {
    private static final MemorySegment EVERYWHERE = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private RawMemory() {
    }

    /** The native address of a direct buffer's byte 0. */
    static long addressOf(ByteBuffer direct) {
        return MemorySegment.ofBuffer(direct).address();
    }

    static int getInt(ByteBuffer buffer, long address, int offset) {
        return EVERYWHERE.get(ValueLayout.JAVA_INT_UNALIGNED, address + offset);
    }

    static void putInt(ByteBuffer buffer, long address, int offset, int value) {
        EVERYWHERE.set(ValueLayout.JAVA_INT_UNALIGNED, address + offset, value);
    }

    static int getIntVolatile(ByteBuffer buffer, long address, int offset) {
        return (int) INT.getVolatile(EVERYWHERE, address + offset);
    }

    static void putIntRelease(ByteBuffer buffer, long address, int offset, int value) {
        INT.setRelease(EVERYWHERE, address + offset, value);
    }

    static void putIntVolatile(ByteBuffer buffer, long address, int offset, int value) {
        INT.setVolatile(EVERYWHERE, address + offset, value);
    }

    static boolean compareAndSetInt(ByteBuffer buffer, long address, int offset, int expected, int value) {
        return INT.compareAndSet(EVERYWHERE, address + offset, expected, value);
    }

    static int getAndAddInt(ByteBuffer buffer, long address, int offset, int delta) {
        return (int) INT.getAndAdd(EVERYWHERE, address + offset, delta);
    }

    static int getAndSetInt(ByteBuffer buffer, long address, int offset, int value) {
        return (int) INT.getAndSet(EVERYWHERE, address + offset, value);
    }

    static long getLong(ByteBuffer buffer, long address, int offset) {
        return EVERYWHERE.get(ValueLayout.JAVA_LONG_UNALIGNED, address + offset);
    }

    static void putLong(ByteBuffer buffer, long address, int offset, long value) {
        EVERYWHERE.set(ValueLayout.JAVA_LONG_UNALIGNED, address + offset, value);
    }

    static long getLongVolatile(ByteBuffer buffer, long address, int offset) {
        return (long) LONG.getVolatile(EVERYWHERE, address + offset);
    }

    static void putLongRelease(ByteBuffer buffer, long address, int offset, long value) {
        LONG.setRelease(EVERYWHERE, address + offset, value);
    }

    static void putLongVolatile(ByteBuffer buffer, long address, int offset, long value) {
        LONG.setVolatile(EVERYWHERE, address + offset, value);
    }

    static boolean compareAndSetLong(ByteBuffer buffer, long address, int offset, long expected, long value) {
        return LONG.compareAndSet(EVERYWHERE, address + offset, expected, value);
    }

    static long getAndAddLong(ByteBuffer buffer, long address, int offset, long delta) {
        return (long) LONG.getAndAdd(EVERYWHERE, address + offset, delta);
    }

    static long getAndSetLong(ByteBuffer buffer, long address, int offset, long value) {
        return (long) LONG.getAndSet(EVERYWHERE, address + offset, value);
    }

    static void copyFromArray(byte[] source, int from, ByteBuffer buffer, long address, int offset, int length) {
        MemorySegment.copy(source, from, EVERYWHERE, ValueLayout.JAVA_BYTE, address + offset, length);
    }

    static void copyToArray(ByteBuffer buffer, long address, int offset, byte[] target, int at, int length) {
        MemorySegment.copy(EVERYWHERE, ValueLayout.JAVA_BYTE, address + offset, target, at, length);
    }
}
