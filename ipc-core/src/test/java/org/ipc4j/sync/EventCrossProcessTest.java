package org.ipc4j.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedDirExtension.class)
class EventCrossProcessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Child: args eventName; waits for the event. */
    public static final class Waiter {
        public static void main(String[] args) throws Exception {
            try (SharedEvent event = SharedEvent.open(args[0])) {
                System.out.println("waiting");
                event.await();
                System.out.println("released isSet=" + event.isSet());
            }
        }
    }

    /** Child: args eventName; sets the event. */
    public static final class Setter {
        public static void main(String[] args) {
            try (SharedEvent event = SharedEvent.open(args[0])) {
                event.set();
                System.out.println("set");
            }
        }
    }

    @Test
    void threeWaitingJvmsAreAllReleasedByOneSetFromAFourth() throws Exception {
        try (SharedEvent event = SharedEvent.create("start-gun")) {
            List<ChildJvm> waiters = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waiters.add(ChildJvm.start(Waiter.class, "start-gun"));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (event.sleepingWaiters() < 3) {
                assertTrue(System.nanoTime() - deadline < 0, "the three children never slept on the event");
                Thread.sleep(5);
            }
            for (ChildJvm waiter : waiters) {
                assertFalse(waiter.lines().stream().anyMatch(l -> l.startsWith("released")), "released before the set");
            }
            ChildJvm.start(Setter.class, "start-gun").assertSuccess(TIMEOUT);
            for (ChildJvm waiter : waiters) {
                waiter.assertSuccess(Duration.ofSeconds(5));
                assertTrue(waiter.lines().contains("released isSet=true"), waiter.output());
            }
            assertTrue(event.isSet());
            event.unlink();
        }
    }

    @Test
    void awaitOnAnUnsetEventReturnsFalseAfterItsTimeout() throws Exception {
        try (SharedEvent event = SharedEvent.create("never-set")) {
            for (long millis : new long[] {50, 250, 600}) {
                long start = System.nanoTime();
                assertFalse(event.await(millis, TimeUnit.MILLISECONDS));
                long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(Math.abs(elapsed - millis) <= 50, "await(" + millis + " ms) returned after " + elapsed + " ms");
            }
            event.unlink();
        }
    }
}
