package org.ipc4j.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.ipc4j.os.Signals;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit codes as Python reports them: {@code System.exit(n)} is n for every n, death by signal N is -N. The JDK
 * reports both a signal and {@code System.exit(128 + N)} as 128 + N, so these children end both ways with the
 * same status.
 */
@ExtendWith(SharedDirExtension.class)
class ExitCodeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int SIGHUP = 1;

    @TempDir
    Path tmp;

    @AfterAll
    static void stopSpares() {
        JvmProcess.shutdownWarmSpares();
    }

    private static Path recordDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "ipc4j-exits-" + System.getProperty("user.name"));
    }

    private static Set<Path> records(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.collect(Collectors.toSet());
        }
    }

    private JvmProcess quiet(JvmProcess process) {
        return process.redirectOutput(ProcessBuilder.Redirect.to(tmp.resolve(process.name() + ".out").toFile()));
    }

    /** A child that marks a file once its target runs (so its JVM is past the bootstrap) and then sleeps. */
    private static JvmProcess sleeper(Path marker) {
        String path = marker.toString();
        return new JvmProcess(() -> {
            Files.createFile(Path.of(path));
            Thread.sleep(60_000);
        });
    }

    private static void awaitFile(Path marker, JvmProcess process) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.exists(marker)) {
            assertTrue(process.isAlive(), process + " ended before its target ran");
            assertTrue(System.nanoTime() < deadline, process + " did not start its target in " + TIMEOUT);
            Thread.sleep(10);
        }
    }

    private static void joinAll(List<JvmProcess> processes) throws InterruptedException {
        for (JvmProcess process : processes) {
            if (!process.join(TIMEOUT)) {
                process.kill();
                throw new AssertionError(process + " did not end in " + TIMEOUT);
            }
        }
    }

    @Test
    void statusesAbove128GivenToSystemExitAreReportedAsGiven() throws Exception {
        Set<Path> before = records(recordDirectory());
        int[] codes = {0, 3, 128, 129, 130, 137, 143, 192, 255};
        List<JvmProcess> children = new ArrayList<>();
        for (int code : codes) {
            children.add(quiet(new JvmProcess(() -> System.exit(code))).start());
        }
        joinAll(children);
        for (int i = 0; i < codes.length; i++) {
            assertEquals(codes[i], children.get(i).exitCode(), "System.exit(" + codes[i] + ")");
        }
        assertEquals(before, records(recordDirectory()), "each child's record is deleted once its code is read");
    }

    @Test
    void deathBySignalIsMinusTheSignalWhateverTheJvmDidOnTheWay() throws Exception {
        Set<Path> before = records(recordDirectory());
        JvmProcess interrupted = quiet(sleeper(tmp.resolve("int"))).start();
        JvmProcess hungUp = quiet(sleeper(tmp.resolve("hup"))).start();
        JvmProcess terminated = quiet(sleeper(tmp.resolve("term"))).start();
        JvmProcess killed = quiet(sleeper(tmp.resolve("kill"))).start();
        List<JvmProcess> all = List.of(interrupted, hungUp, terminated, killed);
        try {
            awaitFile(tmp.resolve("int"), interrupted);
            awaitFile(tmp.resolve("hup"), hungUp);
            awaitFile(tmp.resolve("term"), terminated);
            awaitFile(tmp.resolve("kill"), killed);
            // the first three run the JVM's shutdown hooks and exit with 128 + N; SIGKILL ends the process outright
            interrupted.interrupt();
            Signals.send(hungUp.pid(), SIGHUP);
            terminated.terminate();
            killed.kill();
            joinAll(all);
        } finally {
            for (JvmProcess p : all) {
                if (p.isAlive()) {
                    p.kill();
                }
            }
        }
        assertEquals(-2, interrupted.exitCode(), "SIGINT");
        assertEquals(-1, hungUp.exitCode(), "SIGHUP");
        assertEquals(-15, terminated.exitCode(), "SIGTERM");
        assertEquals(-9, killed.exitCode(), "SIGKILL");
        assertEquals(before, records(recordDirectory()), "each child's record is deleted once its code is read");
    }

    @Test
    void aWarmSpareTellsTheCasesApartToo() throws Exception {
        Set<Path> before = records(recordDirectory());
        JvmProcess exited = new JvmProcess(() -> System.exit(130)).startMethod(StartMethod.WARM).start();
        JvmProcess interrupted = sleeper(tmp.resolve("warm")).startMethod(StartMethod.WARM).start();
        try {
            awaitFile(tmp.resolve("warm"), interrupted);
            interrupted.interrupt();
            joinAll(List.of(exited, interrupted));
        } finally {
            if (interrupted.isAlive()) {
                interrupted.kill();
            }
        }
        assertEquals(130, exited.exitCode());
        assertEquals(-2, interrupted.exitCode());
        assertEquals(before, records(recordDirectory()));
    }

    @Test
    void recordsAreDeletedWhenTheChildEndsEvenIfNobodyAsks() throws Exception {
        Set<Path> before = records(recordDirectory());
        JvmProcess child = quiet(new JvmProcess(() -> System.exit(7))).start();
        assertTrue(child.join(TIMEOUT));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!records(recordDirectory()).equals(before)) {
            assertTrue(System.nanoTime() < deadline, "the record of " + child + " was not deleted: " + records(recordDirectory()));
            Thread.sleep(10);
        }
        assertEquals(7, child.exitCode(), "the code survives the record's deletion");
    }

    /** Child main: starts one child that exits 130 and prints its exit code. */
    public static final class StartsOneChild {
        public static void main(String[] args) throws Exception {
            JvmProcess child = new JvmProcess(() -> System.exit(130)).start();
            child.join();
            System.out.println("code=" + child.exitCode());
        }
    }

    @Test
    void aNewParentDeletesTheRecordsOfDeadParentsAndItsOwn() throws Exception {
        Path directory = tmp.resolve("ipc4j-exits-" + System.getProperty("user.name"));
        Files.createDirectories(directory);
        Process gone = new ProcessBuilder("true").start();
        assertEquals(0, gone.waitFor());
        Path deadParents = Files.createFile(directory.resolve(gone.pid() + "-1-1"));
        Path notOurs = Files.createFile(directory.resolve("notes.txt"));
        try (ChildJvm parent = ChildJvm.builder(StartsOneChild.class).property("java.io.tmpdir", tmp.toString()).start()) {
            parent.assertSuccess(TIMEOUT);
            assertTrue(parent.lines().contains("code=130"), parent.output());
        }
        assertFalse(Files.exists(deadParents), "the record of a dead parent is swept");
        assertEquals(Set.of(notOurs), records(directory), "no record of the new parent's child is left, and other files stay");
    }

    /** Child main: makes this JVM record how it ends into args[0], then ends normally. */
    public static final class RecordsItsEnding {
        public static void main(String[] args) {
            ExitRecords.recordEnding(args[0]);
        }
    }

    private String exitCodeSeenByAParentWithTmpDir(Path tmpDir) {
        try (ChildJvm parent = ChildJvm.builder(StartsOneChild.class).property("java.io.tmpdir", tmpDir.toString()).start()) {
            parent.assertSuccess(TIMEOUT);
            return parent.lines().stream().filter(line -> line.startsWith("code=")).findFirst().orElse(parent.output());
        }
    }

    /**
     * The records' directory is used only if it is this user's own, not a link, mode 0700: in a shared /tmp,
     * another user could make it first and feed a parent false endings, or link it elsewhere. A refused
     * directory leaves statuses read alone, so exit(130) reads as SIGINT (-2): that is how the test sees it.
     */
    @Test
    void aRecordsDirectoryThatIsALinkOrAnotherUsersIsNotUsed() throws Exception {
        String user = System.getProperty("user.name");
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path linked = Files.createDirectory(tmp.resolve("linked"));
        Files.createSymbolicLink(linked.resolve("ipc4j-exits-" + user), elsewhere);
        assertEquals("code=-2", exitCodeSeenByAParentWithTmpDir(linked), "a linked directory is refused");
        assertEquals(Set.of(), records(elsewhere), "nothing was written through the link");

        Path shared = Files.createDirectory(tmp.resolve("shared"));
        Path othersDirectory = Files.createDirectory(shared.resolve("ipc4j-exits-" + user));
        Files.setPosixFilePermissions(othersDirectory, PosixFilePermissions.fromString("rwxrwxrwx"));
        UserPrincipalLookupService users = othersDirectory.getFileSystem().getUserPrincipalLookupService();
        assumeTrue("root".equals(user), "only root can give a directory to another user; the link case above ran");
        Files.setOwner(othersDirectory, users.lookupPrincipalByName("nobody"));
        assertEquals("code=-2", exitCodeSeenByAParentWithTmpDir(shared), "another user's directory is refused");
        assertEquals(Set.of(), records(othersDirectory));
    }

    @Test
    void ourOwnRecordsDirectoryWithAWiderModeIsNarrowedAndUsed() throws Exception {
        Path directory = Files.createDirectory(tmp.resolve("ipc4j-exits-" + System.getProperty("user.name")));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals("code=130", exitCodeSeenByAParentWithTmpDir(tmp));
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aChildDoesNotWriteItsEndingThroughALink() throws Exception {
        Path victim = Files.writeString(tmp.resolve("victim"), "untouched");
        Path record = Files.createSymbolicLink(tmp.resolve("record"), victim);
        try (ChildJvm child = ChildJvm.start(RecordsItsEnding.class, record.toString())) {
            child.assertSuccess(TIMEOUT);
        }
        assertEquals("untouched", Files.readString(victim));
    }
}
