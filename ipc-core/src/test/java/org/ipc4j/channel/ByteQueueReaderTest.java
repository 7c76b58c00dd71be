package org.ipc4j.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.BufferTooShortException;
import org.ipc4j.errors.CodecMismatchException;
import org.ipc4j.errors.QueueShutDownException;
import org.ipc4j.testkit.Background;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Taking a byte queue's elements into the caller's arrays and buffers. */
@ExtendWith(SharedDirExtension.class)
class ByteQueueReaderTest {

    @Test
    void elementsArriveInTheCallersArrayAtTheOffsetGiven() throws Exception {
        SharedQueue<byte[]> queue = SharedQueue.create("into-array", 8192, Codecs.bytes());
        ByteQueueReader reader = ByteQueueReader.of(queue);
        queue.putMany(List.of(new byte[] {1, 2, 3}, new byte[0]));
        byte[] dst = new byte[6];
        assertEquals(3, reader.takeInto(dst, 2));
        assertArrayEquals(new byte[] {0, 0, 1, 2, 3, 0}, dst);
        assertEquals(0, reader.pollInto(dst, 6), "an empty element fits at the very end");
        assertEquals(-1, reader.pollInto(dst, 0), "empty queue");
        long start = System.nanoTime();
        assertEquals(-1, reader.pollInto(dst, 0, 100, TimeUnit.MILLISECONDS));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 90);
        assertThrows(IndexOutOfBoundsException.class, () -> reader.pollInto(dst, 7));
        queue.unlink();
    }

    @Test
    void elementsArriveInABufferAtItsPositionWhichMovesOn() throws Exception {
        SharedQueue<byte[]> queue = SharedQueue.create("into-buffer", 8192, Codecs.bytes());
        ByteQueueReader reader = ByteQueueReader.of(queue);
        queue.putMany(List.of(new byte[] {1, 2}, new byte[] {3}, new byte[] {4}));
        ByteBuffer dst = ByteBuffer.allocateDirect(8);
        dst.position(1);
        assertEquals(2, reader.takeInto(dst));
        assertEquals(1, reader.pollInto(dst));
        assertEquals(4, dst.position());
        dst.flip().position(1);
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), dst);
        assertThrows(ReadOnlyBufferException.class, () -> reader.pollInto(ByteBuffer.allocate(8).asReadOnlyBuffer()));
        assertEquals(1, queue.size(), "nothing is taken for a buffer it cannot write");
        assertEquals(1, reader.pollInto(ByteBuffer.allocate(1), 1, TimeUnit.SECONDS));
        queue.unlink();
    }

    @Test
    void anElementThatDoesNotFitIsCarriedByTheExceptionAndTheNextOneStaysQueued() throws Exception {
        SharedQueue<byte[]> queue = SharedQueue.create("too-short", 8192, Codecs.bytes());
        ByteQueueReader reader = ByteQueueReader.of(queue);
        byte[] ten = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        queue.putMany(List.of(ten, new byte[] {42}));
        BufferTooShortException e = assertThrows(BufferTooShortException.class, () -> reader.pollInto(new byte[8], 4));
        assertArrayEquals(ten, e.received());
        assertTrue(e.getMessage().contains("queue 'too-short'") && e.getMessage().contains("10 bytes"), e.getMessage());
        ByteBuffer small = ByteBuffer.allocate(4);
        assertEquals(1, reader.takeInto(small));
        assertEquals(42, small.get(0));
        assertEquals(0, queue.size());
        queue.unlink();
    }

    @Test
    void longElementsAreReadFragmentByFragmentWhetherTheyFitOrNot() throws Exception {
        SharedQueue<byte[]> queue = SharedQueue.create("large-into", 8192, Codecs.bytes());
        ByteQueueReader reader = ByteQueueReader.of(queue);
        byte[] large = new byte[100_000];
        Arrays.fill(large, (byte) 7);
        byte[] dst = new byte[100_001];
        try (Background producer = Background.run(() -> queue.putMany(List.of(large, large)))) {
            assertEquals(100_000, reader.takeInto(dst, 1));
            assertArrayEquals(large, Arrays.copyOfRange(dst, 1, 100_001));
            BufferTooShortException e = assertThrows(BufferTooShortException.class, () -> reader.takeInto(ByteBuffer.allocate(10)));
            assertArrayEquals(large, e.received());
        }
        assertEquals(List.of("large-into"), SharedDirExtension.objectFiles(), "no file beside the queue's");
        queue.unlink();
    }

    @Test
    void onlyAQueueOfRawBytesHasAReader() {
        SharedQueue<byte[]> serialised = SharedQueue.create("serialised-arrays", 8192, Codecs.serializable());
        CodecMismatchException e = assertThrows(CodecMismatchException.class, () -> ByteQueueReader.of(serialised));
        assertTrue(e.getMessage().contains("'serialised-arrays'") && e.getMessage().contains("'java-serial'"), e.getMessage());
        serialised.unlink();
    }

    @Test
    void aShutDownQueueEndsTakesOnceDrained() throws Exception {
        SharedQueue<byte[]> queue = SharedQueue.create("into-shut", 8192, Codecs.bytes());
        ByteQueueReader reader = ByteQueueReader.of(queue);
        queue.put(new byte[] {5});
        queue.shutdown();
        byte[] dst = new byte[1];
        assertEquals(1, reader.takeInto(dst, 0));
        assertThrows(QueueShutDownException.class, () -> reader.takeInto(dst, 0));
        assertEquals(-1, reader.pollInto(dst, 0));
        queue.unlink();
    }

    @Test
    void inlineElementsAllocateNothing() {
        SharedQueue<byte[]> queue = SharedQueue.create("no-garbage", 1 << 16, Codecs.bytes());
        ByteQueueReader reader = ByteQueueReader.of(queue);
        byte[] message = new byte[100];
        byte[] dst = new byte[128];
        ByteBuffer buffer = ByteBuffer.allocateDirect(128);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        exchange(queue, reader, message, dst, buffer, 100_000);
        long before = threads.getCurrentThreadAllocatedBytes();
        exchange(queue, reader, message, dst, buffer, 100_000);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        System.out.printf("%d bytes allocated for 100,000 offers and takes into a caller's array or buffer%n", allocated);
        assertTrue(allocated < 1_024, "allocated " + allocated + " bytes");
        queue.unlink();
    }

    private static void exchange(SharedQueue<byte[]> queue, ByteQueueReader reader, byte[] message, byte[] dst, ByteBuffer buffer,
            int count) {
        for (int i = 0; i < count; i++) {
            queue.offer(message);
            int length = (i & 1) == 0 ? reader.pollInto(dst, 28) : reader.pollInto(buffer.clear());
            if (length != message.length) {
                throw new AssertionError("element " + i + ": length " + length);
            }
        }
    }
}
