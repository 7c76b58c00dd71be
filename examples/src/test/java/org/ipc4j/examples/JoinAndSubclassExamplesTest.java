package org.ipc4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;

import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seed programs 13, 14, 15, 26 and 27: join(), Process subclasses, children started from a loop. */
@ExtendWith(SharedDirExtension.class)
class JoinAndSubclassExamplesTest {

    @Test
    void joinTwoChildrenWaitsForBothAndReportsTheirNamesAndPids() {
        ExampleRun run = ExampleRun.run("JoinTwoChildren", "--first", "0.3", "--second", "0.6");
        assertTwoJoinedChildren(run, "JvmProcess-1", "JvmProcess-2", 0.3, 0.6);
    }

    @Test
    void subProcessSubclassRunsItsRunWithItsFieldsAndName() {
        ExampleRun run = ExampleRun.run("SubProcessSubclass", "--first", "0.3", "--second", "0.6");
        // p1 was named "mrsoft"; p2 keeps the default name, numbered after p1 as in Python
        assertTwoJoinedChildren(run, "mrsoft", "JvmProcess-2", 0.3, 0.6);
    }

    private static void assertTwoJoinedChildren(ExampleRun run, String name1, String name2, double sleep1, double sleep2) {
        assertEquals("main process starts", run.lines.get(0));
        assertEquals("main process pid: " + run.pid, run.lines.get(1));
        for (String line : List.of("p1.isAlive()=true", "p2.isAlive()=true", "p1.name()=" + name1, "p2.name()=" + name2)) {
            run.indexOf(line);
        }
        long p1 = Long.parseLong(run.single("p1\\.pid\\(\\)=(\\d+)").group(1));
        long p2 = Long.parseLong(run.single("p2\\.pid\\(\\)=(\\d+)").group(1));
        double[] sleeps = {sleep1, sleep2};
        long[] pids = {p1, p2};
        int ends = run.indexOf("main process ends..");
        assertEquals(run.lines.size() - 1, ends, run.output());
        for (int i = 0; i < 2; i++) {
            run.indexOf("child (" + pids[i] + ") starts, its parent is (" + run.pid + ")");
            int ranAt = run.indexOfMatch("child \\(" + pids[i] + "\\) ran for (\\d+\\.\\d\\d) seconds");
            double ran = Double.parseDouble(run.single("child \\(" + pids[i] + "\\) ran for (\\d+\\.\\d\\d) seconds").group(1));
            assertTrue(ran >= sleeps[i] - 0.01 && ran < sleeps[i] + 5, "child " + (i + 1) + " ran " + ran + " s");
            assertTrue(ranAt < ends, "join() waited for child " + (i + 1) + ":\n" + run.output());
        }
    }

    @Test
    void downloadSubclassFinishesWhileTheParentSleeps() {
        ExampleRun run = ExampleRun.run("DownloadSubclass", "--interval", "0.3", "--parent-sleep", "3");
        assertEquals("current process (" + run.pid + ")", run.lines.get(0));
        long child = Long.parseLong(run.single("starting process (\\d+) to download").group(1));
        assertTrue(child != run.pid);
        run.indexOf("child (" + child + ") starts, its parent is (" + run.pid + ")");
        String finished = "child \\(" + child + "\\) finished, took \\((\\d+\\.\\d+)\\) seconds";
        double childTook = Double.parseDouble(run.single(finished).group(1));
        assertTrue(childTook >= 0.29 && childTook < 5, "child took " + childTook);
        String mainFinished = "main process \\(" + run.pid + "\\) finished, took \\((\\d+\\.\\d+)\\) seconds";
        double parentTook = Double.parseDouble(run.single(mainFinished).group(1));
        assertTrue(parentTook >= 2.99 && parentTook < 10, "parent took " + parentTook);
        assertTrue(run.indexOfMatch(finished) < run.indexOfMatch(mainFinished), run.output());
    }

    @Test
    void processFromLoopStartsTwoChildrenAtTwentyAndWaitsForOne() {
        assertLoopWithTwoChildren(ExampleRun.run("ProcessFromLoop"));
    }

    @Test
    void myProcessSubclassDoesTheSameWithASubclass() {
        assertLoopWithTwoChildren(ExampleRun.run("MyProcessSubclass"));
    }

    private static void assertLoopWithTwoChildren(ExampleRun run) {
        int[] mainAt = new int[100];
        for (int i = 0; i < 100; i++) {
            mainAt[i] = run.indexOf("(" + run.pid + ") main process: " + i);
            assertTrue(i == 0 || mainAt[i] > mainAt[i - 1], run.output());
        }
        int done = run.indexOf("main process done!");
        assertTrue(done > mainAt[99]);
        List<Matcher> childLines = run.matching("\\((\\d+)\\) child \\(parent: \\((\\d+)\\)\\): (\\d+)");
        assertEquals(200, childLines.size(), run.output());
        assertEquals(100 + 1 + 200, run.lines.size(), run.output());
        List<String> childPids = childLines.stream().map(m -> m.group(1)).distinct().toList();
        assertEquals(2, childPids.size());
        assertFalse(childPids.contains(String.valueOf(run.pid)));
        boolean oneFinishedBeforeTheLoopWentOn = false;
        for (String child : childPids) {
            int previous = -1;
            for (int i = 0; i < 100; i++) {
                int at = run.indexOf("(" + child + ") child (parent: (" + run.pid + ")): " + i);
                assertTrue(at > previous && at > mainAt[20], "child lines in order, after main 20:\n" + run.output());
                previous = at;
            }
            oneFinishedBeforeTheLoopWentOn |= previous < mainAt[21];
        }
        assertTrue(oneFinishedBeforeTheLoopWentOn, "the joined child ended before main 21:\n" + run.output());
    }
}
