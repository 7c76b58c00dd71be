package org.ipc4j.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codecs;
import org.ipc4j.region.RegionDirectory;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The WARM start method: pre-started spare JVMs take targets, are replaced, and preload what targets use. */
@ExtendWith(SharedDirExtension.class)
class WarmStartTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @AfterAll
    static void stopSpares() {
        JvmProcess.shutdownWarmSpares();
    }

    /** A class whose initialisation is visible: preloading must load it without running this. */
    static final class InitialisationMarker {
        static {
            System.setProperty("ipc4j.test.markerInitialised", "yes");
        }

        private InitialisationMarker() {
        }
    }

    @Test
    void warmChildrenRunTheirTargetsInSparesWithPythonExitCodes() throws Exception {
        try (SharedQueue<String> queue = SharedQueue.create(Codecs.strings())) {
            JvmProcess first = new JvmProcess(() -> queue.put(JvmProcess.current().name() + " "
                    + ProcessHandle.current().pid() + " " + JvmProcess.parentPid() + " "
                    + System.getProperty("sun.java.command"))).setName("warm-1").startMethod(StartMethod.WARM).start();
            assertTrue(first.join(TIMEOUT));
            assertEquals(0, first.exitCode());
            String report = queue.poll(10, TimeUnit.SECONDS);
            assertNotNull(report, "the warm child reported");
            String[] fields = report.split(" ");
            assertEquals("warm-1", fields[0]);
            assertEquals(String.valueOf(first.pid()), fields[1]);
            assertEquals(String.valueOf(ProcessHandle.current().pid()), fields[2]);
            // the JVM was started as a spare, before the target existed
            assertEquals(ChildBootstrap.class.getName() + " " + ChildBootstrap.SPARE,
                    String.join(" ", List.of(fields).subList(3, fields.length)));

            JvmProcess thrown = new JvmProcess(() -> {
                throw new IllegalStateException("boom in a warm child (expected by WarmStartTest)");
            }).startMethod(StartMethod.WARM).start();
            assertTrue(thrown.join(TIMEOUT));
            JvmProcess exited = new JvmProcess(() -> System.exit(3)).startMethod(StartMethod.WARM).start();
            assertTrue(exited.join(TIMEOUT));
            assertEquals(1, thrown.exitCode());
            assertEquals(3, exited.exitCode());
            // each start took a spare of its own: a spare runs one target only
            assertNotEquals(first.pid(), thrown.pid());
            assertNotEquals(thrown.pid(), exited.pid());
            queue.unlink();
        }
    }

    @Test
    void aSpareLoadsTheClassesItIsToldOfWithoutInitialisingThemAndThenTakesItsPayload() throws Exception {
        ChildPayload sent = new ChildPayload("preloaded", false, 42, 7, "/tmp/record", Map.of("k", "v"), new byte[] {1, 2, 3});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(ChildBootstrap.PRELOAD);
        out.writeInt(2);
        out.writeUTF(InitialisationMarker.class.getName());
        out.writeUTF("org.ipc4j.no.such.Type");
        out.writeByte(ChildBootstrap.PAYLOAD);
        sent.writeTo(out);

        ChildPayload received = ChildBootstrap.awaitPayload(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals("preloaded", received.name());
        assertEquals("/tmp/record", received.exitRecord());
        assertEquals(42, received.parentPid());
        assertEquals(Map.of("k", "v"), received.properties());
        assertEquals(List.of((byte) 1, (byte) 2, (byte) 3), List.of(received.target()[0], received.target()[1], received.target()[2]));
        assertEquals(null, System.getProperty("ipc4j.test.markerInitialised"), "preloading initialised the class");

        EOFException unknown = assertThrows(EOFException.class,
                () -> ChildBootstrap.awaitPayload(new DataInputStream(new ByteArrayInputStream(new byte[] {9}))));
        assertTrue(unknown.getMessage().contains("unknown message 9"), unknown.getMessage());
        assertThrows(EOFException.class, () -> ChildBootstrap.awaitPayload(new DataInputStream(new ByteArrayInputStream(new byte[0]))));
    }

    @Test
    void theSpareWarmUpCreatesItsSharedObjectsInAPrivateDirectoryAndRemovesIt() throws Exception {
        Path appDir = Path.of(System.getProperty(RegionDirectory.PROPERTY));
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> warmUpDirsBefore = warmUpDirs(tmp);

        SpareWarmUp.run();

        assertEquals(appDir.toString(), System.getProperty(RegionDirectory.PROPERTY), "the directory property is restored");
        assertEquals(null, System.getProperty("ipc4j.noSweep"), "the sweep setting is restored");
        try (Stream<Path> files = Files.list(appDir)) {
            assertEquals(List.of(), files.toList(), "the warm-up touched the application's directory");
        }
        assertEquals(warmUpDirsBefore, warmUpDirs(tmp), "the warm-up left its private directory behind");
    }

    private static List<Path> warmUpDirs(Path tmp) throws Exception {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("ipc4j-warm-up-")).sorted().toList();
        }
    }

    @Test
    void childrenRunWithoutPerfDataUnlessTheyAskForIt() throws Exception {
        try (SharedQueue<String> queue = SharedQueue.create(Codecs.strings())) {
            JvmProcess plain = new JvmProcess(() -> queue.put("plain " + usePerfData())).startMethod(StartMethod.SPAWN).start();
            assertTrue(plain.join(TIMEOUT));
            JvmProcess asked = new JvmProcess(() -> queue.put("asked " + usePerfData())).jvmArgs("-XX:+UsePerfData").start();
            assertTrue(asked.join(TIMEOUT));
            assertEquals(0, plain.exitCode());
            assertEquals(0, asked.exitCode());
            assertEquals("plain false", queue.poll(10, TimeUnit.SECONDS));
            assertEquals("asked true", queue.poll(10, TimeUnit.SECONDS));
            assertEquals(1, ChildCommand.build(List.of(), false).indexOf(ChildCommand.NO_PERF_DATA),
                    "the default comes before every inherited option, so that they override it");
            queue.unlink();
        }
    }

    private static String usePerfData() {
        return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption("UsePerfData").getValue();
    }
}
