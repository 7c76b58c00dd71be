package org.ipc4j.process;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.ipc4j.channel.Connection;
import org.ipc4j.channel.Pipe;
import org.ipc4j.channel.SharedQueue;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.os.Os;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionDirectory;
import org.ipc4j.region.RegionNames;
import org.ipc4j.region.SharedObjectHandle;
import org.ipc4j.sync.SharedEvent;
import org.ipc4j.sync.SharedLock;
import org.ipc4j.sync.SharedSemaphore;
import org.ipc4j.wait.FutexWord;
import org.ipc4j.wait.WaitStrategies;

/**
 * What a child JVM does before it blocks on stdin, so that a warm spare runs its target soon after it gets
 * it: load and initialise the classes every target needs, and take the path of every start once (read a
 * payload, deserialise a {@link JvmProcess} holding a serialisable lambda, run it). The first pass of the
 * JDK's lambda, serialisation and reflection machinery is what makes a cold start slow, not the target.
 */
final class SpareWarmUp {
    /** Rounds of the start path: enough for the JIT to compile its hottest parts, little enough to boot fast. */
    private static final int ROUNDS = Integer.getInteger("ipc4j.warmUpRounds", 1);

    /** Public types a target usually holds or attaches (their static state is per-JVM, none touches a file). */
    private static final List<Class<?>> COMMON = List.of(Region.class, RegionDirectory.class, RegionNames.class,
            SharedObjectHandle.class, MappedBytes.class, FutexWord.class, WaitStrategies.class, SharedEvent.class,
            SharedLock.class, SharedSemaphore.class, SharedQueue.class, Pipe.class, Connection.class);

    private static final String NO_SWEEP = "ipc4j.noSweep";

    private static volatile int sink;

    private SpareWarmUp() {
    }

    static void run() throws Exception {
        Os.currentProcess();
        for (Class<?> type : COMMON) {
            Class.forName(type.getName(), true, type.getClassLoader());
        }
        // SharedObjectHandle.readResolve finds open(String) by reflection
        SharedEvent.class.getMethod("open", String.class);
        MappedBytes bytes = new MappedBytes(ByteBuffer.allocateDirect(64));
        FutexWord word = new FutexWord(bytes, 0, 4);
        bytes.putIntVolatile(0, bytes.getIntVolatile(0) + 1);
        word.wakeAll();
        String text = "warm-up";
        JvmProcess sample = new JvmProcess(() -> sink = text.length());
        for (int i = 0; i < ROUNDS; i++) {
            startPath(sample);
        }
        checkDefaultDirectory();
        withPrivateDirectory(() -> {
            SharedEvent event = SharedEvent.create();
            try {
                startPath(new JvmProcess(event::set));
            } finally {
                event.unlink();
                event.close();
            }
        });
    }

    /**
     * Checks the directory the parent uses, if it exists, as the target's first attach would: the check is
     * then done, and the owner lookup it makes is warm. One that fails is left for the target to report.
     */
    private static void checkDefaultDirectory() {
        if (Files.isDirectory(RegionDirectory.configured())) {
            try {
                RegionDirectory.current();
            } catch (RuntimeException reportedLater) {
                // the target's own attach fails with this error, naming its object
            }
        }
    }

    /** What a child does with its payload: read it, deserialise the target, run it. */
    private static void startPath(JvmProcess target) throws Exception {
        String text = "warm-up";
        ChildPayload payload = new ChildPayload(text, false, 0, 0, "", Map.of(text, text), Serialization.toBytes(target, text));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        payload.writeTo(new DataOutputStream(out));
        ChildPayload read = ChildPayload.readFrom(new DataInputStream(new ByteArrayInputStream(out.toByteArray())));
        ((JvmProcess) ChildBootstrap.deserialize(read.target())).run();
    }

    /**
     * Runs {@code round} with ipc4j's directory pointed at a fresh private one, removed afterwards, so that the
     * warm-up creates and attaches a real shared object without touching the application's directory. The
     * background sweep of abandoned objects is turned off meanwhile, which leaves sweeping to the parent JVM.
     */
    private static void withPrivateDirectory(ProcessTarget round) throws Exception {
        Path dir = Files.createTempDirectory("ipc4j-warm-up-");
        String previousDir = System.getProperty(RegionDirectory.PROPERTY);
        String previousSweep = System.getProperty(NO_SWEEP);
        System.setProperty(RegionDirectory.PROPERTY, dir.toString());
        System.setProperty(NO_SWEEP, "true");
        try {
            round.run();
        } finally {
            restore(RegionDirectory.PROPERTY, previousDir);
            restore(NO_SWEEP, previousSweep);
            try (Stream<Path> left = Files.list(dir)) {
                for (Path file : left.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.delete(dir);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    /**
     * Loads and links (without initialising) a class the parent's targets use; a class missing here, or one
     * that fails to link, is left to the target to report.
     */
    static void preload(String className) {
        try {
            Class<?> type = Class.forName(className, false, ClassLoader.getSystemClassLoader());
            // reflection links (verifies) the class without initialising it; verifying a target's capturing
            // class and loading what that needs was ~2 ms of a warm start with the benchmark's main class
            type.getDeclaredMethods();
        } catch (ClassNotFoundException | LinkageError notHere) {
            // deserialising the target reports it, with the target's name
        }
    }
}
