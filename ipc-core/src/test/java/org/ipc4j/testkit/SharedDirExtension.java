package org.ipc4j.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.ipc4j.os.ProcessTable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class its own ipc4j directory (under /dev/shm where it exists) and fails the class if a
 * test left a file in it or a child process running. Use with {@code @ExtendWith(SharedDirExtension.class)}.
 */
public final class SharedDirExtension implements BeforeAllCallback, AfterAllCallback {
    private Path dir;
    private String previous;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path base = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        dir = Files.createTempDirectory(base, "ipc4j-test-" + context.getRequiredTestClass().getSimpleName() + "-");
        previous = System.setProperty("ipc4j.dir", dir.toString());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        List<String> stragglers = new ArrayList<>(ChildJvm.killStragglers());
        stragglers.addAll(killDescendants());
        List<String> leaked;
        try (Stream<Path> files = Files.list(dir)) {
            leaked = files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        for (String name : leaked) {
            Files.deleteIfExists(dir.resolve(name));
        }
        // the directory's process table is not a leak: it belongs to the directory, and goes with it
        leaked.removeIf(ProcessTable::isTableFile);
        Files.deleteIfExists(dir);
        if (previous == null) {
            System.clearProperty("ipc4j.dir");
        } else {
            System.setProperty("ipc4j.dir", previous);
        }
        if (!leaked.isEmpty()) {
            throw new AssertionError(context.getRequiredTestClass().getSimpleName() + " left files in the shared directory: " + leaked);
        }
        if (!stragglers.isEmpty()) {
            throw new AssertionError(context.getRequiredTestClass().getSimpleName() + " left child processes running: " + stragglers);
        }
    }

    /**
     * Any process this JVM started some other way (JvmProcess children, pool workers, warm spares) that still
     * runs after the class: each is killed and reported. Descendants that exit by themselves within a short
     * grace period (a pool's workers finishing their shutdown) are not stragglers.
     */
    private static List<String> killDescendants() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<String> found = new ArrayList<>();
        ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).forEach(p -> {
            found.add(p.info().commandLine().orElse("?").replaceAll("-cp \\S+", "-cp ..") + " (pid " + p.pid() + ")");
            p.destroyForcibly();
        });
        return found;
    }

    /** The object files in the running test class's directory, sorted (its process table is not one). */
    public static List<String> objectFiles() {
        return objectFiles(dir());
    }

    /** The object files in {@code dir}, sorted: every file but the directory's process table. */
    public static List<String> objectFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(name -> !ProcessTable.isTableFile(name)).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The directory of the running test class. */
    public static Path dir() {
        return Path.of(System.getProperty("ipc4j.dir"));
    }
}
