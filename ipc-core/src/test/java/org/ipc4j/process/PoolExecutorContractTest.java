package org.ipc4j.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.ipc4j.state.SharedLongArray;
import org.ipc4j.sync.SharedEvent;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link ProcessPool} as a {@link java.util.concurrent.ExecutorService}, contract point by contract point, with
 * real worker JVMs. Tasks record in shared memory that they started, so "never ran" is seen, not assumed.
 */
@ExtendWith(SharedDirExtension.class)
class PoolExecutorContractTest {

    /** Marks slot {@code i} started (with the worker's pid), then works {@code millis}. */
    private static Callable<Integer> marking(SharedLongArray started, int i, long millis) {
        return (Callable<Integer> & Serializable) () -> {
            started.set(i, ProcessHandle.current().pid());
            if (millis > 0) {
                Thread.sleep(millis);
            }
            return i;
        };
    }

    @Test
    void shutdownNowReturnsExactlyTheTasksThatNeverStartedAndLosesNone() throws Exception {
        int tasks = 300;
        try (SharedLongArray started = SharedLongArray.create(tasks)) {
            ProcessPool pool = new ProcessPool(2);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                // 0, 1 ms and 10 ms of work, so the cut falls among held, running and finished tasks alike
                futures.add(pool.submit(marking(started, i, i % 3 == 0 ? 0 : i % 3 == 1 ? 1 : 10)));
            }
            while (count(started, tasks) < 20) {
                Thread.sleep(5);
            }
            List<Runnable> neverStarted = pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
            Set<Runnable> returned = new HashSet<>(neverStarted);
            assertEquals(neverStarted.size(), returned.size(), "no task returned twice");
            int lost = 0;
            for (int i = 0; i < tasks; i++) {
                Future<Integer> f = futures.get(i);
                boolean ran = started.get(i) != 0;
                boolean back = returned.contains(f);
                assertFalse(ran && back, "task " + i + " started in a worker and was returned as never started");
                if (!ran && !back) {
                    lost++;
                }
                if (back) {
                    assertFalse(f.isDone(), "a returned task is left for the caller to run or cancel");
                } else if (ran) {
                    assertTrue(f.isDone(), "task " + i + " started: it completed or was cancelled by the kill");
                }
            }
            assertEquals(0, lost, "tasks neither run nor returned");
            assertTrue(neverStarted.size() > 0 && neverStarted.size() < tasks, "the cut fell part way: " + neverStarted.size());
            // a returned task runs in the caller when run, and its future completes
            Runnable first = neverStarted.get(0);
            int index = futures.indexOf(first);
            first.run();
            assertEquals(index, futures.get(index).get(1, TimeUnit.SECONDS));
            assertEquals(ProcessHandle.current().pid(), started.get(index), "it ran here");
            started.unlink();
        }
    }

    @Test
    void shutdownNowReturnsPoolTasksAsRunnableFutures() throws Exception {
        try (SharedEvent running = SharedEvent.create(); SharedEvent release = SharedEvent.create()) {
            ProcessPool pool = new ProcessPool(1);
            CompletableFuture<Boolean> blocker = pool.applyAsync(x -> {
                running.set();
                return release.await(30, TimeUnit.SECONDS);
            }, 0);
            List<CompletableFuture<Integer>> queued = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                queued.add(pool.applyAsync(x -> x * 2, i));
            }
            assertTrue(running.await(30, TimeUnit.SECONDS));
            List<Runnable> neverStarted = pool.shutdownNow();
            assertEquals(5, neverStarted.size(), "everything behind the running task");
            for (int i = 0; i < 5; i++) {
                assertSame(queued.get(i), neverStarted.get(i), "in submission order, the futures themselves");
            }
            assertThrows(CancellationException.class, () -> blocker.get(30, TimeUnit.SECONDS));
            neverStarted.get(3).run();
            assertEquals(6, queued.get(3).get(1, TimeUnit.SECONDS));
            assertTrue(((Future<?>) neverStarted.get(4)).cancel(false));
            assertTrue(queued.get(4).isCancelled());
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
            release.unlink();
            running.unlink();
        }
    }

    @Test
    void cancelOfATaskNotYetStartedMeansItNeverRuns() throws Exception {
        int tasks = 50;
        try (SharedLongArray started = SharedLongArray.create(tasks + 1);
             SharedEvent release = SharedEvent.create();
             ProcessPool pool = new ProcessPool(1)) {
            // one worker, busy: every task below is sent to it (it holds up to 128) but none starts
            Future<Integer> blocker = pool.submit((Callable<Integer> & Serializable) () -> {
                started.set(tasks, 1);
                return release.await(30, TimeUnit.SECONDS) ? 1 : 0;
            });
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                futures.add(pool.submit(marking(started, i, 0)));
            }
            while (started.get(tasks) == 0) {
                Thread.sleep(5);
            }
            Thread.sleep(100); // the tasks reach the worker
            for (int i = 0; i < tasks; i += 2) {
                assertTrue(futures.get(i).cancel(i % 4 == 0), "task " + i + " had not started");
                assertTrue(futures.get(i).isCancelled());
            }
            assertFalse(blocker.cancel(false), "a running task is not stopped by cancel(false)");
            release.set();
            assertEquals(1, blocker.get(30, TimeUnit.SECONDS));
            for (int i = 1; i < tasks; i += 2) {
                assertEquals(i, futures.get(i).get(30, TimeUnit.SECONDS));
            }
            for (int i = 0; i < tasks; i += 2) {
                assertEquals(0, started.get(i), "cancelled task " + i + " ran");
                int n = i;
                assertThrows(CancellationException.class, () -> futures.get(n).get());
            }
            release.unlink();
            started.unlink();
        }
    }

    @Test
    void cancelTrueOfARunningTaskKillsItsWorkerAndThePoolGoesOn() throws Exception {
        try (SharedLongArray started = SharedLongArray.create(1);
             ProcessPool pool = new ProcessPool(1)) {
            long before = pool.workerPids().get(0);
            Future<Integer> stuck = pool.submit(marking(started, 0, 60_000));
            while (started.get(0) == 0) {
                Thread.sleep(5);
            }
            assertTrue(stuck.cancel(true));
            assertTrue(stuck.isCancelled());
            assertTrue(ProcessHandle.of(before).map(h -> h.onExit().orTimeout(30, TimeUnit.SECONDS).join()).isPresent());
            assertEquals(Integer.valueOf(7), pool.apply((Integer x) -> x + 1, 6));
            assertNotEquals(before, pool.workerPids().get(0), "a replacement took the killed worker's place");
            started.unlink();
        }
    }

    @Test
    void invokeAnyCancelsWhatIsStillPendingWhenItReturns() throws Exception {
        int slow = 6;
        try (SharedLongArray done = SharedLongArray.create(slow);
             ProcessPool pool = new ProcessPool(1)) {
            List<Callable<String>> calls = new ArrayList<>();
            calls.add((Callable<String> & Serializable) () -> "quick");
            for (int i = 0; i < slow; i++) {
                int n = i;
                calls.add((Callable<String> & Serializable) () -> {
                    Thread.sleep(300);
                    done.set(n, 1);
                    return "slow";
                });
            }
            assertEquals("quick", pool.invokeAny(calls));
            Thread.sleep(300 * (slow + 1));
            long[] finished = new long[slow];
            Arrays.setAll(finished, done::get);
            assertEquals(0, Arrays.stream(finished).sum(), "slow tasks finished after invokeAny returned: "
                    + Arrays.toString(finished));
            assertEquals(Integer.valueOf(3), pool.apply((Integer x) -> x + 1, 2), "the pool still works");
            done.unlink();
        }
    }

    @Test
    void nullTasksAreNullPointerExceptions() throws Exception {
        try (ProcessPool pool = new ProcessPool(1)) {
            assertThrows(NullPointerException.class, () -> pool.execute(null));
            assertThrows(NullPointerException.class, () -> pool.submit((Callable<Integer>) null));
            assertThrows(NullPointerException.class, () -> pool.submit((Runnable) null));
            List<Callable<Integer>> withNull = new ArrayList<>();
            withNull.add((Callable<Integer> & Serializable) () -> 1);
            withNull.add(null);
            assertThrows(NullPointerException.class, () -> pool.invokeAll(withNull));
            assertThrows(NullPointerException.class, () -> pool.invokeAny(withNull));
            assertThrows(NullPointerException.class, () -> pool.invokeAll(null));
        }
    }

    private static int count(SharedLongArray started, int n) {
        int c = 0;
        for (int i = 0; i < n; i++) {
            c += started.get(i) != 0 ? 1 : 0;
        }
        return c;
    }
}
