package org.ipc4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seed program 8: subprocess.call. */
@ExtendWith(SharedDirExtension.class)
class SubprocessCallTest {

    @Test
    void theDefaultCommandRunsAndExitsWithZero() {
        ExampleRun run = ExampleRun.run("SubprocessCall");
        assertEquals("$ uname -a", run.lines.get(0));
        assertTrue(run.lines.get(1).startsWith("Linux"), run.output());
        assertEquals("Exit code: 0", run.lines.get(run.lines.size() - 1));
    }

    @Test
    void theCommandsOutputAndExitCodeAreShown() {
        ExampleRun run = ExampleRun.run("SubprocessCall", "sh", "-c", "echo from the subprocess; exit 3");
        assertEquals(java.util.List.of("$ sh -c echo from the subprocess; exit 3", "from the subprocess", "Exit code: 3"),
                run.lines);
    }
}
