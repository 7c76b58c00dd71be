package org.ipc4j.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.ipc4j.errors.CannotSendException;
import org.ipc4j.os.Os;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedDirExtension.class)
class JvmProcessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @AfterAll
    static void stopSpares() {
        JvmProcess.shutdownWarmSpares();
    }

    private JvmProcess quiet(JvmProcess process) {
        return process.redirectOutput(ProcessBuilder.Redirect.to(tmp.resolve(process.name() + ".out").toFile()));
    }

    private String outputOf(JvmProcess process) throws Exception {
        return Files.readString(tmp.resolve(process.name() + ".out"));
    }

    static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void exitCodesFollowPython() throws Exception {
        JvmProcess ok = quiet(new JvmProcess(() -> System.out.println("fine"))).start();
        JvmProcess thrown = quiet(new JvmProcess(() -> {
            throw new IllegalStateException("boom in the child");
        })).start();
        JvmProcess exited = quiet(new JvmProcess(() -> System.exit(3))).start();
        JvmProcess killed = quiet(new JvmProcess(() -> sleepMillis(60_000))).start();
        JvmProcess terminated = quiet(new JvmProcess(() -> sleepMillis(60_000))).start();

        try {
            assertNull(killed.exitCode(), "null while running");
            assertTrue(killed.isAlive());
            ok.join();
            thrown.join();
            assertTrue(exited.join(TIMEOUT));
            Thread.sleep(500);
            killed.kill();
            terminated.terminate();
            killed.join();
            terminated.join();
        } finally {
            for (JvmProcess p : List.of(ok, thrown, exited, killed, terminated)) {
                if (p.isAlive()) {
                    p.kill();
                }
            }
        }

        assertEquals(0, ok.exitCode());
        assertTrue(outputOf(ok).contains("fine"));
        assertEquals(1, thrown.exitCode());
        String trace = outputOf(thrown);
        assertTrue(trace.contains("IllegalStateException: boom in the child") && trace.contains("\tat "), trace);
        assertEquals(3, exited.exitCode());
        assertEquals(-9, killed.exitCode());
        assertEquals(-15, terminated.exitCode());
        assertFalse(killed.isAlive());
    }

    /** Child main: a parent that starts a daemon and a non-daemon child, prints their pids, and waits. */
    public static final class Parent {
        public static void main(String[] args) throws Exception {
            JvmProcess daemon = new JvmProcess(() -> sleepMillis(120_000)).setDaemon(true).start();
            JvmProcess plain = new JvmProcess(() -> sleepMillis(120_000)).start();
            System.out.println("daemon=" + daemon.pid());
            System.out.println("plain=" + plain.pid());
            Thread.sleep(120_000);
        }
    }

    @Test
    void aDaemonChildDiesWithItsKilledParentAndAPlainOneOutlivesIt() throws Exception {
        ChildJvm parent = ChildJvm.start(Parent.class);
        long daemon = Long.parseLong(parent.awaitLineStartingWith("daemon=", TIMEOUT).substring(7));
        long plain = Long.parseLong(parent.awaitLineStartingWith("plain=", TIMEOUT).substring(6));
        try {
            Thread.sleep(1_000);
            // Os.liveness() counts a zombie as dead: an orphan's reaping is up to init, not to us.
            assertTrue(Os.liveness().isAlive(daemon, 0), "daemon child running");
            parent.kill9();
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (Os.liveness().isAlive(daemon, 0) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(Os.liveness().isAlive(daemon, 0), "daemon child gone within 2 s");
            Thread.sleep(500);
            assertTrue(Os.liveness().isAlive(plain, 0), "non-daemon child outlives its parent");
        } finally {
            ProcessHandle.of(daemon).ifPresent(ProcessHandle::destroyForcibly);
            ProcessHandle.of(plain).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** Child main: starts a child that prints who it is, with the start method in args[0]. */
    public static final class Introducer {
        public static void main(String[] args) throws Exception {
            JvmProcess.setStartMethod(StartMethod.valueOf(args[0]));
            System.out.println("parent pid=" + ProcessHandle.current().pid() + " name=" + JvmProcess.current().name());
            JvmProcess child = JvmProcess.start(() -> System.out.println("child pid=" + JvmProcess.current().pid()
                    + " ppid=" + JvmProcess.parentPid() + " name=" + JvmProcess.current().name()));
            child.join();
            System.out.println("child exit=" + child.exitCode() + " pid=" + child.pid());
            JvmProcess.shutdownWarmSpares();
        }
    }

    @Test
    void theChildKnowsItsNamePidAndParentUnderBothStartMethods() {
        for (StartMethod method : StartMethod.values()) {
            ChildJvm parent = ChildJvm.start(Introducer.class, method.name());
            parent.assertSuccess(TIMEOUT);
            String out = parent.output();
            long parentPid = parent.pid();
            assertTrue(out.contains("parent pid=" + parentPid + " name=MainProcess"), out);
            String childLine = parent.awaitLineStartingWith("child pid=", TIMEOUT);
            assertTrue(childLine.contains(" ppid=" + parentPid + " name=JvmProcess-1"), method + ": " + childLine);
            String childPid = childLine.substring("child pid=".length(), childLine.indexOf(' ', "child pid=".length()));
            assertTrue(out.contains("child exit=0 pid=" + childPid), method + ": " + out);
        }
    }

    /** A subclass whose fields travel to the child, like the seeds' SubProcess(Process). */
    static final class Countdown extends JvmProcess {
        private final int from;
        private final File out;

        Countdown(int from, File out) {
            this.from = from;
            this.out = out;
            setName("Countdown");
        }

        @Override
        public void run() throws Exception {
            StringBuilder text = new StringBuilder(current().name() + ":");
            for (int i = from; i > 0; i--) {
                text.append(' ').append(i);
            }
            Files.writeString(out.toPath(), text.toString());
        }
    }

    @Test
    void aSubclassRunsItsOwnRunWithItsFields() throws Exception {
        File out = tmp.resolve("countdown.txt").toFile();
        Countdown countdown = new Countdown(3, out);
        quiet(countdown).start().join();
        assertEquals(0, countdown.exitCode());
        assertEquals("Countdown: 3 2 1", Files.readString(out.toPath()));
    }

    @Test
    void misuseIsRefusedClearly() throws Exception {
        JvmProcess notStarted = new JvmProcess(() -> { });
        IllegalStateException join = assertThrows(IllegalStateException.class, notStarted::join);
        assertTrue(join.getMessage().contains("never started"), join.getMessage());
        assertNull(notStarted.pid());
        assertNull(notStarted.exitCode());
        assertFalse(notStarted.isAlive());

        JvmProcess once = quiet(new JvmProcess(() -> { })).start();
        IllegalStateException twice = assertThrows(IllegalStateException.class, once::start);
        assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
        once.join();

        Thread notSerializable = new Thread(() -> { });
        CannotSendException e = assertThrows(CannotSendException.class,
                () -> JvmProcess.start(() -> System.out.println(notSerializable.getName())));
        assertTrue(e.getMessage().contains("captured value #1 (Thread)") && e.getMessage().contains("not Serializable")
                && e.getMessage().contains("static method"), e.getMessage());
    }

    static final class HoldsAThread extends JvmProcess {
        private final Object helper = new Object();

        @Override
        public void run() {
            System.out.println(helper);
        }
    }

    @Test
    void aNonSerializableFieldIsNamed() {
        CannotSendException e = assertThrows(CannotSendException.class, () -> new HoldsAThread().start());
        assertTrue(e.getMessage().contains(".helper is a java.lang.Object"), e.getMessage());
    }
}
