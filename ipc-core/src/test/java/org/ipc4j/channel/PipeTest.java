package org.ipc4j.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.BrokenPipeException;
import org.ipc4j.errors.BufferTooShortException;
import org.ipc4j.errors.CodecMismatchException;
import org.ipc4j.errors.WrongDirectionException;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.Background;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Pipe and Connection: directions, bytes and objects, EOF after close, and across JVMs incl. kill -9 of the peer. */
@ExtendWith(SharedDirExtension.class)
class PipeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Child: attaches the end passed in args[0], echoes objects back until EOF, then prints "eof". */
    public static final class Echo {
        public static void main(String[] args) throws Exception {
            Connection end = Handles.decode(args[0]);
            System.out.println("attached");
            try {
                while (true) {
                    end.send(end.recv());
                }
            } catch (EOFException e) {
                System.out.println("eof: " + e.getMessage());
            }
            end.close();
        }
    }

    /** Child: attaches the end in args[0], sends args[1] numbered messages, prints "sent", then waits to be killed. */
    public static final class SendAndHang {
        public static void main(String[] args) throws Exception {
            Connection end = Handles.decode(args[0]);
            int count = Integer.parseInt(args[1]);
            for (int i = 0; i < count; i++) {
                end.sendBytes(("message " + i).getBytes());
            }
            System.out.println("sent");
            Thread.sleep(60_000);
        }
    }

    /** Child: attaches the end in args[0], sends a value its codec fails on with an Error, then another, and stays alive. */
    public static final class SenderWhoseCodecThrows {
        public static void main(String[] args) throws Exception {
            Connection end = Handles.decode(args[0]);
            try {
                end.send(ErrorThrowingCodec.ASSERTION);
            } catch (AssertionError expected) {
                System.out.println("codec failed: " + expected);
            }
            end.send("next");
            System.out.println("sent");
            Thread.sleep(60_000);
        }
    }

    @Test
    void anErrorFromTheCodecOfALiveSenderGivesItsClaimUpAndTheNextMessageArrives() throws Exception {
        Pipe pipe = Pipe.open(false, RingOptions.ofCapacity(1 << 14), new ErrorThrowingCodec());
        Connection reader = pipe.first();
        try (ChildJvm sender = ChildJvm.start(SenderWhoseCodecThrows.class, Handles.encode(pipe.second()))) {
            pipe.second().close();
            sender.awaitLine("sent"::equals, TIMEOUT);
            assertTrue(sender.output().contains("codec failed: java.lang.AssertionError"), sender.output());
            long start = System.nanoTime();
            boolean ready = reader.poll(1_500, TimeUnit.MILLISECONDS);
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ready, "nothing to receive after " + waited + " ms: the failed send's claim still holds the ring");
            assertEquals("next", reader.recv());
            assertTrue(waited < 500, "took " + waited + " ms");
            assertTrue(sender.isAlive());
        }
        reader.close();
    }

    @Test
    void duplexEndsTalkBothWaysWithObjectsAndBytes() throws Exception {
        Pipe pipe = Pipe.open();
        Connection a = pipe.first();
        Connection b = pipe.second();
        a.send(List.of(1, "two"));
        assertTrue(b.poll());
        assertEquals(List.of(1, "two"), b.recv());
        b.sendBytes(new byte[] {1, 2, 3, 4, 5}, 1, 3);
        assertArrayEquals(new byte[] {2, 3, 4}, a.recvBytes());
        b.sendBytes(new byte[] {9, 9});
        byte[] into = new byte[4];
        assertEquals(2, a.recvBytesInto(into, 1));
        assertArrayEquals(new byte[] {0, 9, 9, 0}, into);
        b.sendBytes(new byte[10]);
        BufferTooShortException tooShort = assertThrows(BufferTooShortException.class, () -> a.recvBytesInto(new byte[4]));
        assertEquals(10, tooShort.received().length);
        byte[] large = new byte[1 << 20];
        large[12345] = 7;
        try (Background sender = Background.run(() -> a.sendBytes(large))) {
            assertArrayEquals(large, b.recvBytes(), "longer than the ring: it streams while received");
        }
        long start = System.nanoTime();
        assertFalse(a.poll(100, TimeUnit.MILLISECONDS));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 90);
        a.close();
        b.close();
        assertEquals(0, SharedDirExtension.objectFiles().size(), "closing both ends removes the pipe");
    }

    @Test
    void aOneWayPipeRefusesTheWrongDirection() throws Exception {
        Pipe pipe = Pipe.open(false);
        Connection reader = pipe.first();
        Connection writer = pipe.second();
        assertTrue(reader.readable() && !reader.writable());
        assertTrue(writer.writable() && !writer.readable());
        WrongDirectionException e = assertThrows(WrongDirectionException.class, () -> reader.send("x"));
        assertTrue(e.getMessage().contains("only receives"), e.getMessage());
        assertThrows(WrongDirectionException.class, writer::recv);
        writer.send("hello");
        assertEquals("hello", reader.recv());
        writer.close();
        reader.close();
    }

    @Test
    void anEndAttachedWithAnotherCodecIsACodecMismatch() {
        Pipe pipe = Pipe.open();
        CodecMismatchException e = assertThrows(CodecMismatchException.class,
                () -> Connection.attach(pipe.first().name(), 1, Codecs.strings()));
        assertTrue(e.getMessage().contains("'" + pipe.first().name() + "'") && e.getMessage().contains("'java-serial'"),
                e.getMessage());
        pipe.first().close();
        pipe.second().close();
    }

    @Test
    void recvReturnsWhatWasSentThenEofAfterThePeerClosed() throws Exception {
        Pipe pipe = Pipe.open();
        pipe.first().send("last words");
        pipe.first().close();
        assertEquals("last words", pipe.second().recv());
        assertTrue(pipe.second().poll(), "poll says a recv would not block: it ends the stream");
        EOFException eof = assertThrows(EOFException.class, () -> pipe.second().recv());
        assertTrue(eof.getMessage().contains("was closed"), eof.getMessage());
        assertThrows(BrokenPipeException.class, () -> pipe.second().send("anyone?"));
        pipe.second().close();
    }

    @Test
    void anEndPassedToAChildJvmAttachesThereAndSeesEofWhenWeClose() throws Exception {
        Pipe pipe = Pipe.open();
        try (ChildJvm child = ChildJvm.start(Echo.class, Handles.encode(pipe.second()))) {
            pipe.second().close();
            child.awaitLine("attached"::equals, TIMEOUT);
            Connection mine = pipe.first();
            for (int i = 0; i < 1000; i++) {
                mine.send("ping " + i);
                assertEquals("ping " + i, mine.recv());
            }
            mine.close();
            child.assertSuccess(TIMEOUT);
            assertTrue(child.output().contains("eof: "), child.output());
        }
        assertEquals(0, SharedDirExtension.objectFiles().size(), "the child's close removed the pipe");
    }

    @Test
    void afterKillMinus9OfThePeerRecvDrainsThenThrowsEof() throws Exception {
        Pipe pipe = Pipe.open(false);
        Connection reader = pipe.first();
        try (ChildJvm child = ChildJvm.start(SendAndHang.class, Handles.encode(pipe.second()), "500")) {
            pipe.second().close();
            child.awaitLine("sent"::equals, TIMEOUT);
            child.kill9();
            for (int i = 0; i < 500; i++) {
                assertEquals("message " + i, new String(reader.recvBytes()));
            }
            long start = System.nanoTime();
            EOFException eof = assertThrows(EOFException.class, reader::recvBytes);
            assertTrue(eof.getMessage().contains("died (pid " + child.pid() + ")"), eof.getMessage());
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 1_000);
        }
        reader.close();
        assertEquals(0, SharedDirExtension.objectFiles().size(), "closing the survivor removes the pipe");
    }
}
