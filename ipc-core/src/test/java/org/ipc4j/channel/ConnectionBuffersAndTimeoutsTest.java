package org.ipc4j.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.ipc4j.errors.BufferTooShortException;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.testkit.Background;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Connection's ByteBuffer send and receive, and its timed receives: positions, short buffers, timeouts, allocation. */
@ExtendWith(SharedDirExtension.class)
class ConnectionBuffersAndTimeoutsTest {

    private static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    @Test
    void sendBytesOfABufferSendsItsRemainingBytesAndMovesThePositionToTheLimit() throws Exception {
        Pipe pipe = Pipe.open();
        for (ByteBuffer source : new ByteBuffer[] {ByteBuffer.allocate(64), ByteBuffer.allocateDirect(64)}) {
            source.put(pattern(64)).position(10).limit(50);
            pipe.first().sendBytes(source);
            assertEquals(50, source.position());
            assertEquals(50, source.limit());
            assertArrayEquals(Arrays.copyOfRange(pattern(64), 10, 50), pipe.second().recvBytes());
        }
        ByteBuffer readOnly = ByteBuffer.wrap(pattern(8)).asReadOnlyBuffer();
        pipe.first().sendBytes(readOnly);
        assertEquals(8, readOnly.position());
        assertArrayEquals(pattern(8), pipe.second().recvBytes());
        ByteBuffer empty = ByteBuffer.allocate(0);
        pipe.first().sendBytes(empty);
        assertEquals(0, pipe.second().recvBytes().length);
        close(pipe);
    }

    @Test
    void recvBytesIntoABufferWritesAtItsPositionAndAdvancesIt() throws Exception {
        Pipe pipe = Pipe.open();
        for (ByteBuffer target : new ByteBuffer[] {ByteBuffer.allocate(32), ByteBuffer.allocateDirect(32)}) {
            target.position(5).limit(25);
            pipe.second().sendBytes(pattern(20));
            assertEquals(20, pipe.first().recvBytesInto(target));
            assertEquals(25, target.position());
            assertEquals(25, target.limit());
            byte[] written = new byte[20];
            target.get(5, written);
            assertArrayEquals(pattern(20), written);
        }
        assertThrows(ReadOnlyBufferException.class, () -> pipe.first().recvBytesInto(ByteBuffer.allocate(4).asReadOnlyBuffer()));
        close(pipe);
    }

    @Test
    void aMessageLongerThanTheBufferLeavesItAsItWasAndComesWholeInTheException() throws Exception {
        Pipe pipe = Pipe.open();
        ByteBuffer target = ByteBuffer.allocate(16).position(4);
        pipe.second().sendBytes(pattern(13));
        BufferTooShortException inline = assertThrows(BufferTooShortException.class, () -> pipe.first().recvBytesInto(target));
        assertArrayEquals(pattern(13), inline.received());
        assertEquals(4, target.position());
        assertArrayEquals(new byte[16], target.array());
        byte[] large = pattern(1 << 20);
        try (Background sender = Background.run(() -> pipe.second().sendBytes(ByteBuffer.wrap(large)))) {
            BufferTooShortException fragmented = assertThrows(BufferTooShortException.class, () -> pipe.first().recvBytesInto(target));
            assertArrayEquals(large, fragmented.received());
        }
        assertEquals(4, target.position());
        pipe.second().sendBytes(pattern(12));
        assertEquals(12, pipe.first().recvBytesInto(target), "the next message is not affected");
        close(pipe);
    }

    @Test
    void messagesLargerThanTheRingTravelThroughBuffersBothWays() throws Exception {
        Pipe pipe = Pipe.open();
        byte[] large = pattern(3 << 20);
        ByteBuffer source = ByteBuffer.allocateDirect(large.length + 10).put(large).flip();
        ByteBuffer target = ByteBuffer.allocate(large.length + 1).position(1);
        try (Background sender = Background.run(() -> pipe.first().sendBytes(source))) {
            assertEquals(large.length, pipe.second().recvBytesInto(target));
        }
        assertEquals(source.limit(), source.position());
        assertEquals(large.length + 1, target.position());
        assertArrayEquals(large, Arrays.copyOfRange(target.array(), 1, large.length + 1));
        close(pipe);
    }

