package org.ipc4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seed programs 16-18: Lock, Semaphore, Event between processes. */
@ExtendWith(SharedDirExtension.class)
class SyncExamplesTest {

    @Test
    void lockTakingTurnsCriticalSectionsNeverInterleave() {
        ExampleRun run = ExampleRun.run("LockTakingTurns", "--max-hold", "0.3");
        assertEquals(6, run.lines.size(), run.output());
        Set<String> workers = new HashSet<>();
        for (int i = 0; i < 6; i += 2) {
            Matcher running = Pattern.compile("(\\d): (\\d+) is running").matcher(run.lines.get(i));
            assertTrue(running.matches(), run.output());
            // the next line is the same worker leaving: nobody else got in between
            assertEquals(running.group(1) + ": " + running.group(2) + " is done", run.lines.get(i + 1), run.output());
            workers.add(running.group(1));
        }
        assertEquals(Set.of("0", "1", "2"), workers);
    }

    @Test
    void semaphoreKtvNeverHasMoreThanTwoUsersInside() {
        ExampleRun run = ExampleRun.run("SemaphoreKtv", "--scale", "0.1");
        int inside = 0;
        int most = 0;
        Set<String> entered = new HashSet<>();
        Set<String> left = new HashSet<>();
        Pattern enters = Pattern.compile("(user\\d+) enters the KTV room");
        Pattern leaves = Pattern.compile("(user\\d+) leaves");
        for (String line : run.lines) {
            Matcher e = enters.matcher(line);
            Matcher l = leaves.matcher(line);
            if (e.matches()) {
                assertTrue(entered.add(e.group(1)), run.output());
                most = Math.max(most, ++inside);
            } else if (l.matches()) {
                assertTrue(entered.contains(l.group(1)) && left.add(l.group(1)), run.output());
                inside--;
            }
        }
        assertTrue(most <= 2, "at most two inside, saw " + most + ":\n" + run.output());
        assertEquals(13, entered.size());
        assertEquals(13, left.size());
        assertEquals("================================>", run.lines.get(run.lines.size() - 1));
    }

    @Test
    void eventTrafficLightLetsEveryCarPassOnceAndPoliceCarsDecideOnce() {
        ExampleRun run = ExampleRun.run("EventTrafficLight", "--interval", "2", "--cross-min", "0.2", "--cross-max", "0.5");
        for (int n = 0; n < 10; n++) {
            int passes = run.indexOf("car" + n + " passes");
            assertTrue(run.indexOf("red light, car" + n + " waits") < passes, run.output());
            assertTrue(run.lines.subList(0, passes).contains("green light for car" + n), run.output());
        }
        for (int n = 0; n < 5; n++) {
            String police = "police car" + n;
            List<String> verdicts = run.lines.stream()
                    .filter(l -> l.equals("red light, " + police + " rushes through") || l.equals("green light, " + police + " passes normally"))
                    .toList();
            boolean waited = run.lines.contains("red light, " + police + " waits");
            assertEquals(waited ? 1 : 0, verdicts.size(), "a police car that waited decides once:\n" + run.output());
        }
        assertTrue(run.lines.contains("###### true"), "the light turned green:\n" + run.output());
        assertEquals("every car has passed; traffic light terminated, exit code -15", run.lines.get(run.lines.size() - 1));
    }
}
