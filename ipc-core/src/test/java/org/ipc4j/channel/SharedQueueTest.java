package org.ipc4j.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ipc4j.codec.Codec;
import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.CodecMismatchException;
import org.ipc4j.errors.CorruptedException;
import org.ipc4j.errors.ObjectClosedException;
import org.ipc4j.errors.ObjectNotFoundException;
import org.ipc4j.errors.QueueEmptyException;
import org.ipc4j.errors.QueueFullException;
import org.ipc4j.errors.QueueShutDownException;
import org.ipc4j.errors.TypeMismatchException;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.testkit.Pause;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SharedQueue's API in one process: BlockingQueue contract, Python parity, shutdown, codecs, large messages. */
@ExtendWith(SharedDirExtension.class)
class SharedQueueTest {

    @Test
    void pythonParityPutNowaitOnFullGetWithTimeoutOnEmptyQsizeAndClose() throws Exception {
        SharedQueue<String> queue = SharedQueue.create("parity", RingOptions.ofCapacity(4096).withMaxCount(2), Codecs.strings());
        assertTrue(queue.empty());
        queue.putNowait("a");
        queue.putNowait("b");
        assertEquals(2, queue.qsize());
        assertTrue(queue.full());
        assertEquals(0, queue.remainingCapacity());
        QueueFullException full = assertThrows(QueueFullException.class, () -> queue.putNowait("c"));
        assertTrue(full.getMessage().contains("'parity'"), full.getMessage());
        assertFalse(queue.offer("c", 50, TimeUnit.MILLISECONDS));

        assertEquals("a", queue.getNowait());
        assertEquals("b", queue.take());
        assertEquals(0, queue.qsize());
        long start = System.nanoTime();
        assertNull(queue.poll(200, TimeUnit.MILLISECONDS), "get(timeout) on an empty queue");
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waited >= 190 && waited < 2_000, "waited " + waited + " ms");
        assertThrows(QueueEmptyException.class, queue::getNowait);

