package org.ipc4j.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.ipc4j.region.SharedObject;
import org.ipc4j.state.SharedIntArray;
import org.ipc4j.state.SharedLongArray;
import org.ipc4j.testkit.SharedDirExtension;
import org.ipc4j.testkit.Stress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #16 item 1: when a worker dies, only the task it was running fails. A worker sends results up to a
 * millisecond after a task ends, so quick tasks that finished just before the death were still held by the
 * parent as "in the worker"; the parent used to blame the oldest of them instead of the running one.
 */
@ExtendWith(SharedDirExtension.class)
class PoolBlameTest {

    /** Set while the dispatch thread (in this JVM) serialises a {@link SlowToSend}. */
    static volatile CountDownLatch sending = new CountDownLatch(1);

    /** An argument that keeps the dispatch thread busy, so the tasks submitted meanwhile go in one message. */
    static final class SlowToSend implements Serializable {
        private static final long serialVersionUID = 1L;

        private void writeObject(ObjectOutputStream out) throws IOException {
            sending.countDown();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.defaultWriteObject();
        }
    }

    @Test
    void aWorkerKilledByATaskFailsThatTaskAloneAndTheQuickTasksBeforeItInTheSameMessageAreDelivered() throws Exception {
        PoolFunction<Integer, Integer> quick = x -> x + 1;
        try (ProcessPool pool = new ProcessPool(1)) {
            List<Integer> warm = IntStream.range(0, 500).boxed().collect(Collectors.toList());
            assertEquals(warm.stream().map(x -> x + 1).collect(Collectors.toList()), pool.map(quick, warm, 1));
            for (int round = 0; round < 3; round++) {
                sending = new CountDownLatch(1);
                CompletableFuture<Integer> hold = pool.applyAsync(x -> 0, new SlowToSend());
                assertTrue(sending.await(30, TimeUnit.SECONDS), "the dispatcher is serialising the slow argument");
                List<CompletableFuture<Integer>> before = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    before.add(pool.applyAsync(quick, i));
                }
                CompletableFuture<Integer> killer = pool.applyAsync(x -> {
                    Runtime.getRuntime().halt(3);
                    return x;
                }, -1);
                List<CompletableFuture<Integer>> after = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    after.add(pool.applyAsync(quick, 100 + i));
                }
                assertEquals(0, hold.get(30, TimeUnit.SECONDS));
                ExecutionException e = assertThrows(ExecutionException.class, () -> killer.get(30, TimeUnit.SECONDS));
                WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, e.getCause(), "round " + round);
                assertEquals(3, died.exitCode());
                for (int i = 0; i < 20; i++) {
                    assertEquals(i + 1, before.get(i).get(30, TimeUnit.SECONDS), "round " + round + ": a task that finished before the death");
                    assertEquals(101 + i, after.get(i).get(30, TimeUnit.SECONDS), "round " + round + ": a task after the one that killed");
                }
            }
        }
    }

    /**
     * Random SIGKILLs into a run of tasks of 10 ms, 0 and 1 µs: every task that fails was the one its worker
     * was running when it died, and every other task delivers its value. Each task records, on its first run,
     * which worker ran it and a host-wide start number; a failed task must have run once and be the last task
     * its worker started. (The defect this guards against blamed a finished task whose result the worker still
     * held, up to 1 ms after it ended, while the worker had gone on to later ones.) The check uses no clock, so
     * a loaded machine that delays a kill or a result cannot fail it.
     */
    @Test
    void underRandomKillsOnlyATaskThatWasRunningFails() throws Exception {
        int plannedKills = Stress.rounds(30, 12);
        int tasks = plannedKills * 150;
        SharedIntArray starts = SharedIntArray.create(tasks);
        SharedIntArray finishes = SharedIntArray.create(tasks);
        SharedLongArray startNumbers = SharedLongArray.create(tasks + 1); // [tasks] is the next start number
        SharedLongArray workerPids = SharedLongArray.create(tasks);
        try (ProcessPool pool = new ProcessPool(2)) {
            List<CompletableFuture<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                futures.add(pool.applyAsync(x -> {
                    if (starts.incrementAndGet(x) == 1) {
                        workerPids.set(x, ProcessHandle.current().pid());
                        startNumbers.set(x, startNumbers.incrementAndGet(tasks));
                    }
                    if (x % 3 == 0) {
                        Thread.sleep(10);
                    } else if (x % 3 == 2) {
                        long until = System.nanoTime() + 1_000;
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                    }
                    finishes.incrementAndGet(x);
                    return x + 1;
                }, i));
            }
            Random random = new Random(16);
            int kills = 0;
            while (kills < plannedKills && !futures.get(tasks - 1).isDone()) {
                List<Long> pids = pool.workerPids();
                // On a loaded machine a replacement worker can take longer to boot than the pause between
                // kills; a kill is aimed only while some task is running, so it can land in one.
                if (!pids.isEmpty() && someTaskRunning(starts, finishes, tasks)) {
                    ProcessHandle.of(pids.get(random.nextInt(pids.size()))).ifPresent(ProcessHandle::destroyForcibly);
                    kills++;
                }
                Thread.sleep(150 + random.nextInt(200));
            }
            int died = 0;
            for (int i = 0; i < tasks; i++) {
                try {
                    assertEquals(i + 1, futures.get(i).get(120, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    assertInstanceOf(WorkerDiedException.class, e.getCause());
                    assertEquals(1, starts.get(i), "task " + i + " failed, so it ran once and never again");
                    int later = laterStartInSameWorker(i, startNumbers, workerPids, tasks);
                    assertTrue(later < 0, "task " + i + " failed, but its worker " + workerPids.get(i) + " had gone on to task "
                            + later + " (start " + startNumbers.get(Math.max(later, 0)) + " after " + startNumbers.get(i)
                            + "); finished " + finishes.get(i));
                    died++;
                }
            }
            assertTrue(kills >= plannedKills / 3, "workers were killed during the run: " + kills);
            assertTrue(died <= kills, died + " tasks failed for " + kills + " kills");
            assertTrue(died > 0, "some kills landed in a running task");
        } finally {
            for (SharedObject array : List.of(starts, finishes, startNumbers, workerPids)) {
                array.unlink();
                array.close();
            }
        }
    }

    /** A task that the worker which first ran {@code task} started after it, or -1. */
    private static int laterStartInSameWorker(int task, SharedLongArray startNumbers, SharedLongArray workerPids, int tasks) {
        long pid = workerPids.get(task);
        long start = startNumbers.get(task);
        if (pid == 0 || start == 0) {
            return -1; // killed while it recorded its start: its worker started nothing after it
        }
        for (int j = 0; j < tasks; j++) {
            if (workerPids.get(j) == pid && startNumbers.get(j) > start) {
                return j;
            }
        }
        return -1;
    }

    private static boolean someTaskRunning(SharedIntArray starts, SharedIntArray finishes, int tasks) {
        for (int i = 0; i < tasks; i++) {
            if (starts.get(i) > finishes.get(i)) {
                return true;
            }
        }
        return false;
    }
}
