package org.ipc4j.memory;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.util.Objects;

import org.ipc4j.os.Os;

/**
 * Plain, ordered, volatile and atomic access to a direct (usually memory-mapped) buffer, bounds-checked
 * against it.
 *
 * <p>Access goes to the buffer's native address through {@link RawMemory}: {@code sun.misc.Unsafe} on JDK
 * 17-21, a {@code java.lang.foreign} segment on 22+ from the multi-release jar. Neither needs a JVM flag beyond
 * the {@code --enable-native-access} that the native backend needs on 22+ (without it there, the buffer's
 * views); Agrona's {@code UnsafeBuffer} reaches {@code jdk.internal.misc} and needs {@code --add-opens} on 17+.
 * Each access checks its offset against the buffer and keeps the buffer reachable until it is done, so that a
 * mapping is never unmapped under it.
 *
 * <p>Naming, after JCTools: {@code get}/{@code put} are plain, {@code getAcquire}/{@code putRelease} pair up
 * as acquire/release, {@code getVolatile}/{@code putVolatile} are sequentially consistent, and
 * {@code compareAndSet}/{@code getAndAdd}/{@code getAndSet} are volatile read-modify-writes. Atomic access
 * needs natural alignment: every layout in ipc4j keeps its atomic fields aligned.
 */
public final class MappedBytes {
    private final ByteBuffer buffer;
    /** Where accesses go: the native address of byte 0, or 0 where they go through the buffer (see {@link RawMemory}). */
    private final long address;
    /** {@link #address()} where {@link #address} is 0: asked of the native backend once. */
    private long addressForCalls;
    /** The last offsets where an int or a long fits (negative when none does: every offset is refused). */
    private final int lastInt;
    private final int lastLong;
    private final boolean readOnly;

