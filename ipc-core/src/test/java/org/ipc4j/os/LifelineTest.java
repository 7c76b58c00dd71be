package org.ipc4j.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.ipc4j.region.RegionDirectory;
import org.ipc4j.sync.SharedLock;
import org.ipc4j.testkit.Background;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A process's lifeline tells of its death as it dies, before it has exited: a SIGKILLed JVM with a large heap
 * takes tens of milliseconds to exit (the kernel frees its memory first), and its pidfd, its record lock and its
 * pipes tell only after that. The child here pre-touches a 1 GiB heap, so that the gap is wide; a stopped
 * (SIGSTOP) child is the control: alive, and its lifeline silent.
 */
@ExtendWith(SharedDirExtension.class)
class LifelineTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Child: takes its slot in the directory's table and prints its identity, then sleeps. */
    public static final class TakesItsSlot {
        public static void main(String[] args) throws Exception {
            System.out.println("identity " + ProcessTable.of(RegionDirectory.current()).self());
            Thread.sleep(120_000);
        }
    }

    /** Child: args[0] a lock to hold; takes it, says "locked", sleeps. Its heap is pre-touched, so its exit is slow. */
    public static final class HoldsALock {
        public static void main(String[] args) throws Exception {
            SharedLock.open(args[0]).lock();
            System.out.println("locked");
            Thread.sleep(120_000);
        }
    }

    private static ChildJvm slowToExit(Class<?> main, String... args) {
        return ChildJvm.builder(main).args(args).jvmArgs("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch").start();
    }

    private static void assumeLifelines() {
        assumeTrue(Os.exitWatch().name().startsWith("lifeline") && Os.kernelExitWatch() != ExitWatch.NONE,
                "no lifeline watch here (no pidfds, or -Dipc4j.exitWatch=none|pidfd): nothing to compare with");
    }

    /** The whole path: a waiter in lock() learns from the lifeline, the table judges the owner dead, and takes over. */
    @Test
    void aLockHeldByAKilledProcessIsTakenOverBeforeThatProcessHasExited() throws Exception {
        assumeLifelines();
        try (SharedLock lock = SharedLock.create("held-by-slow-exit")) {
            try (ChildJvm child = slowToExit(HoldsALock.class, "held-by-slow-exit")) {
                child.awaitLine("locked"::equals, TIMEOUT);
                AtomicLong exitedAt = new AtomicLong();
                CountDownLatch exited = new CountDownLatch(1);
                assertTrue(Os.kernelExitWatch().watch(child.pid(), () -> {
                    exitedAt.set(System.nanoTime());
                    exited.countDown();
                }));
                AtomicLong acquiredAt = new AtomicLong();
                try (Background waiter = Background.run(() -> {
                    lock.lock();
                    acquiredAt.set(System.nanoTime());
                    assertTrue(lock.lastOwnerDied(), "taken over from the dead owner");
                    lock.unlock();
                })) {
                    Thread.sleep(300); // asleep in lock() by now
                    long killedAt = System.nanoTime();
                    ProcessHandle.of(child.pid()).ifPresent(ProcessHandle::destroyForcibly);
                    waiter.join();
                    assertTrue(exited.await(30, TimeUnit.SECONDS));
                    long acquiredMicros = TimeUnit.NANOSECONDS.toMicros(acquiredAt.get() - killedAt);
                    long exitedMicros = TimeUnit.NANOSECONDS.toMicros(exitedAt.get() - killedAt);
                    System.out.println("kill -> lock taken over " + acquiredMicros + " µs, kill -> pidfd " + exitedMicros + " µs");
                    assertTrue(acquiredMicros < exitedMicros, "taken over at " + acquiredMicros + " µs, the exit at " + exitedMicros + " µs");
                }
            } finally {
                lock.unlink();
            }
        }
    }

    @Test
    void aKilledProcessIsKnownDeadBeforeItHasExited() throws Exception {
        assumeLifelines();
        ProcessTable table = ProcessTable.of(SharedDirExtension.dir());
        try (ChildJvm child = slowToExit(TakesItsSlot.class)) {
            long identity = Long.parseLong(child.awaitLineStartingWith("identity ", TIMEOUT).substring("identity ".length()));
            assumeTrue(ProcessIdentity.kind(identity) == ProcessIdentity.KIND_TABLE,
                    "the child stamps itself by start time (-Dipc4j.liveness): it has no slot, so no lifeline");
            // the lifeline starts beside the claim, without holding it up
            ProcessTable.LifeWord word = ProcessTable.lifeWordOf(child.pid());
            for (long deadline = System.nanoTime() + TIMEOUT.toNanos(); word == null && System.nanoTime() < deadline; ) {
                Thread.sleep(1);
                word = ProcessTable.lifeWordOf(child.pid());
            }
            assertNotNull(word, "the child's lifeline is in its slot");
            assertTrue(word.tid() > 0);

            // the watch every waiter uses: the lifelines beside the pidfds
            AtomicLong diedAt = new AtomicLong();
            AtomicBoolean aliveWhenTold = new AtomicBoolean(true);
            CountDownLatch told = new CountDownLatch(1);
            assertTrue(Os.exitWatch().watch(child.pid(), () -> {
                diedAt.set(System.nanoTime());
                aliveWhenTold.set(table.isAlive(identity));
                told.countDown();
            }));
            AtomicLong exitedAt = new AtomicLong();
            CountDownLatch exited = new CountDownLatch(1);
            assertTrue(Os.kernelExitWatch().watch(child.pid(), () -> {
                exitedAt.set(System.nanoTime());
                exited.countDown();
            }));

            child.signal("STOP");
            assertFalse(told.await(300, TimeUnit.MILLISECONDS), "a stopped process's lifeline is silent");
            assertTrue(table.isAlive(identity), "a stopped process is alive");
            child.signal("CONT");

            long killedAt = System.nanoTime();
            ProcessHandle.of(child.pid()).ifPresent(ProcessHandle::destroyForcibly);
            assertTrue(told.await(30, TimeUnit.SECONDS), "the lifeline told of the death");
            assertTrue(exited.await(30, TimeUnit.SECONDS), "the pidfd told of the exit");
            long diedMicros = TimeUnit.NANOSECONDS.toMicros(diedAt.get() - killedAt);
            long exitedMicros = TimeUnit.NANOSECONDS.toMicros(exitedAt.get() - killedAt);
            System.out.println("kill -> lifeline " + diedMicros + " µs, kill -> pidfd " + exitedMicros + " µs");
            assertFalse(aliveWhenTold.get(), "the table judges the identity dead as soon as the lifeline tells");
            assertTrue(diedMicros < exitedMicros, "the lifeline (" + diedMicros + " µs) before the exit (" + exitedMicros + " µs)");
            assertEquals(Lifeline.OWNER_DIED, word.value() & Lifeline.OWNER_DIED, "the kernel's mark");
        }
    }
}
