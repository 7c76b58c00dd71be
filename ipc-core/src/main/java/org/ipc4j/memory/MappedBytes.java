package org.ipc4j.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.ipc4j.os.Os;

/**
 * Plain, ordered, volatile and atomic access to a direct (usually memory-mapped) buffer.
 *
 * <p>Access goes through {@link VarHandle} views of the buffer, so no JVM flag is needed to use it
 * (Agrona's {@code UnsafeBuffer} reaches {@code jdk.internal.misc} and needs {@code --add-opens} on
 * JDK 17+). The cost of that choice is measured in {@code results/} (VarHandle vs UnsafeBuffer).
 *
 * <p>Naming, after JCTools: {@code get}/{@code put} are plain, {@code getAcquire}/{@code putRelease} pair up
 * as acquire/release, {@code getVolatile}/{@code putVolatile} are sequentially consistent, and
 * {@code compareAndSet}/{@code getAndAdd}/{@code getAndSet} are volatile read-modify-writes. Atomic access
 * needs natural alignment: every layout in ipc4j keeps its atomic fields aligned.
 */
public final class MappedBytes {
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final ByteBuffer buffer;
    private long address;

    public MappedBytes(ByteBuffer buffer) {
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException("shared memory needs a direct buffer");
        }
        this.buffer = buffer.duplicate().order(ByteOrder.nativeOrder());
        this.buffer.clear();
    }

    public int capacity() {
        return buffer.capacity();
    }

    /** The native address of byte 0, for system calls that take an address (futex). */
    public long address() {
        long a = address;
        if (a == 0) {
            a = Os.addressOf(buffer);
            address = a;
        }
        return a;
    }

    /** A view of {@code length} bytes from {@code offset}, position 0, native byte order. */
    public ByteBuffer slice(int offset, int length) {
        return buffer.slice(offset, length).order(ByteOrder.nativeOrder());
    }

    // ---- int

    public int getInt(int offset) {
        return buffer.getInt(offset);
    }

    public void putInt(int offset, int value) {
        buffer.putInt(offset, value);
    }

    public int getIntOpaque(int offset) {
        return (int) INT.getOpaque(buffer, offset);
    }

    public int getIntAcquire(int offset) {
        return (int) INT.getAcquire(buffer, offset);
    }

    public int getIntVolatile(int offset) {
        return (int) INT.getVolatile(buffer, offset);
    }

    public void putIntOpaque(int offset, int value) {
        INT.setOpaque(buffer, offset, value);
    }

    public void putIntRelease(int offset, int value) {
        INT.setRelease(buffer, offset, value);
    }

    public void putIntVolatile(int offset, int value) {
        INT.setVolatile(buffer, offset, value);
    }

    public boolean compareAndSetInt(int offset, int expected, int value) {
        return INT.compareAndSet(buffer, offset, expected, value);
    }

    public int compareAndExchangeInt(int offset, int expected, int value) {
        return (int) INT.compareAndExchange(buffer, offset, expected, value);
    }

    public int getAndAddInt(int offset, int delta) {
        return (int) INT.getAndAdd(buffer, offset, delta);
    }

    public int getAndSetInt(int offset, int value) {
        return (int) INT.getAndSet(buffer, offset, value);
    }

    // ---- long

    public long getLong(int offset) {
        return buffer.getLong(offset);
    }

    public void putLong(int offset, long value) {
        buffer.putLong(offset, value);
    }

    public long getLongOpaque(int offset) {
        return (long) LONG.getOpaque(buffer, offset);
    }

    public long getLongAcquire(int offset) {
        return (long) LONG.getAcquire(buffer, offset);
    }

    public long getLongVolatile(int offset) {
        return (long) LONG.getVolatile(buffer, offset);
    }

    public void putLongOpaque(int offset, long value) {
        LONG.setOpaque(buffer, offset, value);
    }

    public void putLongRelease(int offset, long value) {
        LONG.setRelease(buffer, offset, value);
    }

    public void putLongVolatile(int offset, long value) {
        LONG.setVolatile(buffer, offset, value);
    }

    public boolean compareAndSetLong(int offset, long expected, long value) {
        return LONG.compareAndSet(buffer, offset, expected, value);
    }

    public long compareAndExchangeLong(int offset, long expected, long value) {
        return (long) LONG.compareAndExchange(buffer, offset, expected, value);
    }

    public long getAndAddLong(int offset, long delta) {
        return (long) LONG.getAndAdd(buffer, offset, delta);
    }

    public long getAndSetLong(int offset, long value) {
        return (long) LONG.getAndSet(buffer, offset, value);
    }

    // ---- bytes

    public byte getByte(int offset) {
        return buffer.get(offset);
    }

    public void putByte(int offset, byte value) {
        buffer.put(offset, value);
    }

    public void getBytes(int offset, byte[] dst, int dstOffset, int length) {
        buffer.get(offset, dst, dstOffset, length);
    }

    public void putBytes(int offset, byte[] src, int srcOffset, int length) {
        buffer.put(offset, src, srcOffset, length);
    }

    public void putBytes(int offset, ByteBuffer src, int srcOffset, int length) {
        buffer.put(offset, src, srcOffset, length);
    }
}