    @Test
    void timedReceivesReturnWhatCameOrThrowTimeoutExceptionWithoutLosingALaterMessage() throws Exception {
        Pipe pipe = Pipe.open();
        Connection receiver = pipe.first();
        long start = System.nanoTime();
        TimeoutException timeout = assertThrows(TimeoutException.class, () -> receiver.recv(100, TimeUnit.MILLISECONDS));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 90);
        assertTrue(timeout.getMessage().contains(receiver.name()) && timeout.getMessage().contains("100 milliseconds"),
                timeout.getMessage());
        assertThrows(TimeoutException.class, () -> receiver.recvBytes(0, TimeUnit.SECONDS));
        pipe.second().send("late");
        assertEquals("late", receiver.recv(1, TimeUnit.SECONDS));
        pipe.second().sendBytes(pattern(3));
        assertArrayEquals(pattern(3), receiver.recvBytes(0, TimeUnit.SECONDS));
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> receiver.recv(1, TimeUnit.SECONDS));
        pipe.second().send("after");
        pipe.second().close();
        assertEquals("after", receiver.recv(1, TimeUnit.SECONDS));
        assertThrows(EOFException.class, () -> receiver.recvBytes(1, TimeUnit.SECONDS));
        receiver.close();
        assertEquals(0, SharedDirExtension.objectFiles().size());
    }

    @Test
    void bufferSendsAndReceivesAndTimedReceivesAllocateNothingButTheirResults() throws Exception {
        Pipe pipe = Pipe.open();
        Connection sender = pipe.first();
        Connection receiver = pipe.second();
        ByteBuffer source = ByteBuffer.allocateDirect(32);
        ByteBuffer target = ByteBuffer.allocateDirect(32);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        exchange(sender, receiver, source, target, 200_000);
        long before = threads.getCurrentThreadAllocatedBytes();
        exchange(sender, receiver, source, target, 100_000);
        long buffers = threads.getCurrentThreadAllocatedBytes() - before;
        // less than one object per message: what is allocated is the peer's liveness read (/proc, at most
        // every 20 ms), however many messages go by
        assertTrue(buffers < 100_000 * 8, "allocated " + buffers + " bytes for 100,000 buffer sends and receives");

        byte[] message = new byte[32];
        long allocated = 0;
        for (int round = 0; round < 3; round++) {
            before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                sender.sendBytes(message);
                receiver.recvBytes(1, TimeUnit.SECONDS);
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        long perMessage = allocated / 100_000;
        // a byte[32] takes 48 bytes with compressed class pointers, 56 without; any other object would add 16
        assertTrue(perMessage < 64, "timed recvBytes allocated " + perMessage + " bytes per 32-byte message");
        close(pipe);
    }

    private static void exchange(Connection sender, Connection receiver, ByteBuffer source, ByteBuffer target, int count)
            throws Exception {
        for (int i = 0; i < count; i++) {
            source.clear().putLong(0, i);
            sender.sendBytes(source);
            target.clear();
            receiver.recvBytesInto(target);
            if (target.getLong(0) != i) {
                throw new AssertionError("message " + i + " came as " + target.getLong(0));
            }
        }
    }

    @Test
    void timedSendsOnAFullPipeThrowTimeoutExceptionAndSendNothingOfTheMessage() throws Exception {
        Pipe pipe = Pipe.open(true, RingOptions.ofCapacity(4096));
        Connection sender = pipe.first();
        Connection receiver = pipe.second();
        int sent = 0;
        while (true) {
            try {
                sender.sendBytes(pattern(100), 0, 100, 0, TimeUnit.SECONDS);
                sent++;
            } catch (TimeoutException full) {
                assertTrue(full.getMessage().contains(sender.name()) && full.getMessage().contains("nothing of it was sent"),
                        full.getMessage());
                break;
            }
        }
        assertTrue(sent > 10, "a 4 KiB ring took " + sent + " messages of 100 bytes");
        long start = System.nanoTime();
        assertThrows(TimeoutException.class, () -> sender.send("one more", 100, TimeUnit.MILLISECONDS));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 90, "gave up before the timeout");
        // longer than the ring: it goes in fragments, and a timeout part way abandons the whole message
        byte[] large = pattern(64 * 1024);
        assertThrows(TimeoutException.class, () -> sender.sendBytes(large, 0, large.length, 50, TimeUnit.MILLISECONDS));
        for (int i = 0; i < sent; i++) {
            assertArrayEquals(pattern(100), receiver.recvBytes(1, TimeUnit.SECONDS));
        }
        assertThrows(TimeoutException.class, () -> receiver.recvBytes(100, TimeUnit.MILLISECONDS),
                "nothing of the timed-out sends arrives");
        // with room, a timed send sends, and a large one arrives whole
        Background reader = Background.run(() -> assertArrayEquals(large, receiver.recvBytes(30, TimeUnit.SECONDS)));
        sender.sendBytes(large, 0, large.length, 30, TimeUnit.SECONDS);
        reader.join();
        sender.send("fits", 1, TimeUnit.SECONDS);
        assertEquals("fits", receiver.recv(1, TimeUnit.SECONDS));
        close(pipe);
    }

    @Test
    void timedReceivesIntoArraysAndBuffersThrowTimeoutExceptionOrReturnTheLength() throws Exception {
        Pipe pipe = Pipe.open();
        Connection receiver = pipe.first();
        byte[] array = new byte[16];
        ByteBuffer buffer = ByteBuffer.allocate(16);
        assertThrows(TimeoutException.class, () -> receiver.recvBytesInto(array, 0, 50, TimeUnit.MILLISECONDS));
        assertThrows(TimeoutException.class, () -> receiver.recvBytesInto(buffer, 50, TimeUnit.MILLISECONDS));
        assertEquals(0, buffer.position(), "a timed-out receive leaves the buffer as it was");
        pipe.second().sendBytes(pattern(5));
        pipe.second().sendBytes(pattern(7));
        assertEquals(5, receiver.recvBytesInto(array, 2, 1, TimeUnit.SECONDS));
        assertArrayEquals(pattern(5), Arrays.copyOfRange(array, 2, 7));
        assertEquals(7, receiver.recvBytesInto(buffer, 1, TimeUnit.SECONDS));
        assertEquals(7, buffer.position());
        close(pipe);
    }

    private static void close(Pipe pipe) throws Exception {
        pipe.first().close();
        pipe.second().close();
        assertEquals(0, SharedDirExtension.objectFiles().size(), "closing both ends removes the pipe");
    }
}
