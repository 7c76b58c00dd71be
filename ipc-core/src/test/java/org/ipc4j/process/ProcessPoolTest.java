package org.ipc4j.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.ipc4j.testkit.SharedDirExtension;
import org.ipc4j.testkit.Stress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedDirExtension.class)
class ProcessPoolTest {

    static int square(int x) {
        return x * x;
    }

    @Test
    void mapOfTenThousandItemsEqualsTheSequentialResult() throws Exception {
        List<Integer> xs = IntStream.range(0, 10_000).boxed().collect(Collectors.toList());
        List<Integer> expected = xs.stream().map(ProcessPoolTest::square).collect(Collectors.toList());
        try (ProcessPool pool = new ProcessPool(2)) {
            assertEquals(expected, pool.map(ProcessPoolTest::square, xs));
            assertEquals(expected, pool.map(ProcessPoolTest::square, xs, 7));
            assertEquals(expected.subList(0, 100), pool.mapAsync(ProcessPoolTest::square, xs.subList(0, 100)).get());
            List<Integer> ordered = new ArrayList<>();
            pool.imap(ProcessPoolTest::square, xs.subList(0, 500), 10).forEachRemaining(ordered::add);
            assertEquals(expected.subList(0, 500), ordered);
            List<Object> products = pool.starMap(args -> (int) args[0] * (int) args[1],
                    List.of(new Object[] {2, 3}, new Object[] {4, 5}, new Object[] {6, 7}));
            assertEquals(List.of(6, 20, 42), products);
            assertEquals(1_764, pool.apply(ProcessPoolTest::square, 42));
        }
    }

    @Test
    void imapUnorderedReturnsEveryResultOnce() throws Exception {
        List<Integer> xs = IntStream.range(0, 2_000).boxed().collect(Collectors.toList());
        try (ProcessPool pool = new ProcessPool(2)) {
            Iterator<Integer> results = pool.imapUnordered(x -> x + 1, xs, 13);
            List<Integer> seen = new ArrayList<>();
            results.forEachRemaining(seen::add);
            Collections.sort(seen);
            assertEquals(xs.stream().map(x -> x + 1).collect(Collectors.toList()), seen);
        }
    }

