package org.ipc4j.bench.workloads;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.latency.RoundTripWorkload;
import org.ipc4j.memory.MappedBytes;

/**
 * {@link FileLock} (fcntl record locks) contended by two JVMs: both loop lock, touch a word under the lock,
 * unlock; the measuring side times each lock+write+unlock. The JDK allocates a FileLock object per lock.
 */
public final class FileLockHandoff implements RoundTripWorkload {
    private Path file;
    private FileChannel channel;
    private MappedBytes word;
    private boolean creator;

    @Override
    public String workload() {
        return WorkloadIds.LOCK_HANDOFF;
    }

    @Override
    public String implementation() {
        return "java.nio FileLock (fcntl)";
    }

    @Override
    public Kind kind() {
        return Kind.PEER;
    }

    @Override
    public void create(BenchContext context) throws IOException {
        file = context.dir().resolve(context.name("filelock"));
        creator = true;
        open(StandardOpenOption.CREATE_NEW);
    }

    @Override
    public void attach(BenchContext context) throws IOException {
        file = context.dir().resolve(context.name("filelock"));
        open(StandardOpenOption.READ);
    }

    private void open(StandardOpenOption mode) throws IOException {
        channel = FileChannel.open(file, mode, StandardOpenOption.READ, StandardOpenOption.WRITE);
        MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, Long.BYTES);
        word = new MappedBytes(mapped);
    }

    @Override
    public void ping(long token) throws IOException {
        FileLock lock = channel.lock(0, Long.BYTES, false);
        try {
            word.putLongVolatile(0, token);
        } finally {
            lock.release();
        }
    }

    @Override
    public long pong() throws IOException {
        FileLock lock = channel.lock(0, Long.BYTES, false);
        try {
            return word.getLongVolatile(0);
        } finally {
            lock.release();
        }
    }

    @Override
    public String note() {
        return "both JVMs loop lock/write/unlock on the same byte range; time of one lock+write+unlock";
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
        if (creator && file != null) {
            Files.deleteIfExists(file);
        }
    }
}
