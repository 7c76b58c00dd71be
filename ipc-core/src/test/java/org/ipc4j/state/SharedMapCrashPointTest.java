package org.ipc4j.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.ipc4j.codec.Codecs;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A writer halted (as by kill -9) at each step of an insert, a replace and a remove: readers see exactly the old
 * state before the publishing store and the new one from it on, and the next writer repairs the segment.
 */
@ExtendWith(SharedDirExtension.class)
class SharedMapCrashPointTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String KEY = "the-key";

    /** Child: opens map args[0], arms the halt at step args[2], then makes update args[1]. */
    public static final class HaltingWriter {
        public static void main(String[] args) {
            try (SharedMap<String, String> map = SharedMap.open(args[0])) {
                MapUpdates.haltAtStepForTests = Integer.parseInt(args[2]);
                switch (args[1]) {
                    case "insert", "replace" -> map.put(KEY, "new value");
                    default -> map.remove(KEY);
                }
                System.out.println("completed");
            }
        }
    }

    private record Case(String update, String before, String after, List<Integer> steps) {
    }

    @Test
    void everyStepOfEveryUpdateRecoversToOldOrNew() {
        List<Integer> all = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        List<Case> cases = List.of(
                new Case("insert", null, "new value", List.of(1, 2, 3, 4, 5, 6, 9, 10)),
                new Case("replace", "old value", "new value", all),
                new Case("remove", "old value", null, List.of(1, 2, 6, 7, 8, 9, 10)));
        try (SharedMap<String, String> map = SharedMap.create("crash-points", Codecs.strings(), Codecs.strings(), 20, 16, 16)) {
            try {
                for (Case c : cases) {
                    for (int step : c.steps()) {
                        runCase(map, c, step);
                    }
                }
            } finally {
                map.unlink();
            }
        }
    }

    private static void runCase(SharedMap<String, String> map, Case c, int step) {
        map.clear();
        for (int i = 0; i < 8; i++) {
            map.put("filler-" + i, "v" + i);
        }
        if (c.before() != null) {
            map.put(KEY, c.before());
        }
        int sizeBefore = map.size();
        int sizeAfter = sizeBefore + (c.before() == null ? 1 : 0) - (c.after() == null ? 1 : 0);
        int recoveries = map.recoveries();
        int takeovers = map.table().takeovers();
        String label = c.update() + " halted at step " + step;

        ChildJvm writer = ChildJvm.start(HaltingWriter.class, "crash-points", c.update(), Integer.toString(step));
        assertEquals(99, writer.waitFor(TIMEOUT), label + ": " + writer.output());
        String expected = step >= MapUpdates.STEP_PUBLISHED ? c.after() : c.before();
        assertEquals(expected, map.get(KEY), label + ", read without the lock");

        String structure = MapInvariants.check(map);
        assertEquals(expected, map.get(KEY), label + ", after repair: " + structure);
        assertEquals(step >= MapUpdates.STEP_PUBLISHED ? sizeAfter : sizeBefore, map.size(), label);
        boolean intentWasActive = step >= MapUpdates.STEP_INTENT_ACTIVE && step <= MapUpdates.STEP_COUNTED;
        assertEquals(recoveries + (intentWasActive ? 1 : 0), map.recoveries(), label);
        assertEquals(takeovers + 1, map.table().takeovers(), label + ": the dead writer's lock was taken over");
        for (int i = 0; i < 8; i++) {
            assertEquals("v" + i, map.get("filler-" + i), label);
        }
        map.put(KEY, "afterwards");
        assertEquals("afterwards", map.get(KEY), label);
    }
}
