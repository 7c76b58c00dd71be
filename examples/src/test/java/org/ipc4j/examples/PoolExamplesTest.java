package org.ipc4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seed programs 4, 7/10, 19, 20 and 30: ProcessPool. */
@ExtendWith(SharedDirExtension.class)
class PoolExamplesTest {

    @Test
    void poolApplyAsyncRunsEachTaskOnceInAWorkerAndPrintsItsSquare() {
        ExampleRun run = ExampleRun.run("PoolApplyAsync", "--task-sleep", "0.2");
        assertEquals("Parent process " + run.pid + ".", run.lines.get(0));
        Set<String> workers = new HashSet<>();
        for (int x = 0; x < 5; x++) {
            Matcher started = run.single("Run task " + x + " \\(pid:(\\d+)\\)\\.\\.\\.");
            workers.add(started.group(1));
            assertTrue(run.indexOfMatch("Run task " + x + " \\(pid:\\d+\\)\\.\\.\\.") < run.indexOf("Task " + x + " result is: " + x * x));
        }
        assertFalse(workers.contains(String.valueOf(run.pid)), "tasks run in worker processes");
        assertTrue(workers.size() <= 4, "a pool of four: " + workers);
        run.indexOf("Waiting for all subprocesses done...");
        assertEquals(run.lines.size() - 1, run.indexOf("All subprocesses done."), run.output());
    }

    /** The seed's point: four workers run four of the five 2 s tasks at once. */
    @Test
    void poolApplyAsyncRunsFourTasksAtOnce() {
        ExampleRun run = ExampleRun.run("PoolApplyAsync");
        int running = 0;
        int most = 0;
        for (String line : run.lines) {
            if (line.startsWith("Run task ")) {
                most = Math.max(most, ++running);
            } else if (line.startsWith("Task ")) {
                running--;
            }
        }
        assertEquals(4, most, run.output());
    }

    @Test
    void poolRandomSleepsRunsFiveTasksEachForAtMostTheLongestSleep() {
        ExampleRun run = ExampleRun.run("PoolRandomSleeps", "--max-sleep", "0.3");
        Set<String> workers = new HashSet<>();
        for (int name = 0; name < 5; name++) {
            String pid = run.single("Run task " + name + " \\((\\d+)\\)\\.\\.\\.").group(1);
            Matcher ran = run.single("Task " + name + " \\((\\d+)\\) runs (\\d+\\.\\d\\d) seconds\\.");
            assertEquals(pid, ran.group(1), "the task ends in the worker it started in");
            assertTrue(Double.parseDouble(ran.group(2)) < 0.3 + 1, run.output());
            workers.add(pid);
        }
        assertFalse(workers.contains(String.valueOf(run.pid)));
        assertTrue(workers.size() <= 4, "a pool of four: " + workers);
        assertEquals(run.lines.size() - 1, run.indexOf("All subprocesses done."), run.output());
    }

    @Test
    void poolTenTasksRunsEachOfTheTenOnceInAtMostFourWorkers() {
        ExampleRun run = ExampleRun.run("PoolTenTasks", "--task-sleep", "0.1");
        assertEquals("parent process (" + run.pid + ") starts", run.lines.get(0));
        Set<String> workers = new HashSet<>();
        for (int name = 0; name < 10; name++) {
            workers.add(run.single("child process \\((\\d+)\\) runs task \\(" + name + "\\)").group(1));
        }
        assertFalse(workers.contains(String.valueOf(run.pid)));
        assertTrue(workers.size() <= 4, "a pool of four: " + workers);
        assertEquals(12, run.lines.size(), run.output());
        assertEquals("all child processes ended.....", run.lines.get(11));
    }

    @Test
    void poolPortScanFindsThePortThisTestOpened() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = listening.getLocalPort();
            long start = System.nanoTime();
            ExampleRun run = ExampleRun.run("PoolPortScan");
            double seconds = (System.nanoTime() - start) / 1e9;
            run.indexOfMatch("I am process \\d+,port " + port + " is opened!");
            for (Matcher open : run.matching("I am process (\\d+),port (\\d+) is opened!")) {
                assertFalse(open.group(1).equals(String.valueOf(run.pid)), "ports are scanned by the workers");
            }
            assertEquals("All subprocesses had finished!", run.lines.get(run.lines.size() - 1));
            assertTrue(seconds < 60, "the scan of 65536 ports took " + seconds + " s");
        }
    }

    @Test
    void poolStarMapComputesEveryPowerEachWay() {
        ExampleRun run = ExampleRun.run("PoolStarMap");
        assertEquals(List.of(
                "1. map over one argument holding both [PowerArgs[base=2, exponent=3], PowerArgs[base=3, exponent=2], "
                        + "PowerArgs[base=10, exponent=4]]: [8, 9, 10000]",
                "2. map with the exponent fixed at 2 over [1, 2, 3, 4, 5]: [1, 4, 9, 16, 25]",
                "3. starmap over (2, 10), (5, 3), (7, 0): [1024, 125, 1]"), run.lines);
    }
}
