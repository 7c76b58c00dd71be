package org.ipc4j.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.ipc4j.channel.Connection;
import org.ipc4j.channel.Pipe;
import org.ipc4j.sync.SharedBarrier;
import org.ipc4j.sync.SharedLock;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Processes that share the ipc4j directory but not their PID namespace, as containers of one pod do: the child
 * runs as pid 1 of a namespace of its own ({@code unshare --pid --mount-proc}), so its pid means another process
 * here. Its lock, barrier party and pipe end must never be judged dead while it lives (before the process table,
 * each was: this side read its own /proc for "pid 1"), and must be taken over, broken or ended once it is killed.
 */
@ExtendWith(SharedDirExtension.class)
class PidNamespaceTest {
    /** Longer than every liveness check interval (lock 100 ms, pipe 20 ms, barrier at each wake). */
    private static final long LIVE_HOLDER_WATCH_MILLIS = 600;

    @BeforeAll
    static void needsPidNamespaces() {
        String why = ChildJvm.whyNoNewPidNamespace();
        Assumptions.assumeTrue(why == null, () -> "skipped: a child cannot get a PID namespace of its own here: " + why);
    }

    /** Child: takes part in object {@code args[1]} of kind {@code args[0]}, says "ready pid=N", and waits to be killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            long pid = ProcessHandle.current().pid();
            switch (args[0]) {
                case "lock" -> {
                    SharedLock lock = SharedLock.open(args[1]);
                    lock.lock();
                }
                case "barrier" -> SharedBarrier.open(args[1]);
                case "pipe" -> Pipe.openEnd(args[1], 1);
                default -> throw new IllegalArgumentException(args[0]);
            }
            System.out.println("ready pid=" + pid);
            Thread.sleep(120_000);
        }
    }

    private static ChildJvm holder(String kind, String name) {
        ChildJvm child = ChildJvm.builder(Holder.class).inNewPidNamespace().args(kind, name).start();
        String ready = child.awaitLineStartingWith("ready", Duration.ofSeconds(30));
        assertEquals("ready pid=1", ready, "the child is pid 1 of its own namespace");
        return child;
    }

    @Test
    void aLockHeldInAnotherNamespaceIsNotRobbedAndIsTakenOverOnceItsHolderIsKilled() throws Exception {
        try (SharedLock lock = SharedLock.create("ns-lock"); ChildJvm child = holder("lock", "ns-lock")) {
            assertFalse(lock.tryLock(LIVE_HOLDER_WATCH_MILLIS, TimeUnit.MILLISECONDS), "a live holder in another namespace");
            assertEquals(0, lock.ownerDeaths());
            child.kill9();
            assertTrue(lock.tryLock(10, TimeUnit.SECONDS), "the killed holder's lock is taken over");
            assertTrue(lock.lastOwnerDied());
            lock.unlock();
            lock.unlink();
        }
    }

    @Test
    void aBarrierPartyInAnotherNamespaceIsWaitedForAndBreaksTheBarrierOnceKilled() throws Exception {
        try (SharedBarrier barrier = SharedBarrier.create("ns-barrier", 2); ChildJvm child = holder("barrier", "ns-barrier")) {
            CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
                try {
                    barrier.await();
                    return null;
                } catch (Exception e) {
                    return e;
                }
            });
            Thread.sleep(LIVE_HOLDER_WATCH_MILLIS);
            assertFalse(outcome.isDone(), "a live party in another namespace is waited for, not counted dead: " + outcome.getNow(null));
            child.kill9();
            assertTrue(outcome.get(10, TimeUnit.SECONDS) instanceof BrokenBarrierException, "the killed party breaks it");
            barrier.unlink();
        }
    }

    @Test
    void aPipeEndInAnotherNamespaceIsAliveAndEndsTheStreamOnceKilled() throws Exception {
        Pipe pipe = Pipe.create("ns-pipe");
        try (ChildJvm child = holder("pipe", "ns-pipe")) {
            Connection mine = pipe.first();
            assertThrows(TimeoutException.class, () -> mine.recv(LIVE_HOLDER_WATCH_MILLIS, TimeUnit.MILLISECONDS),
                    "a live peer in another namespace: no message, and no end of stream");
            child.kill9();
            assertThrows(EOFException.class, () -> mine.recv(10, TimeUnit.SECONDS), "the killed peer ends the stream");
            mine.close();
            assertEquals(List.of(), SharedDirExtension.objectFiles(), "both ends closed or gone: the pipe is removed");
        }
    }
}
