package org.ipc4j.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A small file in /dev/shm (else the temp dir), mapped read-write, removed on close: what ipc4j maps. */
final class MappedFile implements AutoCloseable {
    /** An offset like a region body's: 128 bytes in, so 8-byte aligned and on its own cache line. */
    static final int OFFSET = 128;

    private final Path path;
    private final MappedByteBuffer buffer;

    MappedFile(String prefix, int size) {
        try {
            Path dir = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
            path = Files.createTempFile(dir, prefix, ".bench");
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path path() {
        return path;
    }

    MappedByteBuffer buffer() {
        return buffer;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
