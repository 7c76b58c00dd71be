package org.ipc4j.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.ipc4j.process.JvmProcess;
import org.ipc4j.sync.SharedEvent;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The native backend: java.lang.foreign from the multi-release jar on JDK 22+, JNA otherwise, and a JVM on
 * JDK 25 that prints no warning about either. The build runs this class twice: on JDK 17 from target/classes
 * (JNA expected) and on the JDK 22+ of profile jdk22 against the packaged jar (FFM expected); the expectation
 * comes from the build ({@code ipc4j.test.expectedNative}).
 */
@ExtendWith(SharedDirExtension.class)
class NativeBackendTest {
    private static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void theBackendIsTheOneThisBuildAndJdkShouldHave() {
        String expected = System.getProperty("ipc4j.test.expectedNative");
        assumeTrue(expected != null, "run outside the build: nothing says which backend to expect");
        assertEquals(expected, Os.nativeBackend(), "java " + Runtime.version());
        assertEquals("linux-futex", Os.futex().name());
        assertEquals("linux-mmap-fixed", Os.mappings().name());
    }

    /**
     * A child on this JVM's JDK and class path uses every system call ipc4j makes (a futex wait woken from another
     * process, a futex timeout, a pidfd, a lifeline, kill, the mapping's release at close) and says whether JNA
     * was loaded: on the foreign backend it never is.
     */
    @Test
    void everySystemCallWorksAcrossProcessesAndTheForeignBackendNeverLoadsJna() throws Exception {
        try (SharedEvent go = SharedEvent.create("native.go"); SharedEvent done = SharedEvent.create("native.done");
             ChildJvm child = ChildJvm.start(UsesEverySystemCall.class, "native.go", "native.done")) {
            child.awaitLine("waiting"::equals, TIMEOUT);
            go.set();
            assertTrue(done.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS), child.output());
            child.assertSuccess(TIMEOUT);
            String report = child.awaitLineStartingWith("backend=", TIMEOUT);
            assertEquals("backend=" + Os.nativeBackend() + " jna=" + !Os.nativeBackend().equals("ffm"), report,
                    child.output());
            assertTrue(child.lines().contains("timed out"), child.output());
            assertTrue(child.lines().contains("signalled"), child.output());
            go.unlink();
            done.unlink();
        }
    }

    /** Child main: waits for {@code args[0]} (set by the parent), sets {@code args[1]}, then reports. */
    public static final class UsesEverySystemCall {
        public static void main(String[] args) throws Exception {
            long parent = ProcessHandle.current().parent().orElseThrow().pid();
            CountDownLatch parentExited = new CountDownLatch(1);
            ExitWatch.Listener listener = parentExited::countDown; // one instance: cancel removes what watch added
            assertTrue(Os.exitWatch().watch(parent, listener), "pidfd_open of the parent");
            try (SharedEvent go = SharedEvent.open(args[0]); SharedEvent done = SharedEvent.open(args[1])) {
                if (!go.await(1, TimeUnit.MILLISECONDS)) {
                    System.out.println("timed out");
                }
                System.out.println("waiting");
                if (!go.await(60, TimeUnit.SECONDS)) {
                    throw new AssertionError("never woken");
                }
                done.set();
            }
            Os.exitWatch().cancel(parent, listener);
            if (Signals.send(ProcessHandle.current().pid(), 0)) {
                System.out.println("signalled");
            }
            boolean jna = ClassLoader.getSystemClassLoader().getDefinedPackage("com.sun.jna") != null;
            System.out.println("backend=" + Os.nativeBackend() + " jna=" + jna);
        }
    }

    /**
     * On JDK 25 a program given {@code --enable-native-access=ALL-UNNAMED} prints no WARNING line, and neither do
     * the children ipc4j starts for it (they get the flag from ipc4j). The same program without the flag is the
     * control: the JDK warns about native access, so the check would see a warning if one came.
     */
    @Test
    void onJdk25NoWarningWithTheFlagNorFromTheChildrenIpc4jStarts() throws Exception {
        assumeTrue(Files.isExecutable(JDK_25.resolve("bin/java")), "no JDK 25 at " + JDK_25);
        List<String> flagged = runOnJdk25(true);
        assertEquals(List.of(), warnings(flagged), String.join("\n", flagged));
        assertTrue(flagged.contains("child said: started by ipc4j"), String.join("\n", flagged));

        List<String> unflagged = runOnJdk25(false);
        assertFalse(warnings(unflagged).isEmpty(), "the control: without the flag the JDK warns\n"
                + String.join("\n", unflagged));
        assertTrue(unflagged.stream().filter(line -> line.startsWith("child said:")).noneMatch(line -> line.contains("WARNING")),
                "a child started by ipc4j warned although ipc4j gives it the flag:\n" + String.join("\n", unflagged));
    }

    private static List<String> warnings(List<String> lines) {
        return lines.stream().filter(line -> line.contains("WARNING")).toList();
    }

    private static List<String> runOnJdk25(boolean flag) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JDK_25.resolve("bin/java").toString()));
        if (flag) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of("-Dipc4j.dir=" + System.getProperty("ipc4j.dir"), "-cp",
                System.getProperty("java.class.path"), StartsAChild.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS), out);
        assertEquals(0, process.exitValue(), out);
        return out.lines().toList();
    }

    /** Main on JDK 25: makes system calls itself, then starts a child through ipc4j and prints what it printed. */
    public static final class StartsAChild {
        public static void main(String[] args) throws Exception {
            try (SharedEvent event = SharedEvent.create("native.jdk25")) {
                event.await(1, TimeUnit.MILLISECONDS);
                JvmProcess child = new JvmProcess(() -> {
                    try (SharedEvent opened = SharedEvent.open("native.jdk25")) {
                        opened.await(1, TimeUnit.MILLISECONDS);
                        opened.set();
                    }
                    System.out.println("started by ipc4j");
                }).captureOutput().start();
                if (!child.join(TIMEOUT)) {
                    throw new AssertionError("the child did not end");
                }
                child.capturedOutput().lines().forEach(line -> System.out.println("child said: " + line));
                if (!event.isSet()) {
                    throw new AssertionError("the child's set was not seen");
                }
                event.unlink();
            }
        }
    }
}
