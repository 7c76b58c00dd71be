package org.ipc4j.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code Lock}/{@code Condition} contract details, checked with threads of one JVM (the cross-process
 * behaviour is in the *CrossProcessTest classes): timeouts, interruption, re-entrance, FIFO signalling.
 */
@ExtendWith(SharedDirExtension.class)
class LockAndConditionSemanticsTest {

    @Test
    void tryLockWithTimeoutGivesUpAfterTheTimeoutWhileAnotherThreadHoldsTheLock() throws Exception {
        try (SharedLock lock = SharedLock.create("timed")) {
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = new Thread(() -> {
                lock.lock();
                held.countDown();
                await(release);
                lock.unlock();
            });
            holder.start();
            held.await();
            long start = System.nanoTime();
            assertFalse(lock.tryLock(200, TimeUnit.MILLISECONDS));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= 199 && millis < 1_000, "gave up after " + millis + " ms");
            assertFalse(lock.tryLock());
            release.countDown();
            assertTrue(lock.tryLock(5, TimeUnit.SECONDS));
            assertFalse(lock.lastOwnerDied());
            lock.unlock();
            holder.join();
            lock.unlink();
        }
    }

    @Test
    void lockInterruptiblyThrowsOnInterruptAndLockKeepsWaitingButKeepsTheFlag() throws Exception {
        try (SharedLock lock = SharedLock.create("interrupts")) {
            lock.lock();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread interruptible = new Thread(() -> {
                try {
                    lock.lockInterruptibly();
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            interruptible.start();
            LockCrossProcessTest.awaitSleepers(lock, 1);
            interruptible.interrupt();
            interruptible.join(5_000);
            assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));

            AtomicBoolean flagAfterLock = new AtomicBoolean();
            Thread uninterruptible = new Thread(() -> {
                lock.lock();
                flagAfterLock.set(Thread.currentThread().isInterrupted());
                lock.unlock();
            });
            uninterruptible.start();
            LockCrossProcessTest.awaitSleepers(lock, 1);
            uninterruptible.interrupt();
            Thread.sleep(150);
            assertTrue(uninterruptible.isAlive(), "lock() does not give up on interrupt");
            lock.unlock();
            uninterruptible.join(5_000);
            assertTrue(flagAfterLock.get(), "the interrupt is kept for the caller");
            lock.unlink();
        }
    }

    @Test
    void anRLockIsReentrantWithAHoldCountVisibleToTools() throws Exception {
        try (SharedRLock lock = SharedRLock.create("reentrant"); SharedRLock view = SharedRLock.open("reentrant")) {
            lock.lock();
            assertTrue(lock.tryLock());
            assertTrue(lock.tryLock(1, TimeUnit.SECONDS));
            assertEquals(3, view.holdCount(), "another instance reads the shared hold count");
            assertEquals(ProcessHandle.current().pid(), view.ownerPid());
            assertTrue(view.isHeldByCurrentThread(), "ownership is per thread and process, not per instance");
            lock.unlock();
            lock.unlock();
            assertTrue(lock.isLocked());
            lock.unlock();
            assertFalse(lock.isLocked());
            assertEquals(0, view.holdCount());
            lock.unlink();
        }
    }

    @Test
    void signalWakesTheLongestWaitingThreadFirst() throws Exception {
        try (SharedLock lock = SharedLock.create("fifo"); SharedCondition condition = lock.newCondition()) {
            List<Integer> woken = Collections.synchronizedList(new ArrayList<>());
            List<Thread> waiters = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int id = i;
                Thread waiter = new Thread(() -> {
                    lock.lock();
                    try {
                        condition.awaitUninterruptibly();
                        woken.add(id);
                    } finally {
                        lock.unlock();
                    }
                });
                waiter.start();
                awaitWaiting(condition, i + 1);
                waiters.add(waiter);
            }
            for (int i = 0; i < 3; i++) {
                lock.lock();
                condition.signal();
                lock.unlock();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (woken.size() < i + 1 && System.nanoTime() - deadline < 0) {
                    Thread.sleep(1);
                }
            }
            for (Thread waiter : waiters) {
                waiter.join(5_000);
            }
            assertEquals(List.of(0, 1, 2), woken);
            lock.unlink();
            condition.unlink();
        }
    }

    @Test
    void timedAwaitAndPredicateWaitReturnFalseWhenNothingHappens() throws Exception {
        try (SharedLock lock = SharedLock.create("quiet"); SharedCondition condition = SharedCondition.create("quiet-cond", lock)) {
            lock.lock();
            long start = System.nanoTime();
            assertFalse(condition.await(100, TimeUnit.MILLISECONDS));
            assertFalse(condition.awaitUntil(() -> false, 100, TimeUnit.MILLISECONDS));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= 199 && millis < 1_000, "two 100 ms waits took " + millis + " ms");
            assertTrue(lock.isHeldByCurrentThread(), "the lock is held again after a timed-out wait");
            assertEquals(0, condition.waiting());
            assertTrue(condition.awaitUntil(() -> true, 0, TimeUnit.SECONDS), "a true predicate returns at once");
            lock.unlock();
            lock.unlink();
            condition.unlink();
        }
    }

    @Test
    void awaitOnAnRLockReleasesEveryHoldAndRestoresThem() throws Exception {
        try (SharedRLock lock = SharedRLock.create("deep"); SharedCondition condition = lock.newCondition()) {
            AtomicBoolean flag = new AtomicBoolean();
            lock.lock();
            lock.lock();
            Thread signaller = new Thread(() -> {
                lock.lock();
                try {
                    flag.set(true);
                    condition.signalAll();
                } finally {
                    lock.unlock();
                }
            });
            signaller.start();
            condition.awaitUntil(flag::get);
            assertEquals(2, lock.holdCountOfCurrentThread());
            lock.unlock();
            lock.unlock();
            signaller.join();
            lock.unlink();
            condition.unlink();
        }
    }

    @Test
    void anInterruptedWaiterThrowsHoldingTheLockAgain() throws Exception {
        try (SharedLock lock = SharedLock.create("interrupted-wait"); SharedCondition condition = lock.newCondition()) {
            AtomicReference<String> result = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                lock.lock();
                try {
                    condition.await();
                    result.set("returned");
                } catch (InterruptedException e) {
                    result.set("interrupted, held=" + lock.isHeldByCurrentThread());
                } finally {
                    lock.unlock();
                }
            });
            waiter.start();
            awaitWaiting(condition, 1);
            waiter.interrupt();
            waiter.join(5_000);
            assertEquals("interrupted, held=true", result.get());
            assertThrows(IllegalMonitorStateException.class, condition::signal);
            lock.unlink();
            condition.unlink();
        }
    }

    private static void awaitWaiting(SharedCondition condition, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (condition.waiting() < count) {
            assertTrue(System.nanoTime() - deadline < 0, "no " + count + " waiter(s) on the condition");
            Thread.sleep(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
