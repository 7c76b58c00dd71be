package org.ipc4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seed programs 28 and 29: start methods, and a queue carrying 'Python' back to the parent. */
@ExtendWith(SharedDirExtension.class)
class StartMethodExamplesTest {

    @Test
    void startMethodQueueGetsPythonBackUnderSpawnAndWarm() {
        ExampleRun run = ExampleRun.run("StartMethodQueue");
        assertEquals(6, run.lines.size(), run.output());
        assertEquals("-- start method spawn", run.lines.get(0));
        assertEquals("Python", run.lines.get(2));
        assertEquals("-- start method warm", run.lines.get(3));
        assertEquals("Python", run.lines.get(5));
        String spawned = run.lines.get(1);
        String warm = run.lines.get(4);
        assertEquals(2, run.matching("new process started: \\(\\d+\\)").size(), run.output());
        assertNotEquals(spawned, warm, "two different child processes");
        assertNotEquals("new process started: (" + run.pid + ")", spawned);
        assertNotEquals("new process started: (" + run.pid + ")", warm);
    }

    @Test
    void contextStartMethodChoosesForOneProcessOnly() {
        ExampleRun warm = ExampleRun.run("ContextStartMethod");
        warm.single("new process started: \\(\\d+\\)");
        assertEquals("Python", warm.lines.get(1));
        assertEquals("this process used warm; the default for others is still spawn", warm.lines.get(2));

        ExampleRun spawn = ExampleRun.run("ContextStartMethod", "--start-method", "spawn");
        assertEquals("Python", spawn.lines.get(1));
        assertEquals("this process used spawn; the default for others is still spawn", spawn.lines.get(2));
    }
}
