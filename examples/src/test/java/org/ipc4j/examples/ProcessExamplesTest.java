package org.ipc4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seed programs 1, 2, 3, 6, 11 and 12: starting children and what they know about themselves. */
@ExtendWith(SharedDirExtension.class)
class ProcessExamplesTest {

    @Test
    void forkLikeChildIsANewProcessWhoseParentIsTheExampleUnderBothStartMethods() {
        ExampleRun run = ExampleRun.run("ForkLikeChild", "--scale", "0.2");
        assertEquals("Process (" + run.pid + ") start...", run.lines.get(0));
        List<Matcher> created = run.matching("I \\((\\d+)\\) just created a child process \\((\\d+)\\)\\.");
        List<Matcher> children = run.matching("I am child process \\((\\d+)\\) and my parent is \\((\\d+)\\); I ran \\d+ ms after start\\(\\)\\.");
        assertEquals(2, created.size(), run.output());
        assertEquals(2, children.size(), run.output());
        Set<Long> childPids = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            long parent = Long.parseLong(created.get(i).group(1));
            long child = Long.parseLong(created.get(i).group(2));
            assertEquals(run.pid, parent);
            assertNotEquals(run.pid, child);
            assertEquals(child, Long.parseLong(children.get(i).group(1)), "the child printed the pid its parent saw");
            assertEquals(run.pid, Long.parseLong(children.get(i).group(2)), "the child's parent is the example");
            childPids.add(child);
        }
        assertEquals(2, childPids.size());
        assertTrue(run.indexOf("-- start method spawn") < run.indexOf("-- start method warm"), run.output());
    }

    @Test
    void processStartJoinRunsTheChildBetweenStartAndEnd() {
        ExampleRun run = ExampleRun.run("ProcessStartJoin");
        assertEquals("Parent process " + run.pid + ".", run.lines.get(0));
        int willStart = run.indexOf("Process will start.");
        int child = run.indexOfMatch("Run child process test \\((\\d+)\\)\\.\\.\\.");
        int end = run.indexOf("Process end.");
        assertTrue(willStart < child && child < end, run.output());
        assertNotEquals(run.pid, Long.parseLong(run.single("Run child process test \\((\\d+)\\)\\.\\.\\.").group(1)));

        ExampleRun named = ExampleRun.run("ProcessStartJoin", "--name", "other");
        named.indexOfMatch("Run child process other \\(\\d+\\)\\.\\.\\.");
    }

    @Test
    void startMethodRandomDrawsTheStaticNumberAgainInEachChildButCapturedValuesTravel() {
        ExampleRun run = ExampleRun.run("StartMethodRandom", "--scale", "0.2");
        String numLine = "pid:(\\d+), num is (\\d+) \\(static NUM drawn in pid (\\d+)\\)";
        List<Matcher> nums = run.matching(numLine);
        List<Matcher> captured = run.matching("pid:(\\d+), captured num is (\\d+)");
        assertEquals(3, nums.size(), run.output());
        assertEquals(2, captured.size(), run.output());
        Matcher parent = nums.get(0);
        assertEquals(run.pid, Long.parseLong(parent.group(1)));
        String parentNum = parent.group(2);
        Set<String> pids = new HashSet<>();
        for (int i = 1; i <= 2; i++) {
            Matcher child = nums.get(i);
            assertNotEquals(String.valueOf(run.pid), child.group(1));
            assertEquals(child.group(1), child.group(3), "the child's static field was initialised in the child");
            assertEquals(child.group(1), captured.get(i - 1).group(1));
            assertEquals(parentNum, captured.get(i - 1).group(2), "a captured value arrives unchanged");
            pids.add(child.group(1));
        }
        assertEquals(2, pids.size());
        assertTrue(run.indexOf("-- start method spawn") < run.indexOf("-- start method warm"), run.output());
    }

    @Test
    void processAliveAndPidFollowsTheLifeOfTheChild() {
        ExampleRun run = ExampleRun.run("ProcessAliveAndPid");
        long childPid = Long.parseLong(run.single("Child process\\((\\d+)\\) has been stopped \\.\\.").group(1));
        assertNotEquals(run.pid, childPid);
        assertEquals(List.of(
                "Process(" + run.pid + ") started...",
                "Child process is alive? false!",
                "Child process(null)is starting ..",
                "Child process is alive? true!",
                "Hello, cara",
                "Child process is alive? false!",
                "Child process(" + childPid + ") has been stopped ..",
                "Process(" + run.pid + ") completed..."), run.lines);
    }

    @Test
    void fiveChildrenAreFiveProcessesWhoseParentIsTheExample() {
        ExampleRun run = ExampleRun.run("FiveChildren");
        assertEquals("main pid: " + run.pid, run.lines.get(0));
        List<Matcher> children = run.matching("child pid: (\\d+) parent pid: (\\d+)");
        assertEquals(5, children.size(), run.output());
        assertEquals(6, run.lines.size(), run.output());
        Set<Long> pids = new HashSet<>();
        for (Matcher child : children) {
            pids.add(Long.parseLong(child.group(1)));
            assertEquals(run.pid, Long.parseLong(child.group(2)));
        }
        assertEquals(5, pids.size());
        assertFalse(pids.contains(run.pid));
    }

    @Test
    void processNamesAreJvmProcessOneToFiveEachWithItsOwnPid() {
        ExampleRun run = ExampleRun.run("ProcessNames");
        assertEquals("main process: MainProcess pid " + run.pid, run.lines.get(0));
        Set<String> names = new HashSet<>();
        Set<Long> pids = new HashSet<>();
        for (Matcher name : run.matching("This is (.*)")) {
            names.add(name.group(1));
        }
        assertEquals(Set.of("JvmProcess-1", "JvmProcess-2", "JvmProcess-3", "JvmProcess-4", "JvmProcess-5"), names);
        for (String name : names) {
            // each child printed its block with one write: the block's lines are together
            int at = run.indexOf("This is " + name);
            assertEquals("module name: org.ipc4j.examples.ProcessNames", run.lines.get(at + 1));
            assertEquals("parent pid: " + run.pid, run.lines.get(at + 2));
            assertTrue(run.lines.get(at + 3).startsWith("child pid: "), run.output());
            pids.add(Long.parseLong(run.lines.get(at + 3).substring("child pid: ".length())));
            assertEquals("------------------------", run.lines.get(at + 4));
        }
        assertEquals(5, pids.size());
        assertFalse(pids.contains(run.pid));
    }
}
