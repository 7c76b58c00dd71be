package org.ipc4j.bench.workloads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

/** A Chronicle Queue in a directory of the run's ipc4j directory; the creator removes the directory. */
final class ChronicleQueueDir implements AutoCloseable {
    private final Path dir;
    private final ChronicleQueue queue;
    private final boolean creator;

    private ChronicleQueueDir(Path dir, boolean creator) {
        this.dir = dir;
        this.creator = creator;
        this.queue = SingleChronicleQueueBuilder.binary(dir).build();
    }

    static ChronicleQueueDir create(Path dir) throws IOException {
        Files.createDirectory(dir);
        return new ChronicleQueueDir(dir, true);
    }

    static ChronicleQueueDir open(Path dir) {
        return new ChronicleQueueDir(dir, false);
    }

    ChronicleQueue queue() {
        return queue;
    }

    @Override
    public void close() throws IOException {
        queue.close();
        if (creator && Files.exists(dir)) {
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(dir)) {
                paths = walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
            }
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        }
    }
}