    @Test
    void taskExceptionsComeBackWithTheWorkersStackTrace() throws Exception {
        try (ProcessPool pool = new ProcessPool(1)) {
            CompletableFuture<Integer> failing = pool.applyAsync(x -> {
                throw new IllegalArgumentException("bad input " + x + " in pid " + ProcessHandle.current().pid());
            }, 7);
            ExecutionException e = assertThrows(ExecutionException.class, failing::get);
            IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, e.getCause());
            long workerPid = pool.workerPids().get(0);
            assertEquals("bad input 7 in pid " + workerPid, cause.getMessage());
            assertTrue(cause.getStackTrace().length > 0 && cause.getStackTrace()[0].getClassName().contains("ProcessPoolTest"),
                    "the stack trace is the worker's");

            AtomicReference<Object> callback = new AtomicReference<>();
            AtomicReference<Throwable> errorCallback = new AtomicReference<>();
            pool.applyAsync(x -> x * 2, 21, callback::set, errorCallback::set).get();
            assertEquals(42, callback.get());
            CompletableFuture<Integer> bad = pool.applyAsync(x -> 1 / x, 0, callback::set, errorCallback::set);
            assertThrows(ExecutionException.class, bad::get);
            assertInstanceOf(ArithmeticException.class, errorCallback.get());

            // the pool goes on working after failures
            assertEquals(List.of(1, 4, 9), pool.map(ProcessPoolTest::square, List.of(1, 2, 3)));
        }
    }

    @Test
    void itIsAnExecutorServiceForSerializableTasks() throws Exception {
        ProcessPool pool = new ProcessPool(2);
        Future<Long> pid = pool.submit((Callable<Long> & Serializable) () -> ProcessHandle.current().pid());
        assertTrue(pool.workerPids().contains(pid.get()), "ran in a worker");
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            calls.add((Callable<Integer> & Serializable) () -> n * 10);
        }
        List<Integer> values = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(calls)) {
            values.add(f.get());
        }
        assertEquals(List.of(0, 10, 20, 30, 40, 50, 60, 70, 80, 90), values);
        assertThrows(RejectedExecutionException.class, () -> pool.submit(() -> 1));
        pool.shutdown();
        assertThrows(RejectedExecutionException.class, () -> pool.applyAsync(x -> x, 1));
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertTrue(pool.isTerminated());
        assertEquals(List.of(), pool.workerPids());
    }

    @Test
    void aKilledWorkerFailsOnlyItsTasksAndIsReplaced() throws Exception {
        try (ProcessPool pool = new ProcessPool(2)) {
            CompletableFuture<Long> slow = pool.applyAsync(ms -> {
                Thread.sleep(ms);
                return ProcessHandle.current().pid();
            }, 60_000L);
            long victim = waitForAWorkerHolding(pool);
            ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
            ExecutionException e = assertThrows(ExecutionException.class, () -> slow.get(30, TimeUnit.SECONDS));
            WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, e.getCause());
            assertEquals(victim, died.pid());
            assertEquals(-9, died.exitCode());
            assertTrue(died.getMessage().contains("pid " + victim), died.getMessage());
            assertEquals(List.of(0, 1, 4), pool.map(ProcessPoolTest::square, List.of(0, 1, 2)), "later work runs");
            assertFalse(pool.workerPids().contains(victim));
            assertEquals(2, pool.workerPids().size(), "the dead worker was replaced");
        }
    }

    /** The pid of the worker running the single slow task (the other worker is idle). */
    private static long waitForAWorkerHolding(ProcessPool pool) throws Exception {
        Thread.sleep(1_500);
        // whichever worker took it is busy sleeping: find it by asking both for a quick answer
        Set<Long> answered = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            answered.add(pool.applyAsync(x -> ProcessHandle.current().pid(), 0).get(30, TimeUnit.SECONDS));
        }
        List<Long> busy = new ArrayList<>(pool.workerPids());
        busy.removeAll(answered);
        assertEquals(1, busy.size(), "exactly one worker is busy with the slow task: " + pool.workerPids() + " answered " + answered);
        return busy.get(0);
    }

    @Test
    void fiftyWorkerKillsDuringATwentyThousandTaskRunNeverHangAndThePoolStillWorks() throws Exception {
        int plannedKills = Stress.rounds(50, 12);
        try (ProcessPool pool = new ProcessPool(2)) {
            List<CompletableFuture<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < plannedKills * 400; i++) {
                int n = i;
                futures.add(pool.applyAsync(x -> {
                    Thread.sleep(1);
                    return x + 1;
                }, n));
            }
            Random random = new Random(42);
            int kills = 0;
            while (kills < plannedKills && !futures.get(futures.size() - 1).isDone()) {
                List<Long> pids = pool.workerPids();
                if (!pids.isEmpty()) {
                    long pid = pids.get(random.nextInt(pids.size()));
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    kills++;
                }
                // long enough for a replacement to boot and take work, so kills also land mid-task
                Thread.sleep(150 + random.nextInt(200));
            }
            int ok = 0;
            int died = 0;
            for (int i = 0; i < futures.size(); i++) {
                try {
                    assertEquals(i + 1, futures.get(i).get(120, TimeUnit.SECONDS));
                    ok++;
                } catch (ExecutionException e) {
                    assertInstanceOf(WorkerDiedException.class, e.getCause());
                    died++;
                }
            }
            assertEquals(futures.size(), ok + died);
            assertEquals(plannedKills, kills, "workers were killed during the run");
            assertTrue(died > 0 && ok > 0, "ok " + ok + ", died " + died + ", kills " + kills);
            assertEquals(List.of(1, 4, 9), pool.map(ProcessPoolTest::square, List.of(1, 2, 3)), "the pool still works");
        }
    }

    @Test
    void maxTasksPerChildReplacesWorkersAndInitializerRunsInEach() throws Exception {
        try (ProcessPool pool = ProcessPool.builder().processes(1).maxTasksPerChild(5)
                .initializer(() -> System.setProperty("pool.initialised", "yes")).build()) {
            Set<Long> pids = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                assertEquals("yes", pool.apply(x -> System.getProperty("pool.initialised"), i));
                pids.add(pool.apply(x -> ProcessHandle.current().pid(), i));
            }
            assertEquals(8, pids.size(), "40 tasks one after another at 5 per child make exactly 8 workers");
        }
    }

    @Test
    void terminateKillsWorkersAndFailsPendingTasks() throws Exception {
        ProcessPool pool = new ProcessPool(1);
        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            futures.add(pool.applyAsync(x -> {
                Thread.sleep(60_000);
                return x;
            }, i));
        }
        Thread.sleep(500);
        List<Long> pids = pool.workerPids();
        pool.terminate();
        for (CompletableFuture<Integer> f : futures) {
            CancellationException e = assertThrows(CancellationException.class, () -> f.get(30, TimeUnit.SECONDS));
            // JDK 23+ get() throws a new CancellationException("get") caused by the one the pool completed with
            Throwable reason = e.getCause() instanceof CancellationException cause ? cause : e;
            assertTrue(reason.getMessage().contains("was terminated"), String.valueOf(reason));
        }
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        }
    }

    @Test
    void workIsSharedAmongWorkers() throws Exception {
        try (ProcessPool pool = new ProcessPool(2)) {
            List<Long> pids = pool.map(x -> {
                Thread.sleep(100);
                return ProcessHandle.current().pid();
            }, IntStream.range(0, 8).boxed().collect(Collectors.toList()));
            assertEquals(Set.copyOf(pool.workerPids()), Set.copyOf(pids), "both workers ran chunks");
            Map<Long, Long> perWorker = pids.stream().collect(Collectors.groupingBy(pid -> pid, Collectors.counting()));
            assertTrue(perWorker.values().stream().allMatch(n -> n >= 2), "no worker was left idle: " + perWorker);
        }
    }

    @Test
    void aKilledWorkersQueuedTasksRunOnItsReplacement() throws Exception {
        try (ProcessPool pool = new ProcessPool(1)) {
            CompletableFuture<Integer> slow = pool.applyAsync(x -> {
                Thread.sleep(60_000);
                return x;
            }, -1);
            Thread.sleep(300);
            List<CompletableFuture<Integer>> queued = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                queued.add(pool.applyAsync(x -> x * 10, i));
            }
            Thread.sleep(1_500);
            long victim = pool.workerPids().get(0);
            ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
            ExecutionException e = assertThrows(ExecutionException.class, () -> slow.get(30, TimeUnit.SECONDS));
            assertInstanceOf(WorkerDiedException.class, e.getCause(), "the running task fails");
            for (int i = 0; i < 5; i++) {
                assertEquals(i * 10, queued.get(i).get(30, TimeUnit.SECONDS), "a task that never started runs elsewhere");
            }
        }
    }

    @Test
    void invokeAnyReturnsTheFirstSuccess() throws Exception {
        try (ProcessPool pool = new ProcessPool(2)) {
            List<Callable<String>> calls = List.of(
                    (Callable<String> & Serializable) () -> {
                        throw new IllegalStateException("no");
                    },
                    (Callable<String> & Serializable) () -> "yes");
            assertEquals("yes", pool.invokeAny(calls));
            List<Callable<String>> failing = List.of((Callable<String> & Serializable) () -> {
                throw new IllegalStateException("never");
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> pool.invokeAny(failing));
            assertInstanceOf(IllegalStateException.class, e.getCause());
        }
    }

    @Test
    void anInitializerThatAlwaysFailsBreaksThePoolInsteadOfLooping() throws Exception {
        ProcessPool pool = ProcessPool.builder().processes(1).initializer(() -> {
            throw new IllegalStateException("cannot initialise");
        }).build();
        CompletableFuture<Integer> task = pool.applyAsync(x -> x, 1);
        ExecutionException e = assertThrows(ExecutionException.class, () -> task.get(120, TimeUnit.SECONDS));
        assertInstanceOf(BrokenPoolException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("exited (last with code 1) before finishing a task"), e.getCause().getMessage());
        assertThrows(BrokenPoolException.class, () -> pool.applyAsync(x -> x, 2));
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    }

    @Test
    void joinBeforeShutdownIsRefused() {
        try (ProcessPool pool = new ProcessPool(1)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, pool::join);
            assertTrue(e.getMessage().contains("shut it down"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new ProcessPool(0));
        }
    }
}
