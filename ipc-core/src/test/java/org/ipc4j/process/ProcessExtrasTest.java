package org.ipc4j.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ipc4j.testkit.Pause;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Python's active_children(), parent_process() and process_cpu_count(), and where children's output goes. */
@ExtendWith(SharedDirExtension.class)
class ProcessExtrasTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void activeChildrenAreTheStartedOnesStillRunning() throws Exception {
        JvmProcess quick = JvmProcess.start(() -> { });
        JvmProcess first = JvmProcess.start(() -> Pause.millis(60_000));
        JvmProcess second = JvmProcess.start(() -> Pause.millis(60_000));
        try {
            assertTrue(quick.join(TIMEOUT));
            List<JvmProcess> active = JvmProcess.activeChildren();
            assertTrue(active.contains(first) && active.contains(second), String.valueOf(active));
            assertFalse(active.contains(quick), "an ended child is not active");
            first.kill();
            first.join();
            assertFalse(JvmProcess.activeChildren().contains(first));
        } finally {
            first.kill();
            second.kill();
            second.join();
        }
    }

    @Test
    void aChildSeesItsParentAndTheMainProcessHasNone() throws Exception {
        assertTrue(JvmProcess.parentProcess().isEmpty(), "this JVM was not started by a JvmProcess");
        Path answer = tmp.resolve("parent");
        String path = answer.toString();
        JvmProcess child = JvmProcess.start(() -> Files.writeString(Path.of(path),
                JvmProcess.parentProcess().map(p -> Long.toString(p.pid())).orElse("none")));
        assertTrue(child.join(TIMEOUT));
        assertEquals(0, child.exitCode());
        assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(answer));
    }

    /** Child main: prints its CPU count. */
    public static final class PrintCpuCount {
        public static void main(String[] args) {
            System.out.println("cpus=" + JvmProcess.cpuCount());
        }
    }

    @Test
    void theCpuCountFollowsTheAffinityMask() throws Exception {
        assumeTrue(new File("/usr/bin/taskset").canExecute() || new File("/bin/taskset").canExecute(),
                "taskset is not installed: cannot narrow this child's affinity");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder("taskset", "-c", "0", java, "-cp", System.getProperty("java.class.path"),
                PrintCpuCount.class.getName()).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertTrue(out.contains("cpus=1"), out);
        assertEquals(Runtime.getRuntime().availableProcessors(), JvmProcess.cpuCount());
    }

    @Test
    void aCapturedChildsOutputIsKeptWholeAndNeverBlocksIt() throws Exception {
        JvmProcess child = new JvmProcess(() -> {
            System.out.println("to stdout");
            System.err.println("to stderr");
            System.out.print("x".repeat(300_000)); // far more than a pipe holds: the copier must drain it
            System.out.println();
        }).captureOutput().start();
        assertTrue(child.join(TIMEOUT), "the child blocked on its full output pipe");
        String output = child.capturedOutput();
        assertTrue(output.contains("to stdout") && output.contains("to stderr"), output.substring(0, Math.min(200, output.length())));
        assertTrue(output.contains("x".repeat(300_000)), "lost part of the output: " + output.length() + " chars");
        JvmProcess inherited = JvmProcess.start(() -> { });
        inherited.join();
        assertThrows(IllegalStateException.class, inherited::capturedOutput);
    }

    @Test
    void aPoolsWorkersWriteWhereTheBuilderSays() throws Exception {
        Path log = tmp.resolve("workers.log");
        try (ProcessPool pool = ProcessPool.builder().processes(2).workerOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .build()) {
            pool.map(x -> {
                System.out.println("task " + x + " in " + ProcessHandle.current().pid());
                return x;
            }, List.of(1, 2, 3, 4), 1);
        }
        String written = Files.readString(log);
        for (int x = 1; x <= 4; x++) {
            assertTrue(written.contains("task " + x + " in "), written);
        }
        assertThrows(IllegalArgumentException.class, () -> ProcessPool.builder().workerOutput(ProcessBuilder.Redirect.PIPE));
    }
}