        queue.close();
        assertThrows(ObjectClosedException.class, () -> queue.put("late"), "Python: put after close fails");
        assertThrows(ObjectClosedException.class, queue::poll);
        SharedQueue.open("parity").unlink();
    }

    @Test
    void shutdownFailsLaterPutsAndLetsTakesDrainThenSignalsTheEnd() throws Exception {
        SharedQueue<Integer> queue = SharedQueue.create("shut", 8192, Codecs.ints());
        SharedQueue<Integer> other = SharedQueue.open("shut");
        queue.put(1);
        queue.put(2);
        other.shutdown();
        assertTrue(queue.isShutdown());
        assertThrows(QueueShutDownException.class, () -> queue.put(3));
        assertThrows(QueueShutDownException.class, () -> queue.offer(3));
        assertEquals(1, queue.take());
        assertEquals(2, other.poll(1, TimeUnit.SECONDS));
        QueueShutDownException end = assertThrows(QueueShutDownException.class, queue::take);
        assertTrue(end.getMessage().contains("'shut'"), end.getMessage());
        assertNull(queue.poll(), "poll at the end returns null");
        queue.unlink();
    }

    @Test
    void aTakeBlockedOnAnEmptyQueueWakesOnShutdown() throws Exception {
        SharedQueue<Integer> queue = SharedQueue.create("shut-wake", 8192, Codecs.ints());
        Thread shutter = new Thread(() -> {
            Pause.millis(200);
            SharedQueue.<Integer>open("shut-wake").shutdown();
        });
        shutter.start();
        long start = System.nanoTime();
        assertThrows(QueueShutDownException.class, queue::take);
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 2_000);
        shutter.join();
        queue.unlink();
    }

    @Test
    void blockingQueueContract() throws Exception {
        SharedQueue<String> queue = SharedQueue.create("contract", RingOptions.ofCapacity(4096).withMaxCount(3), Codecs.strings());
        assertThrows(NullPointerException.class, () -> queue.put(null));
        assertTrue(queue.add("x"));
        assertTrue(queue.offer("y"));
        queue.put("z");
        assertThrows(IllegalStateException.class, () -> queue.add("w"));
        assertEquals("x", queue.peek());
        assertEquals("x", queue.element());
        assertEquals(List.of("x", "y", "z"), new ArrayList<>(queue));
        assertTrue(queue.contains("y"));
        assertEquals(3, queue.size());
        List<String> drained = new ArrayList<>();
        assertEquals(2, queue.drainTo(drained, 2));
        assertEquals(List.of("x", "y"), drained);
        assertThrows(IllegalArgumentException.class, () -> queue.drainTo(queue));
        assertEquals(1, queue.drainTo(drained));
        assertEquals("z", drained.get(2));
        assertNull(queue.peek());
        assertThrows(java.util.NoSuchElementException.class, queue::remove);
        queue.addAll(List.of("p", "q"));
        queue.clear();
        assertTrue(queue.isEmpty());
        queue.unlink();
    }

    @Test
    void openFindsTheStoredBuiltInCodecAndRefusesAMismatch() {
        SharedQueue<Long> queue = SharedQueue.create("codec", 8192, Codecs.longs());
        queue.add(7L);
        SharedQueue<Long> opened = SharedQueue.open("codec");
        assertEquals("long", opened.codec().id());
        assertEquals(7L, opened.poll());
        CodecMismatchException e = assertThrows(CodecMismatchException.class, () -> SharedQueue.open("codec", Codecs.strings()));
        assertTrue(e.getMessage().contains("'codec'") && e.getMessage().contains("'long'"), e.getMessage());
        TypeMismatchException plain = assertThrows(TypeMismatchException.class, () -> JoinableQueue.open("codec"));
        assertFalse(plain instanceof CodecMismatchException, "a plain queue opened as joinable is a type fault: " + plain);
        queue.unlink();
    }

    @Test
    void aQueueMadeWithAUserCodecNeedsThatCodecToOpen() {
        SharedQueue<String> queue = SharedQueue.create("user-codec", 8192, new UserCodec());
        CodecMismatchException e = assertThrows(CodecMismatchException.class, () -> SharedQueue.open("user-codec"));
        assertTrue(e.getMessage().contains("'user-codec'") && e.getMessage().contains("not built in"), e.getMessage());
        try (SharedQueue<String> opened = SharedQueue.open("user-codec", new UserCodec())) {
            assertEquals("test-user-strings", opened.codec().id());
        }
        queue.unlink();
    }

    /** A codec ipc4j does not know by id. */
    static final class UserCodec implements Codec<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String id() {
            return "test-user-strings";
        }

        @Override
        public int encodedLength(String value) {
            return Codecs.strings().encodedLength(value);
        }

        @Override
        public void encode(String value, ByteBuffer dst, int offset) {
            Codecs.strings().encode(value, dst, offset);
        }

        @Override
        public String decode(ByteBuffer src, int offset, int length) {
            return Codecs.strings().decode(src, offset, length);
        }
    }

    @Test
    void drainToDeliversEveryReadableElementBeforeItThrowsForTheOthers() throws Exception {
        SharedQueue<String> queue = SharedQueue.create("drain", 8192, new PartlyUndecodableCodec());
        queue.addAll(List.of("a", "bad 1", "b", "bad 2", "c"));
        List<String> drained = new ArrayList<>();
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> queue.drainTo(drained));
        assertEquals(List.of("a", "b", "c"), drained, "every readable element reaches the target");
        CorruptedException e = assertInstanceOf(CorruptedException.class, thrown);
        assertTrue(e.getMessage().contains("'drain'") && e.getMessage().contains("2 of 5"), e.getMessage());
        assertTrue(e.getCause().getMessage().contains("bad 1"), String.valueOf(e.getCause()));
        assertEquals(1, e.getSuppressed().length);
        assertTrue(e.getSuppressed()[0].getMessage().contains("bad 2"), e.getSuppressed()[0].toString());
        assertEquals(0, queue.size(), "the unreadable ones were taken too");

        queue.addAll(List.of("bad 3", "d"));
        IllegalArgumentException undecodable = assertThrows(IllegalArgumentException.class, queue::take);
        assertTrue(undecodable.getMessage().contains("bad 3"), undecodable.getMessage());
        assertEquals("d", queue.take());
        queue.unlink();
    }

    /** Strings; decoding one that starts with "bad" fails, as a codec meeting data it cannot read does. */
    static final class PartlyUndecodableCodec implements Codec<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String id() {
            return "test-partly-undecodable";
        }

        @Override
        public int encodedLength(String value) {
            return Codecs.strings().encodedLength(value);
        }

        @Override
        public void encode(String value, ByteBuffer dst, int offset) {
            Codecs.strings().encode(value, dst, offset);
        }

        @Override
        public String decode(ByteBuffer src, int offset, int length) {
            String value = Codecs.strings().decode(src, offset, length);
            if (value.startsWith("bad")) {
                throw new IllegalArgumentException("cannot decode '" + value.substring(0, Math.min(20, value.length())) + "'");
            }
            return value;
        }
    }

    @Test
    void drainToDeliversTheOtherElementsWhenALongOneCannotBeDecoded() throws Exception {
        SharedQueue<String> queue = SharedQueue.create("drain-long", RingOptions.ofCapacity(1 << 18), new PartlyUndecodableCodec());
        String longBad = "bad long " + "x".repeat(50_000);
        queue.addAll(List.of("a", longBad, "b"));
        List<String> drained = new ArrayList<>();
        CorruptedException e = assertThrows(CorruptedException.class, () -> queue.drainTo(drained, 10));
        assertEquals(List.of("a", "b"), drained, "both short elements reach the target");
        assertTrue(e.getCause().getMessage().contains("bad long"), String.valueOf(e.getCause()));
        assertEquals(0, queue.size(), "the long one was taken whole");
        assertEquals(List.of("drain-long"), listDir());
        queue.unlink();
    }

    @Test
    void serialisableObjectsTravelWithJavaSerialisation() throws Exception {
        SharedQueue<List<String>> queue = SharedQueue.create("objects", 8192, Codecs.serializable());
        queue.put(new ArrayList<>(List.of("a", "b")));
        assertEquals(List.of("a", "b"), queue.take());
        queue.unlink();
    }

    @Test
    void aQueueSerialisesAsAHandleThatAttachesTheSameQueue() throws Exception {
        SharedQueue<String> queue = SharedQueue.create("handle", 8192, Codecs.strings());
        SharedQueue<String> copy = Handles.decode(Handles.encode(queue));
        copy.put("through the copy");
        assertEquals("through the copy", queue.take());
        assertEquals("handle", copy.name());
        queue.unlink();
    }

    @Test
    void joinWaitsForTaskDone() throws Exception {
        JoinableQueue<Integer> queue = JoinableQueue.create("joinable", 8192, Codecs.ints());
        queue.put(1);
        queue.put(2);
        assertEquals(2, queue.unfinished());
        assertFalse(queue.join(50, TimeUnit.MILLISECONDS));
        queue.take();
        queue.taskDone();
        queue.take();
        queue.taskDone();
        assertTrue(queue.join(1, TimeUnit.SECONDS));
        assertThrows(IllegalStateException.class, queue::taskDone);
        queue.unlink();
    }

    @Test
    void messagesLargerThanTheRingTravelInFragmentsUpTo256MiB() throws Exception {
        SharedQueue<byte[]> queue = SharedQueue.create("large", 8192, Codecs.bytes());
        int[] sizes = {0, 1, 7, 8, 1007, 1008, 1009, 8192, 100_000, 256 << 20};
        List<byte[]> taken = new ArrayList<>();
        Thread consumer = new Thread(() -> {
            try {
                for (int i = 0; i < sizes.length; i++) {
                    taken.add(queue.take());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        consumer.start();
        for (int size : sizes) {
            queue.put(pattern(size));
            assertEquals(List.of("large"), listDir(), "no file beside the queue's own");
        }
        consumer.join(60_000);
        assertEquals(sizes.length, taken.size());
        for (int i = 0; i < sizes.length; i++) {
            assertArrayEquals(pattern(sizes[i]), taken.get(i), "size " + sizes[i]);
        }
        queue.unlink();
    }

    private static byte[] pattern(int size) {
        byte[] message = new byte[size];
        for (int i = 0; i < size; i += 4093) {
            message[i] = (byte) (i * 31 + size);
        }
        if (size > 0) {
            message[size - 1] = (byte) size;
        }
        return message;
    }

    @Test
    void anElementLongerThanTheRingIsNotOfferedWithoutAConsumerAndLeavesNothingBehind() throws Exception {
        SharedQueue<byte[]> queue = SharedQueue.create("untaken", 8192, Codecs.bytes());
        assertFalse(queue.offer(new byte[50_000]), "it cannot all fit now");
        assertTrue(queue.offer(new byte[] {7}), "the first attempt sent nothing");
        assertArrayEquals(new byte[] {7}, queue.take());
        assertFalse(queue.offer(new byte[50_000], 50, TimeUnit.MILLISECONDS), "nor by the deadline");
        assertNull(queue.poll(), "what the timed attempt sent is dropped, not delivered");
        assertTrue(queue.offer(new byte[] {8}), "and its room is back");
        assertArrayEquals(new byte[] {8}, queue.take());
        assertEquals(List.of("untaken"), listDir());
        queue.unlink();
        queue.close();
    }

    @Test
    void aLongElementThatFitsIsPeekedAndTakenWhole() throws Exception {
        SharedQueue<byte[]> queue = SharedQueue.create("long-fits", 1 << 18, Codecs.bytes());
        queue.put(pattern(50_000));
        queue.put(new byte[] {1});
        assertEquals(2, queue.size());
        assertArrayEquals(pattern(50_000), queue.peek());
        assertTrue(queue.contains(pattern(50_000)) || queue.stream().anyMatch(e -> e.length == 50_000));
        assertEquals(2, queue.toArray().length);
        assertArrayEquals(pattern(50_000), queue.take());
        assertArrayEquals(new byte[] {1}, queue.take());
        queue.unlink();
    }

    private static List<String> listDir() throws Exception {
        return SharedDirExtension.objectFiles();
    }

    @Test
    void stuckBoundIsConfigurable() {
        RingOptions options = RingOptions.ofCapacity(5000).withStuckBound(Duration.ofMillis(100));
        assertEquals(8192, options.capacity());
        assertThrows(IllegalArgumentException.class, () -> SharedQueue.create("tiny", RingOptions.ofCapacity(1024), Codecs.bytes()));
    }
}
