package org.ipc4j.bench.workloads;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/** An Agrona ring buffer in a memory-mapped file in the run's directory (the memory ipc4j uses too). */
final class AgronaRingFile implements AutoCloseable {
    /** 64 KiB of messages: 2048 records of 32 bytes (header 8 + payload rounded up to 8). */
    static final int CAPACITY = 64 * 1024;
    static final int MESSAGE_TYPE = 1;

    private final Path path;
    private final MappedByteBuffer mapped;
    private final RingBuffer ring;
    private final boolean creator;

    private AgronaRingFile(Path path, MappedByteBuffer mapped, RingBuffer ring, boolean creator) {
        this.path = path;
        this.mapped = mapped;
        this.ring = ring;
        this.creator = creator;
    }

    static AgronaRingFile create(Path path, boolean manyToOne) {
        return create(path, manyToOne, CAPACITY);
    }

    /** A ring of {@code capacity} bytes (a power of two) instead of the default 64 KiB. */
    static AgronaRingFile create(Path path, boolean manyToOne, int capacity) {
        MappedByteBuffer mapped = IoUtil.mapNewFile(path.toFile(), capacity + RingBufferDescriptor.TRAILER_LENGTH);
        return new AgronaRingFile(path, mapped, ring(mapped, manyToOne), true);
    }

    static AgronaRingFile open(Path path, boolean manyToOne) {
        File file = path.toFile();
        MappedByteBuffer mapped = IoUtil.mapExistingFile(file, file.getName());
        return new AgronaRingFile(path, mapped, ring(mapped, manyToOne), false);
    }

    private static RingBuffer ring(MappedByteBuffer mapped, boolean manyToOne) {
        UnsafeBuffer buffer = new UnsafeBuffer(mapped);
        return manyToOne ? new ManyToOneRingBuffer(buffer) : new OneToOneRingBuffer(buffer);
    }

    RingBuffer ring() {
        return ring;
    }

    @Override
    public void close() throws Exception {
        IoUtil.unmap(mapped);
        if (creator) {
            Files.deleteIfExists(path);
        }
    }
}
