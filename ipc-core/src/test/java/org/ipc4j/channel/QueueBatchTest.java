package org.ipc4j.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.QueueShutDownException;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.testkit.Background;
import org.ipc4j.testkit.Pause;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SharedQueue's batch puts: order, how many went in, and what a failure part way leaves. */
@ExtendWith(SharedDirExtension.class)
class QueueBatchTest {

    @Test
    void putManyPutsEveryElementInOrderLargeOnesToo() throws Exception {
        JoinableQueue<String> queue = JoinableQueue.create("many", 8192, Codecs.strings());
        String large = "x".repeat(20_000);
        try (Background producer = Background.run(() -> queue.putMany(List.of("a", large, "c")))) {
            assertEquals("a", queue.take());
            assertEquals(large, queue.take(), "longer than the ring: it streams while taken");
            assertEquals("c", queue.take());
        }
        assertEquals(3, queue.unfinished(), "each element counts a task");
        queue.unlink();
    }

    @Test
    void offerManyPutsWhatFitsNowAndSaysHowMany() {
        SharedQueue<Integer> queue = SharedQueue.create("offer-many", RingOptions.ofCapacity(4096).withMaxCount(3), Codecs.ints());
        assertEquals(3, queue.offerMany(List.of(1, 2, 3, 4, 5)));
        assertEquals(0, queue.offerMany(List.of(6)));
        List<Integer> drained = new ArrayList<>();
        queue.drainTo(drained);
        assertEquals(List.of(1, 2, 3), drained);
        assertEquals(0, queue.offerMany(List.of()));
        queue.unlink();
    }

    @Test
    void timedOfferManyWaitsForRoomUntilOneDeadlineForTheWholeBatch() throws Exception {
        SharedQueue<Integer> queue = SharedQueue.create("timed-many", RingOptions.ofCapacity(4096).withMaxCount(2), Codecs.ints());
        queue.putMany(List.of(1, 2));
        Thread taker = new Thread(() -> {
            Pause.millis(100);
            queue.poll();
        });
        taker.start();
        long start = System.nanoTime();
        assertEquals(1, queue.offerMany(List.of(3, 4, 5), 400, TimeUnit.MILLISECONDS), "3 got the room the taker made");
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waited >= 380 && waited < 2_000, "waited " + waited + " ms");
        taker.join();
        assertEquals(List.of(2, 3), takeAll(queue));
        queue.unlink();
    }

    @Test
    void aNullAnywherePutsNothing() {
        SharedQueue<String> queue = SharedQueue.create("nulls", 8192, Codecs.strings());
        NullPointerException e = assertThrows(NullPointerException.class, () -> queue.putMany(Arrays.asList("a", null)));
        assertTrue(e.getMessage().contains("'nulls'"), e.getMessage());
        assertThrows(NullPointerException.class, () -> queue.offerMany(Arrays.asList("a", null)));
        assertEquals(0, queue.size());
        assertThrows(IllegalArgumentException.class, () -> queue.putMany(queue));
        queue.unlink();
    }

    @Test
    void aShutDownQueueTakesNoBatch() {
        SharedQueue<String> queue = SharedQueue.create("shut-many", 8192, Codecs.strings());
        queue.shutdown();
        QueueShutDownException put = assertThrows(QueueShutDownException.class, () -> queue.putMany(List.of("a", "b")));
        assertTrue(put.getMessage().contains("'shut-many'") && put.getMessage().contains("0 of the batch's 2"), put.getMessage());
        assertThrows(QueueShutDownException.class, () -> queue.offerMany(List.of("a")));
        queue.unlink();
    }

    @Test
    void aCodecErrorPartWayLeavesTheElementsBeforeItAndTheQueueUsable() throws Exception {
        SharedQueue<String> queue = SharedQueue.create("error-many", 8192, new ErrorThrowingCodec());
        assertThrows(StackOverflowError.class, () -> queue.putMany(List.of("a", ErrorThrowingCodec.STACK_OVERFLOW, "c")));
        queue.put("d");
        assertEquals(List.of("a", "d"), takeAll(queue));
        queue.unlink();
    }

    private static <E> List<E> takeAll(SharedQueue<E> queue) throws InterruptedException {
        List<E> taken = new ArrayList<>();
        for (E element; (element = queue.poll(100, TimeUnit.MILLISECONDS)) != null; ) {
            taken.add(element);
        }
        return taken;
    }
}
