package org.ipc4j.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedDirExtension.class)
class SemaphoreCrossProcessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int JVMS = 6;
    private static final int PERMITS = 2;
    private static final int ROUNDS = 300;
    private static final int INSIDE = 0;
    private static final int MAX_INSIDE = 1;
    private static final int ENTRIES = 2;

    /** Child: args semaphoreName, gaugeName, goName; enters ROUNDS times, keeping the gauge of who is inside. */
    public static final class Entrant {
        public static void main(String[] args) throws Exception {
            try (SharedSemaphore semaphore = SharedSemaphore.open(args[0]);
                 SharedCounter gauge = SharedCounter.open(args[1]);
                 SharedEvent go = SharedEvent.open(args[2])) {
                System.out.println("ready");
                go.await();
                for (int i = 0; i < ROUNDS; i++) {
                    semaphore.acquire();
                    try {
                        long inside = gauge.getAndAdd(INSIDE, 1) + 1;
                        gauge.max(MAX_INSIDE, inside);
                        gauge.getAndAdd(ENTRIES, 1);
                        long until = System.nanoTime() + 20_000;
                        while (System.nanoTime() - until < 0) {
                            Thread.onSpinWait();
                        }
                        gauge.getAndAdd(INSIDE, -1);
                    } finally {
                        semaphore.release();
                    }
                }
                System.out.println("done");
            }
        }
    }

    @Test
    void sixJvmsNeverHaveMoreThanTwoInsideASemaphoreOfTwoAndAllFinish() {
        try (SharedSemaphore semaphore = SharedSemaphore.create("gate", PERMITS);
             SharedCounter gauge = SharedCounter.create("gate-gauge");
             SharedEvent go = SharedEvent.create("gate-go")) {
            List<ChildJvm> children = new ArrayList<>();
            for (int i = 0; i < JVMS; i++) {
                children.add(ChildJvm.start(Entrant.class, "gate", "gate-gauge", "gate-go"));
            }
            for (ChildJvm child : children) {
                child.awaitLine("ready"::equals, TIMEOUT);
            }
            go.set();
            for (ChildJvm child : children) {
                child.assertSuccess(TIMEOUT);
                assertTrue(child.lines().contains("done"), child.output());
            }
            assertEquals((long) JVMS * ROUNDS, gauge.getVolatile(ENTRIES), "every entry happened");
            assertEquals(PERMITS, gauge.getVolatile(MAX_INSIDE), "at most 2 inside, and 2 at some point (so the check could fail)");
            assertEquals(0, gauge.getVolatile(INSIDE));
            assertEquals(PERMITS, semaphore.availablePermits(), "every permit given back");
            semaphore.unlink();
            gauge.unlink();
            go.unlink();
        }
    }
}
