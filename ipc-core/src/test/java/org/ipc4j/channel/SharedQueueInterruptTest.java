package org.ipc4j.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Interrupts, as the JDK's blocking queues handle them: put, take and the timed offer and poll throw
 * {@link InterruptedException} for an interrupt pending on entry, whatever the timeout (0 and negative
 * too) and whether or not they would have had to wait, and for one that arrives while they wait; either
 * way the interrupt status is cleared and the queue is left as it was. offer() and poll() never wait and
 * leave a pending interrupt pending.
 */
@ExtendWith(SharedDirExtension.class)
class SharedQueueInterruptTest {
    private static final int SIZE = 3;
    /** 0, negative, short, long and overflowing timeouts, in the unit of {@link #UNITS}. */
    private static final long[] TIMEOUTS = {0, -1, Long.MIN_VALUE, 20, 10_000, Long.MAX_VALUE};
    private static final TimeUnit[] UNITS = {TimeUnit.MILLISECONDS, TimeUnit.MILLISECONDS, TimeUnit.NANOSECONDS,
        TimeUnit.MILLISECONDS, TimeUnit.MILLISECONDS, TimeUnit.DAYS};
    private static final long BLOCKED_MILLIS = 100;

    private final TestQueues queues = new TestQueues("interrupt");

    @AfterEach
    void unlinkQueues() {
        Thread.interrupted(); // a failed test must not leave the runner's thread interrupted
        queues.close();
    }

    @FunctionalInterface
    private interface Blocking {
        void run() throws InterruptedException;
    }

    @Test
    void putWithAnInterruptPendingThrowsOnAFullQueueAndOnOneWithRoom() {
        SharedQueue<Integer> full = queues.populated(SIZE);
        SharedQueue<Integer> roomy = queues.ints(SIZE);
        assertThrowsForPendingInterrupt("put on a full queue", () -> full.put(99));
        assertThrowsForPendingInterrupt("put with room", () -> roomy.put(99));
        assertEquals(SIZE, full.size());
        assertTrue(roomy.isEmpty(), "the interrupted put added nothing");
    }

    @Test
    void takeWithAnInterruptPendingThrowsOnAnEmptyQueueAndOnOneWithElements() {
        SharedQueue<Integer> empty = queues.ints(SIZE);
        SharedQueue<Integer> populated = queues.populated(SIZE);
        assertThrowsForPendingInterrupt("take on an empty queue", empty::take);
        assertThrowsForPendingInterrupt("take with elements", populated::take);
        assertEquals(SIZE, populated.size(), "the interrupted take took nothing");
    }

    @Test
    void timedOfferWithAnInterruptPendingThrowsForEveryTimeout() {
        SharedQueue<Integer> full = queues.populated(SIZE);
        SharedQueue<Integer> roomy = queues.ints(SIZE);
        for (int i = 0; i < TIMEOUTS.length; i++) {
            long timeout = TIMEOUTS[i];
            TimeUnit unit = UNITS[i];
            assertThrowsForPendingInterrupt("offer(" + timeout + " " + unit + ") on a full queue", () -> full.offer(99, timeout, unit));
            assertThrowsForPendingInterrupt("offer(" + timeout + " " + unit + ") with room", () -> roomy.offer(99, timeout, unit));
        }
        assertEquals(SIZE, full.size());
        assertTrue(roomy.isEmpty(), "no interrupted offer added anything");
    }

    @Test
    void timedPollWithAnInterruptPendingThrowsForEveryTimeout() {
        SharedQueue<Integer> empty = queues.ints(SIZE);
        SharedQueue<Integer> populated = queues.populated(SIZE);
        for (int i = 0; i < TIMEOUTS.length; i++) {
            long timeout = TIMEOUTS[i];
            TimeUnit unit = UNITS[i];
            assertThrowsForPendingInterrupt("poll(" + timeout + " " + unit + ") on an empty queue", () -> empty.poll(timeout, unit));
            assertThrowsForPendingInterrupt("poll(" + timeout + " " + unit + ") with elements", () -> populated.poll(timeout, unit));
        }
        assertEquals(List.of(0, 1, 2), List.copyOf(populated), "no interrupted poll took anything");
    }

    @Test
    void offerAndPollIgnoreAPendingInterruptAndLeaveItPending() {
        SharedQueue<Integer> queue = queues.ints(SIZE);
        Thread.currentThread().interrupt();
        try {
            assertTrue(queue.offer(1));
            assertEquals(1, queue.peek());
            assertEquals(1, queue.poll());
            assertNull(queue.poll());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is still pending");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void takeBlockedOnAnEmptyQueueThrowsWhenInterrupted() throws Exception {
        SharedQueue<Integer> queue = queues.ints(SIZE);
        assertThrowsWhenInterruptedWhileBlocked("take", queue::take);
        assertTrue(queue.offer(1) && queue.poll() == 1, "the queue still works");
    }

    @Test
    void timedPollBlockedOnAnEmptyQueueThrowsWhenInterrupted() throws Exception {
        SharedQueue<Integer> queue = queues.ints(SIZE);
        assertThrowsWhenInterruptedWhileBlocked("poll(long)", () -> queue.poll(1, TimeUnit.HOURS));
    }

    @Test
    void putBlockedOnAFullQueueThrowsWhenInterrupted() throws Exception {
        SharedQueue<Integer> queue = queues.populated(SIZE);
        assertThrowsWhenInterruptedWhileBlocked("put", () -> queue.put(99));
        assertEquals(List.of(0, 1, 2), List.copyOf(queue), "the interrupted put added nothing");
        assertEquals(0, queue.poll());
        assertTrue(queue.offer(3), "no claim was left behind");
    }

    @Test
    void timedOfferBlockedOnAFullQueueThrowsWhenInterrupted() throws Exception {
        SharedQueue<Integer> queue = queues.populated(SIZE);
        assertThrowsWhenInterruptedWhileBlocked("offer(long)", () -> queue.offer(99, 1, TimeUnit.HOURS));
        assertEquals(List.of(0, 1, 2), List.copyOf(queue));
    }

    private static void assertThrowsForPendingInterrupt(String what, Blocking call) {
        Thread.currentThread().interrupt();
        long start = System.nanoTime();
        assertThrows(InterruptedException.class, call::run, what);
        assertFalse(Thread.interrupted(), what + ": the interrupt status is cleared");
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 1_000, what + " threw at once");
    }

    private static void assertThrowsWhenInterruptedWhileBlocked(String what, Blocking call) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread blocked = new Thread(() -> {
            started.countDown();
            try {
                call.run();
                outcome.set(new AssertionError(what + " returned instead of blocking"));
            } catch (Throwable t) {
                outcome.set(t);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        }, "blocked-" + what);
        blocked.start();
        started.await();
        Thread.sleep(BLOCKED_MILLIS);
        if (!blocked.isAlive()) {
            fail(what + " did not block: " + outcome.get());
        }
        blocked.interrupt();
        blocked.join(10_000);
        assertFalse(blocked.isAlive(), what + " still blocked 10 s after the interrupt");
        assertInstanceOf(InterruptedException.class, outcome.get(), what);
        assertFalse(stillInterrupted.get(), what + ": the interrupt status is cleared when it throws");
    }
}
