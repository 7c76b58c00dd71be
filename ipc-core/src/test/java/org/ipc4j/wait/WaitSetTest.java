package org.ipc4j.wait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.ipc4j.channel.Connection;
import org.ipc4j.channel.Pipe;
import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.QueueShutDownException;
import org.ipc4j.errors.WrongDirectionException;
import org.ipc4j.os.Signals;
import org.ipc4j.process.JvmProcess;
import org.ipc4j.process.ProcessTarget;
import org.ipc4j.state.SharedLong;
import org.ipc4j.sync.SharedEvent;
import org.ipc4j.testkit.Pause;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Python's {@code multiprocessing.connection.wait} over pipes, queues, events and processes, with real child JVMs. */
@ExtendWith(SharedDirExtension.class)
class WaitSetTest {
    private static final Duration LONG = Duration.ofSeconds(30);
    private static final int SIGCONT = 18;
    private static final int SIGSTOP = 19;

    /** A pipe, a queue and an event, none ready, and a child the test's action starts. */
    private static final class Objects implements AutoCloseable {
        final Pipe pipe = Pipe.open();
        final SharedQueue<Integer> queue = SharedQueue.create(Codecs.ints());
        final SharedEvent event = SharedEvent.create();
        /** When the child made its object ready: System.nanoTime(), CLOCK_MONOTONIC, the same clock in every process here. */
        final SharedLong actedAt = SharedLong.create(0);
        /** Set by the child when its target starts, so that the wait begins about 500 ms before the act. */
        final SharedLong started = SharedLong.create(0);

        @Override
        public void close() {
            actedAt.unlink();
            actedAt.close();
            started.unlink();
            started.close();
            pipe.first().close();
            pipe.second().close();
            queue.unlink();
            queue.close();
            event.unlink();
            event.close();
        }
    }

    @Test
    void returnsTheReadyOnesInTheOrderGivenAtOnce() throws Exception {
        try (Objects o = new Objects(); Objects idle = new Objects()) {
            JvmProcess ended = JvmProcess.start(() -> { });
            ended.join();
            o.pipe.second().send("message");
            o.queue.put(7);
            o.event.set();
            List<Waitable> given = List.of(idle.pipe.first(), o.event, idle.queue, o.pipe.first(), ended, idle.event, o.queue);
            assertEquals(List.of(o.event, o.pipe.first(), ended, o.queue), WaitSet.waitAny(given, Duration.ZERO));
            assertEquals(List.of(o.event, o.pipe.first(), ended, o.queue), WaitSet.waitAny(given));
            assertEquals("message", o.pipe.first().recv(), "waiting consumes nothing");
            assertEquals(7, o.queue.take());
        }
    }

