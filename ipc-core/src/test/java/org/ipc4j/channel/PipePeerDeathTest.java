package org.ipc4j.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.ipc4j.errors.BrokenPipeException;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Sends to a pipe whose other end's holder was killed with SIGKILL fail with BrokenPipeException, soon. */
@ExtendWith(SharedDirExtension.class)
class PipePeerDeathTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int KIB = 1024;

    /** Child: attaches the end in args[0], receives forever, printing "received 100" after 100 messages. */
    public static final class Drain {
        public static void main(String[] args) throws Exception {
            Connection end = Handles.decode(args[0]);
            for (int received = 1; ; received++) {
                end.recvBytes();
                if (received == 100) {
                    System.out.println("received 100");
                }
            }
        }
    }

    @Test
    void afterRecvSawTheKilledPeerTheNextSendThrowsBrokenPipe() throws Exception {
        Pipe pipe = Pipe.open();
        Connection mine = pipe.first();
        try (ChildJvm child = ChildJvm.start(PipeTest.Echo.class, Handles.encode(pipe.second()))) {
            pipe.second().close();
            child.awaitLine("attached"::equals, TIMEOUT);
            mine.send("ping");
            assertEquals("ping", mine.recv());
            child.kill9();
            EOFException eof = assertThrows(EOFException.class, mine::recv);
            assertTrue(eof.getMessage().contains("died (pid " + child.pid() + ")"), eof.getMessage());
            BrokenPipeException broken = assertThrows(BrokenPipeException.class, () -> mine.sendBytes(new byte[KIB]));
            assertTrue(broken.getMessage().contains("died (pid " + child.pid() + ")"), broken.getMessage());
        }
        mine.close();
        assertEquals(0, SharedDirExtension.objectFiles().size(), "closing the survivor removes the pipe");
    }

    @Test
    void aSenderThatOnlySendsGetsBrokenPipeWithin64SendsOfThePeersDeath() throws Exception {
        Pipe pipe = Pipe.open(false);
        Connection sender = pipe.second();
        try (ChildJvm child = ChildJvm.start(Drain.class, Handles.encode(pipe.first()))) {
            pipe.first().close();
            for (int i = 0; i < 100; i++) {
                sender.sendBytes(new byte[KIB]);
            }
            child.awaitLine("received 100"::equals, TIMEOUT);
            child.kill9();
            long killed = System.nanoTime();
            int accepted = 0;
            try {
                // paced: a sender slower than the 20 ms liveness reads sees the death on its next check (every
                // 64th send); room for 250 more messages, so a full ring would not end this loop early
                while (accepted < 1_000) {
                    sender.sendBytes(new byte[KIB]);
                    accepted++;
                    Thread.sleep(1);
                }
            } catch (BrokenPipeException expected) {
                assertTrue(expected.getMessage().contains("died (pid " + child.pid() + ")"), expected.getMessage());
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
            assertTrue(accepted < 64, accepted + " sends were accepted after the reader was killed (" + millis + " ms)");
            assertTrue(millis < 2_000, "BrokenPipeException came " + millis + " ms after the kill");
        }
        sender.close();
        assertEquals(0, SharedDirExtension.objectFiles().size(), "closing the survivor removes the pipe");
    }
}
