package org.ipc4j.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.ipc4j.os.Signals;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Per-task timeouts (pebble, loky) and Python 3.14's terminate_workers/kill_workers, with real worker JVMs. */
@ExtendWith(SharedDirExtension.class)
class PoolTimeoutTest {
    private static final int SIGSTOP = 19;

    @TempDir
    Path tmp;

    private static Integer sleepFor(Integer millis) throws InterruptedException {
        Thread.sleep(millis);
        return millis;
    }

    private static Throwable causeOf(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(60, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void aTaskPastItsTimeoutKillsItsWorkerFailsAloneAndQueuedTimeDoesNotCount() throws Exception {
        try (ProcessPool pool = new ProcessPool(1)) {
            assertEquals(Integer.valueOf(2), pool.apply((Integer x) -> x + 1, 1), "warm-up: the worker runs");
            long first = pool.workerPids().get(0);
            long started = System.nanoTime();
            CompletableFuture<Integer> slow = pool.applyAsync(PoolTimeoutTest::sleepFor, 30_000, Duration.ofMillis(300));
            // held by the same worker behind the slow one for longer than its own timeout, then run elsewhere
            CompletableFuture<Integer> queued = pool.applyAsync(x -> x * 2, 21, Duration.ofMillis(300));

            TaskTimeoutException timeout = assertInstanceOf(TaskTimeoutException.class, causeOf(slow));
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(waitedMillis >= 300, "killed after " + waitedMillis + " ms, before its timeout");
            assertEquals(first, timeout.pid());
            assertEquals(Duration.ofMillis(300), timeout.timeout());
            assertTrue(timeout.getMessage().contains("pool '" + pool.name() + "'"), timeout.getMessage());

            assertEquals(42, queued.get(60, TimeUnit.SECONDS), "a task queued past its timeout still runs");
            assertNotEquals(first, pool.workerPids().get(0), "the worker was replaced");
            assertEquals(Integer.valueOf(8), pool.apply((Integer x) -> x * 4, 2));
        }
    }

    @Test
    void tasksWithinTheirTimeoutAreNeverKilledWhateverTheyTake() throws Exception {
        try (ProcessPool pool = ProcessPool.builder().processes(2).taskTimeout(Duration.ofSeconds(1)).build()) {
            List<Long> workers = pool.workerPids();
            List<CompletableFuture<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                int kind = i % 3;
                // 0, about 1 µs and 10 ms of work
                futures.add(pool.applyAsync(x -> {
                    if (kind == 1) {
                        long until = System.nanoTime() + 1_000;
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                    } else if (kind == 2) {
                        Thread.sleep(10);
                    }
                    return x;
                }, i));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(i, futures.get(i).get(60, TimeUnit.SECONDS));
            }
            assertEquals(workers, pool.workerPids(), "no worker was killed");
        }
    }

    /**
     * Tasks that end within a sampling period of their timeout, on either side: the kill meant for one can land
     * just after it finished, as its result waits to be sent or the next task has begun. Then the timed-out task
     * fails with the timeout (if its result was lost) and the next one is run again; no task is blamed with a
     * WorkerDiedException for a kill meant for another, and a task far within its timeout always succeeds.
     */
    @Test
    void aKillForATimeoutThatLandsAfterTheTaskEndedBlamesOnlyThatTask() throws Exception {
        try (ProcessPool pool = ProcessPool.builder().processes(2).taskTimeout(Duration.ofMillis(100)).build()) {
            List<CompletableFuture<Integer>> futures = new ArrayList<>();
            List<Integer> durations = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                int micros = i % 3 == 0 ? 0 : 90_000 + (i * 7_919) % 20_000; // 0, or 90-110 ms of work
                durations.add(micros);
                futures.add(pool.applyAsync(x -> {
                    long until = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(x);
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    return x;
                }, micros));
            }
            int timedOut = 0;
            for (int i = 0; i < futures.size(); i++) {
                try {
                    assertEquals(durations.get(i), futures.get(i).get(60, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    assertInstanceOf(TaskTimeoutException.class, e.getCause(), "task " + i + " of " + durations.get(i) + " µs");
                    assertTrue(durations.get(i) >= 90_000, "task " + i + " of " + durations.get(i) + " µs timed out");
                    timedOut++;
                }
            }
            System.out.println("timed out: " + timedOut + " of " + futures.size());
            assertTrue(timedOut > 0, "no task ran past its timeout");
        }
    }

    @Test
    void aStoppedWorkerIsKilledAtTheTimeoutLikeABusyOne() throws Exception {
        try (ProcessPool pool = new ProcessPool(1)) {
            CompletableFuture<Integer> stopped = pool.applyAsync(x -> {
                Signals.send(ProcessHandle.current().pid(), SIGSTOP);
                // the stop takes effect when this thread next enters the kernel: stay in the task until then
                Thread.sleep(60_000);
                return x;
            }, 1, Duration.ofMillis(300));
            assertInstanceOf(TaskTimeoutException.class, causeOf(stopped));
            assertEquals(Integer.valueOf(3), pool.apply((Integer x) -> x + 1, 2));
        }
    }

    @Test
    void aPoolWideTimeoutCoversMapChunks() throws Exception {
        try (ProcessPool pool = ProcessPool.builder().processes(2).taskTimeout(Duration.ofMillis(300)).build()) {
            CompletableFuture<List<Integer>> map = pool.mapAsync(PoolTimeoutTest::sleepFor, List.of(0, 10, 30_000, 5), 1);
            assertInstanceOf(TaskTimeoutException.class, causeOf(map));
            assertEquals(List.of(0, 10, 5), pool.map(PoolTimeoutTest::sleepFor, List.of(0, 10, 5), 1));
        }
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> ProcessPool.builder().taskTimeout(Duration.ZERO));
        try (ProcessPool pool = new ProcessPool(1)) {
            assertThrows(IllegalArgumentException.class, () -> pool.applyAsync(x -> x, 1, Duration.ofMillis(-1)));
        }
    }

    /** Each worker marks a file when its JVM runs its shutdown hooks. */
    private ProcessPool poolMarkingShutdown(Path markers) {
        String directory = markers.toString();
        return ProcessPool.builder().processes(2).initializer(() -> {
            Path marker = Path.of(directory, Long.toString(ProcessHandle.current().pid()));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Files.createFile(marker);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }).build();
    }

    /** Four 30 s tasks on the two workers; returns once both workers are running one (each marks a file). */
    private static List<CompletableFuture<Integer>> startLongTasks(ProcessPool pool, Path markers) throws Exception {
        String directory = markers.toString();
        List<CompletableFuture<Integer>> running = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            running.add(pool.applyAsync(x -> {
                Path marker = Path.of(directory, "running-" + ProcessHandle.current().pid());
                if (!Files.exists(marker)) {
                    Files.createFile(marker);
                }
                Thread.sleep(30_000);
                return x;
            }, i));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (long pid : pool.workerPids()) {
            while (!Files.exists(markers.resolve("running-" + pid))) {
                assertTrue(System.nanoTime() < deadline, "worker " + pid + " did not start a task");
                Thread.sleep(10);
            }
        }
        return running;
    }

    /** Stops a pool of two busy workers with {@code stop}; returns, per worker, whether its shutdown hooks ran. */
    private List<Boolean> stopBusyWorkers(String name, Consumer<ProcessPool> stop) throws Exception {
        Path markers = Files.createDirectory(tmp.resolve(name));
        ProcessPool pool = poolMarkingShutdown(markers);
        List<Long> workers = pool.workerPids();
        List<CompletableFuture<Integer>> running = startLongTasks(pool, markers);
        stop.accept(pool);
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        assertTrue(pool.isShutdown());
        for (CompletableFuture<Integer> future : running) {
            assertThrows(CancellationException.class, () -> future.get(60, TimeUnit.SECONDS));
        }
        List<Boolean> hooksRan = new ArrayList<>();
        for (long pid : workers) {
            hooksRan.add(Files.exists(markers.resolve(Long.toString(pid))));
        }
        return hooksRan;
    }

    @Test
    void terminateWorkersSendsSigtermSoWorkersRunTheirShutdownHooks() throws Exception {
        assertEquals(List.of(true, true), stopBusyWorkers("term", ProcessPool::terminateWorkers), "each worker ran its hooks");
    }

    @Test
    void killWorkersSendsSigkillSoNoShutdownHookRuns() throws Exception {
        assertEquals(List.of(false, false), stopBusyWorkers("kill", ProcessPool::killWorkers), "each worker was killed outright");
    }
}
