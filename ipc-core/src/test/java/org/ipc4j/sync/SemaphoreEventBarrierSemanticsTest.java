package org.ipc4j.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.ipc4j.testkit.SharedDirExtension;
import org.ipc4j.wait.BlockingWaitStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Contract details of the semaphore, event and barrier, checked with threads of one JVM. */
@ExtendWith(SharedDirExtension.class)
class SemaphoreEventBarrierSemanticsTest {

    @Test
    void aWaiterForTwoPermitsIsWokenWhenTwoSingleReleasesMakeThem() throws Exception {
        try (SharedSemaphore semaphore = SharedSemaphore.create("bulk", 0)) {
            // 10 s sleep slices: only a real wake-up can end the wait within the 5 s asserted below
            semaphore.waitStrategy(new BlockingWaitStrategy(0, 0, TimeUnit.SECONDS.toNanos(10)));
            AtomicReference<String> result = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                try {
                    result.set("got=" + semaphore.tryAcquire(2, 30, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    result.set("interrupted");
                }
            });
            waiter.start();
            awaitSleepers(semaphore::sleepingWaiters);
            semaphore.release();
            Thread.sleep(50);
            assertTrue(waiter.isAlive(), "one permit is not enough");
            long start = System.nanoTime();
            semaphore.release();
            waiter.join(20_000);
            assertEquals("got=true", result.get());
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5_000, "woken by the release, not by a sleep slice");
            assertEquals(0, semaphore.availablePermits());
            long before = System.nanoTime();
            assertFalse(semaphore.tryAcquire(100, TimeUnit.MILLISECONDS));
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before) >= 99);
            semaphore.unlink();
        }
    }

    @Test
    void aSetFollowedAtOnceByAClearStillReleasesTheWaiters() throws Exception {
        try (SharedEvent event = SharedEvent.create("blink")) {
            event.waitStrategy(new BlockingWaitStrategy(0, 0, TimeUnit.SECONDS.toNanos(10)));
            AtomicReference<String> result = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                try {
                    result.set("set=" + event.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    result.set("interrupted");
                }
            });
            waiter.start();
            awaitSleepers(event::sleepingWaiters);
            long start = System.nanoTime();
            event.set();
            event.clear();
            waiter.join(20_000);
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5_000, "woken by the set, not by a sleep slice");
            assertEquals("set=true", result.get());
            assertFalse(event.isSet());
            event.set();
            assertTrue(event.await(0, TimeUnit.SECONDS), "a set event returns at once");
            event.unlink();
        }
    }

    @Test
    void threePartiesGetDistinctArrivalIndicesEachGeneration() throws Exception {
        try (SharedBarrier barrier = SharedBarrier.create("indices", 3)) {
            for (int generation = 0; generation < 5; generation++) {
                Set<Integer> indices = new TreeSet<>();
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    Thread party = new Thread(() -> {
                        try {
                            int index = barrier.await(10, TimeUnit.SECONDS);
                            synchronized (indices) {
                                indices.add(index);
                            }
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    });
                    party.start();
                    threads.add(party);
                }
                for (Thread party : threads) {
                    party.join(10_000);
                }
                assertEquals(Set.of(0, 1, 2), indices);
            }
            assertEquals(5, barrier.generation());
            assertEquals(1, barrier.registeredProcesses(), "this JVM registered once");
            barrier.unlink();
        }
    }

    @Test
    void aTimeoutBreaksTheBarrierForTheOtherWaitersAndResetRepairsIt() throws Exception {
        try (SharedBarrier barrier = SharedBarrier.create("timeouts", 3)) {
            AtomicReference<Throwable> other = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                try {
                    barrier.await();
                } catch (Throwable t) {
                    other.set(t);
                }
            });
            waiter.start();
            while (barrier.numberWaiting() < 1) {
                Thread.sleep(1);
            }
            long start = System.nanoTime();
            assertThrows(TimeoutException.class, () -> barrier.await(150, TimeUnit.MILLISECONDS));
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 149);
            waiter.join(5_000);
            assertTrue(other.get() instanceof BrokenBarrierException, String.valueOf(other.get()));
            assertTrue(barrier.isBroken());
            assertThrows(BrokenBarrierException.class, barrier::await, "a broken barrier refuses arrivals");

            barrier.reset();
            assertFalse(barrier.isBroken());
            Thread resetVictim = new Thread(() -> {
                try {
                    barrier.await();
                    other.set(null);
                } catch (Throwable t) {
                    other.set(t);
                }
            });
            resetVictim.start();
            while (barrier.numberWaiting() < 1) {
                Thread.sleep(1);
            }
            barrier.reset();
            resetVictim.join(5_000);
            assertTrue(other.get() instanceof BrokenBarrierException, "a reset breaks the waiting generation: " + other.get());
            assertFalse(barrier.isBroken(), "and leaves a clean one");
            barrier.unlink();
        }
    }

    private static void awaitSleepers(java.util.function.IntSupplier sleepers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sleepers.getAsInt() < 1) {
            assertTrue(System.nanoTime() - deadline < 0, "nobody slept");
            Thread.sleep(1);
        }
    }
}
