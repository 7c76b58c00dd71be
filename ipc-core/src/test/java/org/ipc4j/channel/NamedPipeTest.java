package org.ipc4j.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.EndInUseException;
import org.ipc4j.errors.ObjectClosedException;
import org.ipc4j.errors.ObjectExistsException;
import org.ipc4j.errors.TypeMismatchException;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Named pipes: ends taken by name in unrelated JVMs, one holder per end, re-attaching a dead holder's end, unlink. */
@ExtendWith(SharedDirExtension.class)
class NamedPipeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * Child: takes end args[1] of the named pipe args[0] (no handle, only the name), sends "hello from PID",
     * echoes strings until EOF. Prints the EndInUseException's message if the end is taken.
     */
    public static final class Client {
        public static void main(String[] args) throws Exception {
            Connection end;
            try {
                end = Pipe.openEnd(args[0], Integer.parseInt(args[1]));
            } catch (EndInUseException e) {
                System.out.println("in use: " + e.getMessage() + " [pid " + e.holderPid() + "]");
                return;
            }
            System.out.println("attached");
            end.send("hello from " + ProcessHandle.current().pid());
            try {
                while (true) {
                    end.send(end.recv());
                }
            } catch (EOFException e) {
                System.out.println("eof");
            }
            end.close();
        }
    }

    @Test
    void aJvmThatSharesNoParentTakesAnEndByNameAndASecondTakerIsRefusedWhileItLives() throws Exception {
        Pipe pipe = Pipe.create("jobs");
        Connection server = pipe.first();
        try (ChildJvm first = ChildJvm.start(Client.class, "jobs", "1")) {
            first.awaitLine("attached"::equals, TIMEOUT);
            assertEquals("hello from " + first.pid(), server.recv());
            try (ChildJvm second = ChildJvm.start(Client.class, "jobs", "1")) {
                String refused = second.awaitLineStartingWith("in use: ", TIMEOUT);
                assertTrue(refused.contains("pipe 'jobs'") && refused.contains("end 1") && refused.contains("pid " + first.pid()),
                        refused);
                second.assertSuccess(TIMEOUT);
            }
            EndInUseException here = assertThrows(EndInUseException.class, () -> Pipe.openEnd("jobs", 1));
            assertEquals("jobs", here.pipe());
            assertEquals(1, here.end());
            assertEquals(first.pid(), here.holderPid());
            server.send("ping");
            assertEquals("ping", server.recv());

            first.kill9();
            EOFException eof = assertThrows(EOFException.class, () -> server.recv(5, TimeUnit.SECONDS));
            assertTrue(eof.getMessage().contains("died (pid " + first.pid() + ")"), eof.getMessage());
        }
        try (Connection taken = Pipe.openEnd("jobs", 1)) {
            assertTrue(taken.writable(), "the dead holder's end can be taken again");
        }
        server.close();
        assertEquals(0, SharedDirExtension.objectFiles().size(), "both ends closed or gone: the pipe is removed");
    }

    @Test
    void theCreatorTakesAnEndOnFirstUseAndTheOtherStaysFreeUntilSomeoneTakesIt() throws Exception {
        Pipe pipe = Pipe.create("lazy", false, RingOptions.ofCapacity(1 << 16), Codecs.strings());
        assertThrows(ObjectExistsException.class, () -> Pipe.create("lazy"));
        Connection reader = pipe.first();
        assertSame(reader, pipe.first());
        assertFalse(reader.poll(50, TimeUnit.MILLISECONDS), "a free end is not gone: nothing, and no end of stream");
        EndInUseException mine = assertThrows(EndInUseException.class, () -> Pipe.openEnd("lazy", 0));
        assertEquals(ProcessHandle.current().pid(), mine.holderPid());
        assertThrows(TypeMismatchException.class, () -> Pipe.openEnd("lazy", 1, Codecs.bytes()));
        try (Connection writer = Pipe.openEnd("lazy", 1)) {
            writer.send("built-in codec found by its stored id");
        }
        assertEquals("built-in codec found by its stored id", reader.recv());
        assertThrows(EOFException.class, reader::recv);
        assertThrows(ObjectClosedException.class, () -> Pipe.openEnd("lazy", 1), "a closed end is not taken again");
        assertThrows(IllegalArgumentException.class, () -> Pipe.openEnd("lazy", 2));
        reader.close();
        assertEquals(0, SharedDirExtension.objectFiles().size());
    }

    @Test
    void openOrCreateLetsEitherSideStartFirstAndUnlinkRemovesAPipeNobodyAttached() throws Exception {
        RingOptions options = RingOptions.ofCapacity(1 << 16);
        Pipe made = Pipe.openOrCreate("either", true, options, Codecs.strings());
        Pipe found = Pipe.openOrCreate("either", false, options, Codecs.strings());
        assertThrows(TypeMismatchException.class, () -> Pipe.openOrCreate("either", true, options, Codecs.bytes()));
        found.second().send("to end 0");
        assertEquals("to end 0", made.first().recv());
        made.first().send("duplex, as it was made");
        assertEquals("duplex, as it was made", found.second().recv());
        made.first().close();
        found.second().close();
        assertEquals(0, SharedDirExtension.objectFiles().size());

        Pipe unused = Pipe.create("unused");
        assertTrue(Files.exists(SharedDirExtension.dir().resolve("unused")));
        unused.unlink();
        unused.unlink();
        assertEquals(0, SharedDirExtension.objectFiles().size());
    }
}
