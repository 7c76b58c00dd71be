package org.ipc4j.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.ipc4j.os.ExitWatch;
import org.ipc4j.os.Os;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.ipc4j.wait.BlockingWaitStrategy;
import org.ipc4j.wait.WaitStrategy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #16 item 7: a waiter sleeping on a lock or barrier is woken by the exit of the process it waits on.
 * The waiters here sleep in 60 s slices, so without the exit wake they would notice the death only at their
 * 20 s deadline and fail; a SIGSTOPped (slow but alive) holder is the control that must never be robbed.
 */
@ExtendWith(SharedDirExtension.class)
class ExitWakeCrossProcessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final WaitStrategy LONG_SLEEPS = new BlockingWaitStrategy(0, 0, TimeUnit.SECONDS.toNanos(60));

    /** Child: args kind, name. Takes the lock (or passes the barrier once) and sleeps. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            if (args[0].equals("lock")) {
                SharedLock lock = SharedLock.open(args[1]);
                lock.lock();
            } else {
                SharedBarrier barrier = SharedBarrier.open(args[1]);
                barrier.await();
            }
            System.out.println("running");
            Thread.sleep(120_000);
        }
    }

    @BeforeEach
    void needsAnExitWatch() {
        assumeTrue(Os.exitWatch() != ExitWatch.NONE, "no pidfd_open(2) here (or -Dipc4j.exitWatch=none): waiters poll");
    }

    @Test
    void aLockWaiterInLongSleepsTakesOverWhenTheHolderIsKilledButNotWhileItIsStopped() throws Exception {
        try (SharedLock lock = SharedLock.create("exit-wake-lock");
             ChildJvm holder = ChildJvm.start(Holder.class, "lock", "exit-wake-lock")) {
            holder.awaitLine("running"::equals, TIMEOUT);
            lock.waitStrategy(LONG_SLEEPS);
            signal(holder.pid(), "STOP");
            assertFalse(lock.tryLock(500, TimeUnit.MILLISECONDS), "a stopped holder is alive: never robbed");
            CompletableFuture<String> acquired = CompletableFuture.supplyAsync(() -> {
                try {
                    if (!lock.tryLock(20, TimeUnit.SECONDS)) {
                        return "timed out";
                    }
                    boolean takenOver = lock.lastOwnerDied();
                    lock.unlock();
                    return takenOver ? "taken over" : "acquired, but lastOwnerDied() is false";
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertFalse(acquired.isDone(), "the waiter sleeps while the holder lives");
            holder.kill9();
            assertEquals("taken over", acquired.get(30, TimeUnit.SECONDS), "the holder's exit woke the waiter out of its 60 s sleep");
            lock.unlink();
        }
    }

    @Test
    void aBarrierWaiterInLongSleepsSeesTheBarrierBrokenWhenAPartyIsKilled() throws Exception {
        try (SharedBarrier barrier = SharedBarrier.create("exit-wake-barrier", 2);
             ChildJvm party = ChildJvm.start(Holder.class, "barrier", "exit-wake-barrier")) {
            barrier.await(30, TimeUnit.SECONDS);
            party.awaitLine("running"::equals, TIMEOUT);
            barrier.waitStrategy(LONG_SLEEPS);
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return barrier.await(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertFalse(waiting.isDone(), "the waiter sleeps while the other party lives");
            party.kill9();
            ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(30, TimeUnit.SECONDS));
            assertInstanceOf(BrokenBarrierException.class, e.getCause().getCause(),
                    "broken by the death, not timed out: " + e.getCause());
            barrier.unlink();
        }
    }

    private static void signal(long pid, String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
    }
}
