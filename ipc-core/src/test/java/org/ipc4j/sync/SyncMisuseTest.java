package org.ipc4j.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.ipc4j.errors.BoundExceededException;
import org.ipc4j.errors.ObjectClosedException;
import org.ipc4j.errors.TypeMismatchException;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedDirExtension.class)
class SyncMisuseTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Child: args lockName; tries to unlock a lock another JVM holds and prints what it got. */
    public static final class Unlocker {
        public static void main(String[] args) {
            try (SharedLock lock = SharedLock.open(args[0])) {
                lock.unlock();
                System.out.println("unlocked!");
            } catch (IllegalMonitorStateException e) {
                System.out.println("refused: " + e.getMessage());
            }
        }
    }

    @Test
    void unlockByAnotherJvmIsRefusedWithIllegalMonitorStateException() {
        try (SharedLock lock = SharedLock.create("held-here")) {
            lock.lock();
            ChildJvm child = ChildJvm.start(Unlocker.class, "held-here");
            child.assertSuccess(TIMEOUT);
            String line = child.awaitLineStartingWith("refused: ", TIMEOUT);
            assertTrue(line.contains("'held-here'") && line.contains("held by pid " + ProcessHandle.current().pid()), line);
            assertTrue(lock.isHeldByCurrentThread(), "still held here");
            lock.unlock();
            lock.unlink();
        }
    }

    @Test
    void unlockByAnotherThreadOrWhenFreeIsRefused() throws Exception {
        try (SharedLock lock = SharedLock.create("thread-owned"); SharedRLock rlock = SharedRLock.create("thread-owned-r")) {
            IllegalMonitorStateException free = assertThrows(IllegalMonitorStateException.class, lock::unlock);
            assertTrue(free.getMessage().contains("'thread-owned'") && free.getMessage().contains("free"), free.getMessage());
            for (AbstractSharedLock l : new AbstractSharedLock[] {lock, rlock}) {
                l.lock();
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                Thread other = new Thread(() -> {
                    try {
                        l.unlock();
                    } catch (Throwable t) {
                        thrown.set(t);
                    }
                });
                other.start();
                other.join();
                assertTrue(thrown.get() instanceof IllegalMonitorStateException, String.valueOf(thrown.get()));
                assertTrue(l.isHeldByCurrentThread());
                l.unlock();
            }
            lock.unlink();
            rlock.unlink();
        }
    }

    @Test
    void lockingAHeldSharedLockAgainFromTheSameThreadIsRefused() {
        try (SharedLock lock = SharedLock.create("not-reentrant")) {
            lock.lock();
            IllegalMonitorStateException e = assertThrows(IllegalMonitorStateException.class, lock::lock);
            assertTrue(e.getMessage().contains("'not-reentrant'") && e.getMessage().contains("SharedRLock"), e.getMessage());
            assertTrue(!lock.tryLock(), "tryLock by the holder reports false");
            lock.unlock();
            lock.unlink();
        }
    }

    @Test
    void releasingABoundedSemaphoreAboveItsBoundIsRefusedAndChangesNothing() throws Exception {
        try (SharedSemaphore bounded = SharedSemaphore.createBounded("bounded", 2); SharedSemaphore plain = SharedSemaphore.create("plain", 2)) {
            BoundExceededException e = assertThrows(BoundExceededException.class, bounded::release);
            assertTrue(e.getMessage().contains("'bounded'") && e.getMessage().contains("bound 2"), e.getMessage());
            assertEquals(2, bounded.availablePermits());
            bounded.acquire(2);
            bounded.release();
            assertThrows(BoundExceededException.class, () -> bounded.release(2));
            assertEquals(1, bounded.availablePermits());
            try (SharedSemaphore reopened = SharedSemaphore.open("bounded")) {
                assertTrue(reopened.isBounded(), "the bound is part of the shared state");
                assertThrows(BoundExceededException.class, () -> reopened.release(2));
            }
            plain.release(3);
            assertEquals(5, plain.availablePermits(), "an unbounded semaphore may go above its initial value");
            assertThrows(IllegalArgumentException.class, () -> plain.release(0));
            bounded.unlink();
            plain.unlink();
        }
    }

    @Test
    void openingAnObjectUnderTheNameOfAnotherTypeIsATypeMismatch() {
        try (SharedSemaphore semaphore = SharedSemaphore.create("a-semaphore", 1);
             SharedLock lock = SharedLock.create("a-lock")) {
            TypeMismatchException e = assertThrows(TypeMismatchException.class, () -> SharedLock.open("a-semaphore"));
            assertTrue(e.getMessage().contains("'a-semaphore'") && e.getMessage().contains("SEMAPHORE"), e.getMessage());
            assertThrows(TypeMismatchException.class, () -> SharedRLock.open("a-lock"));
            assertThrows(TypeMismatchException.class, () -> SharedEvent.open("a-lock"));
            assertThrows(TypeMismatchException.class, () -> SharedBarrier.open("a-lock"));
            assertThrows(TypeMismatchException.class, () -> SharedCondition.open("a-lock"));
            semaphore.unlink();
            lock.unlink();
        }
    }

    @Test
    void conditionUseWithoutTheLockAndOpeningItWithTheWrongLockAreRefused() throws Exception {
        try (SharedLock lock = SharedLock.create("cond-lock"); SharedLock other = SharedLock.create("other-lock");
             SharedCondition condition = SharedCondition.create("cond", lock)) {
            IllegalMonitorStateException e = assertThrows(IllegalMonitorStateException.class, condition::signal);
            assertTrue(e.getMessage().contains("'cond'") && e.getMessage().contains("'cond-lock'"), e.getMessage());
            assertThrows(IllegalMonitorStateException.class, condition::await);
            other.lock();
            assertThrows(IllegalMonitorStateException.class, condition::signalAll, "holding another lock is not enough");
            other.unlock();
            TypeMismatchException mismatch = assertThrows(TypeMismatchException.class, () -> SharedCondition.open("cond", other));
            assertTrue(mismatch.getMessage().contains("'cond-lock'") && mismatch.getMessage().contains("'other-lock'"), mismatch.getMessage());
            lock.unlink();
            other.unlink();
            condition.unlink();
        }
    }

    @Test
    void everyMethodOfAClosedObjectThrowsObjectClosed() {
        SharedLock lock = SharedLock.create("closed-lock");
        SharedEvent event = SharedEvent.create("closed-event");
        lock.close();
        event.close();
        assertThrows(ObjectClosedException.class, lock::lock);
        assertThrows(ObjectClosedException.class, event::set);
        lock.unlink();
        event.unlink();
    }

    @Test
    void invalidArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SharedSemaphore.create("negative", -1));
        assertThrows(IllegalArgumentException.class, () -> SharedBarrier.create("no-parties", 0));
        assertThrows(IllegalArgumentException.class, () -> SharedBarrier.create("too-many", BarrierDescriptor.MAX_PARTIES + 1));
    }
}
