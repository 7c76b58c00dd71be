package org.ipc4j.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.ipc4j.errors.Ipc4jException;
import org.ipc4j.process.JvmProcess;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An end serialised to another JVM is in transit until that JVM attaches it: its peer waits for a slow
 * receiver, but gives up on one that never attaches (killed first) after the hand-over bound, which for a
 * JvmProcess child starts only once the child has ended.
 */
@ExtendWith(SharedDirExtension.class)
class PipeHandoverTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String HANDOVER_PROPERTY = "ipc4j.pipeHandoverMillis";

    /** Child: prints "started", sleeps args[1] ms, then attaches the end in args[0] and echoes until EOF. */
    public static final class AttachLater {
        public static void main(String[] args) throws Exception {
            System.out.println("started");
            Thread.sleep(Long.parseLong(args[1]));
            Connection end;
            try {
                end = Handles.decode(args[0]);
            } catch (Ipc4jException e) {
                System.out.println("refused: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                return;
            }
            System.out.println("attached");
            try {
                while (true) {
                    end.send(end.recv());
                }
            } catch (EOFException e) {
                end.close();
            }
        }
    }

    /** Takes {@code millis} to deserialise. */
    static final class SlowToDecode implements Serializable {
        private static final long serialVersionUID = 1L;
        private final long millis;

        SlowToDecode(long millis) {
            this.millis = millis;
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException, InterruptedException {
            in.defaultReadObject();
            Thread.sleep(millis);
        }
    }

    /** A child whose end is attached only after a slow field is decoded (fields are serialised in name order). */
    static final class SlowToAttach extends JvmProcess {
        private static final long serialVersionUID = 1L;
        private final SlowToDecode aSlowField;
        private final Connection end;

        SlowToAttach(long decodeMillis, Connection end) {
            this.aSlowField = new SlowToDecode(decodeMillis);
            this.end = end;
        }

        @Override
        public void run() throws Exception {
            end.send("attached after " + aSlowField.millis + " ms");
            end.close();
        }
    }

    @AfterEach
    void defaultBound() {
        System.clearProperty(HANDOVER_PROPERTY);
    }

    @Test
    void aReceiverKilledBeforeItAttachedEndsThePeersRecvWithEofWithinTheBound() throws Exception {
        System.setProperty(HANDOVER_PROPERTY, "1000");
        Pipe pipe = Pipe.open();
        Connection mine = pipe.first();
        try (ChildJvm child = ChildJvm.start(AttachLater.class, Handles.encode(pipe.second()), "60000")) {
            pipe.second().close();
            child.awaitLine("started"::equals, TIMEOUT);
            child.kill9();
            long start = System.nanoTime();
            EOFException eof = assertThrows(EOFException.class, () -> mine.recv(10, TimeUnit.SECONDS));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(eof.getMessage().contains("not attached within 1000 ms"), eof.getMessage());
            assertTrue(millis >= 1_000 && millis < 2_000, "EOF after " + millis + " ms, the bound is 1000");
        }
        mine.close();
        assertFalse(Files.exists(SharedDirExtension.dir().resolve(mine.name())), "closing the survivor removes the pipe");
    }

    @Test
    void aSlowReceiverThatAttachesWithinTheDefaultBoundWorks() throws Exception {
        Pipe pipe = Pipe.open();
        Connection mine = pipe.first();
        try (ChildJvm child = ChildJvm.start(AttachLater.class, Handles.encode(pipe.second()), "3000")) {
            pipe.second().close();
            mine.send("ping");
            long start = System.nanoTime();
            assertEquals("ping", mine.recv(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 2_500, "the receiver slept 3 s first");
            mine.close();
            child.assertSuccess(TIMEOUT);
        }
        assertFalse(Files.exists(SharedDirExtension.dir().resolve(mine.name())), "the receiver's close removed the pipe");
    }

    @Test
    void aJvmProcessChildIsWaitedForBeyondTheBoundWhileItRunsAndGivenUpOnceItIsKilled() throws Exception {
        System.setProperty(HANDOVER_PROPERTY, "300");
        Pipe pipe = Pipe.open();
        Connection mine = pipe.first();
        JvmProcess slow = new SlowToAttach(2_000, pipe.second()).start();
        pipe.second().close();
        assertEquals("attached after 2000 ms", mine.recv(30, TimeUnit.SECONDS));
        assertThrows(EOFException.class, () -> mine.recv(30, TimeUnit.SECONDS));
        slow.join();
        assertEquals(0, slow.exitCode());
        mine.close();
        assertFalse(Files.exists(SharedDirExtension.dir().resolve(mine.name())), "the child's close removed the pipe");

        Pipe second = Pipe.open();
        Connection survivor = second.first();
        JvmProcess killed = new SlowToAttach(60_000, second.second()).start();
        second.second().close();
        assertThrows(TimeoutException.class, () -> survivor.recv(1, TimeUnit.SECONDS), "alive: waited for past the bound");
        killed.kill();
        killed.join();
        long start = System.nanoTime();
        EOFException eof = assertThrows(EOFException.class, () -> survivor.recv(10, TimeUnit.SECONDS));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(eof.getMessage().contains("not attached within 300 ms"), eof.getMessage());
        assertTrue(millis < 1_500, "EOF " + millis + " ms after the child was killed; the bound is 300 ms");
        survivor.close();
        assertFalse(Files.exists(SharedDirExtension.dir().resolve(survivor.name())), "closing the survivor removes the pipe");
    }

    @Test
    void aReceiverLaterThanTheBoundIsRefusedClearly() throws Exception {
        System.setProperty(HANDOVER_PROPERTY, "300");
        Pipe pipe = Pipe.open();
        Connection mine = pipe.first();
        try (ChildJvm child = ChildJvm.start(AttachLater.class, Handles.encode(pipe.second()), "2000")) {
            pipe.second().close();
            EOFException eof = assertThrows(EOFException.class, () -> mine.recv(10, TimeUnit.SECONDS));
            assertTrue(eof.getMessage().contains("not attached within 300 ms"), eof.getMessage());
            String refused = child.awaitLineStartingWith("refused: ", TIMEOUT);
            assertTrue(refused.contains("BrokenPipeException") && refused.contains("end 1")
                    && refused.contains("gave up"), refused);
            child.assertSuccess(TIMEOUT);
        }
        mine.close();
        assertFalse(Files.exists(SharedDirExtension.dir().resolve(mine.name())), "closing the survivor removes the pipe");
    }
}