    public MappedBytes(ByteBuffer buffer) {
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException("shared memory needs a direct buffer");
        }
        this.buffer = buffer.duplicate().order(ByteOrder.nativeOrder());
        this.buffer.clear();
        this.address = RawMemory.addressOf(this.buffer);
        this.lastInt = this.buffer.capacity() - Integer.BYTES;
        this.lastLong = this.buffer.capacity() - Long.BYTES;
        this.readOnly = this.buffer.isReadOnly();
    }

    public int capacity() {
        return buffer.capacity();
    }

    /** The native address of byte 0, for system calls that take an address (futex). */
    public long address() {
        if (address != 0) {
            return address;
        }
        long a = addressForCalls;
        if (a == 0) {
            a = Os.addressOf(buffer);
            addressForCalls = a;
        }
        return a;
    }

    /** A view of {@code length} bytes from {@code offset}, position 0, native byte order. */
    public ByteBuffer slice(int offset, int length) {
        return buffer.slice(offset, length).order(ByteOrder.nativeOrder());
    }

    private int intAt(int offset) {
        if (offset < 0 || offset > lastInt) {
            throw outOfBounds(offset, Integer.BYTES);
        }
        return offset;
    }

    private int longAt(int offset) {
        if (offset < 0 || offset > lastLong) {
            throw outOfBounds(offset, Long.BYTES);
        }
        return offset;
    }

    private int writableIntAt(int offset) {
        if (readOnly) {
            throw new ReadOnlyBufferException();
        }
        return intAt(offset);
    }

    private int writableLongAt(int offset) {
        if (readOnly) {
            throw new ReadOnlyBufferException();
        }
        return longAt(offset);
    }

    private IndexOutOfBoundsException outOfBounds(int offset, int size) {
        return new IndexOutOfBoundsException(size + " bytes at offset " + offset + " are outside " + buffer.capacity() + " bytes");
    }

    // ---- int

    public int getInt(int offset) {
        try {
            return RawMemory.getInt(buffer, address, intAt(offset));
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }

    public void putInt(int offset, int value) {
        try {
            RawMemory.putInt(buffer, address, writableIntAt(offset), value);
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }

    public int getIntOpaque(int offset) {
        return getIntVolatile(offset);
    }

    public int getIntAcquire(int offset) {
        return getIntVolatile(offset);
    }

    public int getIntVolatile(int offset) {
        try {
            return RawMemory.getIntVolatile(buffer, address, intAt(offset));
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }

    public void putIntOpaque(int offset, int value) {
        putIntRelease(offset, value);
    }

    public void putIntRelease(int offset, int value) {
        try {
            RawMemory.putIntRelease(buffer, address, writableIntAt(offset), value);
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }

    public void putIntVolatile(int offset, int value) {
        try {
            RawMemory.putIntVolatile(buffer, address, writableIntAt(offset), value);
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }

    public boolean compareAndSetInt(int offset, int expected, int value) {
        try {
            return RawMemory.compareAndSetInt(buffer, address, writableIntAt(offset), expected, value);
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }

    /** The value witnessed: {@code expected} if the swap happened. */
    public int compareAndExchangeInt(int offset, int expected, int value) {
        int at = writableIntAt(offset);
        try {
            while (true) {
                int witness = RawMemory.getIntVolatile(buffer, address, at);
                if (witness != expected || RawMemory.compareAndSetInt(buffer, address, at, expected, value)) {
                    return witness;
                }
            }
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }

    public int getAndAddInt(int offset, int delta) {
        try {
            return RawMemory.getAndAddInt(buffer, address, writableIntAt(offset), delta);
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }

    public int getAndSetInt(int offset, int value) {
        try {
            return RawMemory.getAndSetInt(buffer, address, writableIntAt(offset), value);
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }

    // ---- long

    public long getLong(int offset) {
        try {
            return RawMemory.getLong(buffer, address, longAt(offset));
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }

    public void putLong(int offset, long value) {
        try {
            RawMemory.putLong(buffer, address, writableLongAt(offset), value);
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }

    public long getLongOpaque(int offset) {
        return getLongVolatile(offset);
    }

    public long getLongAcquire(int offset) {
        return getLongVolatile(offset);
    }

    public long getLongVolatile(int offset) {
        try {
            return RawMemory.getLongVolatile(buffer, address, longAt(offset));
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }

    public void putLongOpaque(int offset, long value) {
        putLongRelease(offset, value);
    }

    public void putLongRelease(int offset, long value) {
        try {
            RawMemory.putLongRelease(buffer, address, writableLongAt(offset), value);
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }

    public void putLongVolatile(int offset, long value) {
        try {
            RawMemory.putLongVolatile(buffer, address, writableLongAt(offset), value);
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }

    public boolean compareAndSetLong(int offset, long expected, long value) {
        try {
            return RawMemory.compareAndSetLong(buffer, address, writableLongAt(offset), expected, value);
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }

    /** The value witnessed: {@code expected} if the swap happened. */
    public long compareAndExchangeLong(int offset, long expected, long value) {
        int at = writableLongAt(offset);
        try {
            while (true) {
                long witness = RawMemory.getLongVolatile(buffer, address, at);
                if (witness != expected || RawMemory.compareAndSetLong(buffer, address, at, expected, value)) {
                    return witness;
                }
            }
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }

    public long getAndAddLong(int offset, long delta) {
        try {
            return RawMemory.getAndAddLong(buffer, address, writableLongAt(offset), delta);
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }

    public long getAndSetLong(int offset, long value) {
        try {
            return RawMemory.getAndSetLong(buffer, address, writableLongAt(offset), value);
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }

    // ---- bytes

    public byte getByte(int offset) {
        return buffer.get(offset);
    }

    public void putByte(int offset, byte value) {
        buffer.put(offset, value);
    }

    public void getBytes(int offset, byte[] dst, int dstOffset, int length) {
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        Objects.checkFromIndexSize(offset, length, buffer.capacity());
        try {
            RawMemory.copyToArray(buffer, address, offset, dst, dstOffset, length);
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }

    public void putBytes(int offset, byte[] src, int srcOffset, int length) {
        Objects.checkFromIndexSize(srcOffset, length, src.length);
        Objects.checkFromIndexSize(offset, length, buffer.capacity());
        if (readOnly) {
            throw new ReadOnlyBufferException();
        }
        try {
            RawMemory.copyFromArray(src, srcOffset, buffer, address, offset, length);
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }

    public void putBytes(int offset, ByteBuffer src, int srcOffset, int length) {
        buffer.put(offset, src, srcOffset, length);
    }
}