    @Test
    void returnsNothingAfterTheTimeoutWhenNothingIsReady() throws Exception {
        try (Objects o = new Objects()) {
            JvmProcess running = JvmProcess.start(() -> Pause.millis(30_000));
            try {
                long start = System.nanoTime();
                assertEquals(List.of(), WaitSet.waitAny(List.of(o.pipe.first(), o.queue, o.event, running), Duration.ofMillis(300)));
                assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300), "returned before the timeout");
            } finally {
                running.kill();
                running.join();
            }
        }
    }

    private interface Action {
        JvmProcess start(Objects o);
    }

    /**
     * A child that makes one object ready after half a second, and the parent's wait that must wake for it.
     * {@code expected} 0 is the pipe, 1 the queue, 2 the event, 3 the child's exit. The pipe is in the set only
     * when it is the one expected: a pipe's wait looks at its peer's liveness every 20 ms, which would hide a
     * lost wake-up of the others.
     */
    private static void wakesFor(Action action, int expected, long wakeBoundMillis) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Objects o = new Objects()) {
            JvmProcess child = action.start(o);
            if (expected == 0) {
                o.pipe.second().close(); // the child holds it now
            }
            try {
                List<Waitable> all = List.of(o.pipe.first(), o.queue, o.event, child);
                List<Waitable> given = expected == 0 ? all : all.subList(1, 4);
                while (o.started.get() == 0) {
                    assertTrue(child.isAlive(), child + " ended early");
                    Thread.sleep(5);
                }
                long cpuBefore = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                List<Waitable> ready = WaitSet.waitAny(given, LONG);
                long woke = System.nanoTime();
                long wallNanos = woke - start;
                long cpuNanos = threads.getCurrentThreadCpuTime() - cpuBefore;
                long wakeMillis = TimeUnit.NANOSECONDS.toMillis(woke - o.actedAt.get());
                assertTrue(ready.contains(all.get(expected)), "ready: " + ready);
                assertTrue(o.actedAt.get() != 0 && wakeMillis < wakeBoundMillis, "woke " + wakeMillis + " ms after the child acted"
                        + " (a lost wake-up is found at the next 1 s round of a relay)");
                // the child acts 500 ms after it started: a polling wait would burn about that much CPU; and a relay's
                // first round ends 1 s after the wait began, so a lost wake-up shows as about 500 ms of delay
                assertTrue(wallNanos >= TimeUnit.MILLISECONDS.toNanos(400), "woke before the child acted: " + wallNanos + " ns");
                assertTrue(cpuNanos < wallNanos / 4, "the wait used " + cpuNanos / 1_000_000 + " ms of CPU in "
                        + wallNanos / 1_000_000 + " ms: it polls");
            } finally {
                child.kill();
                child.join();
            }
        }
    }

    /** A child that, 500 ms after its target started, records the time and does {@code act}, then sleeps. */
    private static JvmProcess actingChild(Objects o, ProcessTarget act, boolean thenSleep) {
        SharedLong started = o.started;
        SharedLong actedAt = o.actedAt;
        return JvmProcess.start(() -> {
            started.set(1);
            Thread.sleep(500);
            actedAt.set(System.nanoTime());
            act.run();
            if (thenSleep) {
                Thread.sleep(30_000);
            }
        });
    }

    @Test
    void wakesWithoutPollingWhenAnotherProcessSendsOnThePipe() throws Exception {
        wakesFor(o -> {
            Connection end = o.pipe.second();
            return actingChild(o, () -> end.send("hello"), true);
        }, 0, 300);
    }

    @Test
    void wakesWithoutPollingWhenAnotherProcessPutsOnTheQueue() throws Exception {
        wakesFor(o -> {
            SharedQueue<Integer> queue = o.queue;
            return actingChild(o, () -> queue.put(1), true);
        }, 1, 300);
    }

    @Test
    void wakesWithoutPollingWhenAnotherProcessSetsTheEvent() throws Exception {
        wakesFor(o -> {
            SharedEvent event = o.event;
            return actingChild(o, event::set, true);
        }, 2, 300);
    }

    @Test
    void wakesWithoutPollingWhenAnotherProcessSetsTheEventAndClearsItAtOnce() throws Exception {
        // as SharedEvent.await does: a set that a clear undid before the waiter looked still ends the wait
        wakesFor(o -> {
            SharedEvent event = o.event;
            return actingChild(o, () -> {
                event.set();
                event.clear();
            }, true);
        }, 2, 300);
    }

    @Test
    void wakesWithoutPollingWhenTheProcessEnds() throws Exception {
        // the JVM's exit (its shutdown hooks) and the JDK's reaping come between the act and the wake
        wakesFor(o -> actingChild(o, () -> { }, false), 3, 600);
    }

    @Test
    void aPipeWhosePeerIsKilledIsReadyAndOneWhosePeerIsStoppedIsNot() throws Exception {
        try (Objects o = new Objects()) {
            Connection end = o.pipe.second();
            JvmProcess peer = JvmProcess.start(() -> {
                end.send("attached");
                Thread.sleep(60_000);
            });
            end.close();
            Connection mine = o.pipe.first();
            try {
                assertEquals("attached", mine.recv(LONG.toMillis(), TimeUnit.MILLISECONDS));
                Signals.send(peer.pid(), SIGSTOP);
                assertEquals(List.of(), WaitSet.waitAny(List.of(mine), Duration.ofMillis(500)), "a stopped peer is alive");
                Signals.send(peer.pid(), SIGCONT);
                peer.kill();
                long start = System.nanoTime();
                assertEquals(List.of(mine), WaitSet.waitAny(List.of(mine), LONG));
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(millis < 5_000, "the peer's death was noticed after " + millis + " ms");
                assertThrows(EOFException.class, () -> mine.recv(1, TimeUnit.SECONDS));
            } finally {
                peer.kill();
                peer.join();
            }
        }
    }

    @Test
    void aQueueShutDownAndDrainedIsReady() throws Exception {
        try (Objects o = new Objects()) {
            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> {
                Pause.millis(300);
                o.queue.shutdown();
            });
            assertEquals(List.of(o.queue), WaitSet.waitAny(List.of(o.queue, o.event), LONG));
            assertThrows(QueueShutDownException.class, o.queue::take);
            shutdown.join();
        }
    }

    @Test
    void anInterruptEndsTheWait() throws Exception {
        try (Objects o = new Objects()) {
            Thread waiter = Thread.currentThread();
            CompletableFuture<Void> interrupter = CompletableFuture.runAsync(() -> {
                Pause.millis(300);
                waiter.interrupt();
            });
            assertThrows(InterruptedException.class, () -> WaitSet.waitAny(List.of(o.event, o.queue), LONG));
            interrupter.join();
        }
    }

    @Test
    void aSendOnlyEndIsNeverReadyToReceiveAndIsRefused() throws Exception {
        Pipe oneWay = Pipe.open(false);
        try {
            WrongDirectionException e = assertThrows(WrongDirectionException.class,
                    () -> WaitSet.waitAny(List.of(oneWay.second()), Duration.ofMillis(10)));
            assertTrue(e.getMessage().contains(oneWay.second().name()), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> WaitSet.waitAny(List.of()));
        } finally {
            oneWay.first().close();
            oneWay.second().close();
        }
    }
}
