package org.ipc4j.state;

import java.nio.ByteBuffer;
import java.time.Duration;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionHeaderDescriptor;
import org.ipc4j.region.RegionNames;
import org.ipc4j.region.SharedObject;

/**
 * A raw named block of shared memory, Python's {@code multiprocessing.shared_memory.SharedMemory}: the body
 * of the region is {@link #size()} bytes with no layout of ipc4j's, and offsets in {@link #buffer()} and
 * {@link #memory()} start at 0. The block starts 128 bytes into the mapping, so it is 128-byte aligned.
 *
 * <p>{@link #buffer()} is the plain view (Python's {@code buf}). {@link #memory()} is the atomic-capable
 * view: volatile, acquire/release and compare-and-set access to naturally aligned ints and longs, every offset
 * checked, with no JVM flag before JDK 22 (see {@link MappedBytes}). Agrona's {@code AtomicBuffer} is not
 * returned because its {@code UnsafeBuffer} uses {@code jdk.internal.misc.Unsafe}, which a JVM only allows
 * with {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}; a program started with that flag can
 * still wrap the view itself: {@code new UnsafeBuffer(memory.buffer())}.
 */
public final class SharedMemory extends SharedObject {
    private static final long serialVersionUID = 1L;
    /** The largest block: one region maps at most 2 GiB including its header. */
    public static final int MAX_SIZE = Integer.MAX_VALUE - RegionHeaderDescriptor.HEADER_LENGTH;

    private final transient MappedBytes memory;

    private SharedMemory(Region region) {
        super(region);
        this.memory = new MappedBytes(region.bytes().slice(region.bodyOffset(), region.bodyLength()));
    }

    /** Creates a zeroed block of {@code size} bytes named {@code name}; fails if the name exists. */
    public static SharedMemory create(String name, int size) {
        return Region.create(name, ObjectType.MEMORY, checkSize(name, size), bytes -> { }).buildOrClose(SharedMemory::new);
    }

    /** Creates an anonymous zeroed block, to be passed to other processes as a handle. */
    public static SharedMemory create(int size) {
        return create(RegionNames.anonymous(), size);
    }

    public static SharedMemory open(String name) {
        return Region.open(name, ObjectType.MEMORY).buildOrClose(SharedMemory::new);
    }

    /** As {@link #open(String)}, waiting at most {@code timeout} for another process to create it. */
    public static SharedMemory open(String name, Duration timeout) throws InterruptedException {
        Region.awaitCreated(name, timeout);
        return open(name);
    }

    /** Opens {@code name}, or creates it with {@code size} zeroed bytes; an existing block keeps its own size. */
    public static SharedMemory openOrCreate(String name, int size) {
        return Region.openOrCreate(name, ObjectType.MEMORY, checkSize(name, size), bytes -> { }).buildOrClose(SharedMemory::new);
    }

    private static int checkSize(String name, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("'" + name + "': shared memory needs a positive size, not " + size);
        }
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException("'" + name + "': " + size + " bytes is more than one region can map ("
                    + MAX_SIZE + ")");
        }
        return size;
    }

    public int size() {
        return memory.capacity();
    }

    /** A view of the block in native byte order, position 0 and limit {@link #size()}; each call returns a new view. */
    public ByteBuffer buffer() {
        ensureOpen();
        return memory.slice(0, memory.capacity());
    }

    /** The atomic-capable view of the block (see the class comment); offsets start at 0. */
    public MappedBytes memory() {
        ensureOpen();
        return memory;
    }
}
