package org.ipc4j.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.ipc4j.channel.Connection;
import org.ipc4j.channel.Pipe;
import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.ObjectNotFoundException;
import org.ipc4j.state.SharedMap;
import org.ipc4j.sync.SharedEvent;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code open(name, timeout)}: an opener in one JVM waits for a creator in another, started later. */
@ExtendWith(SharedDirExtension.class)
class AwaitCreatedTest {
    private static final Duration LONG = Duration.ofSeconds(60);

    /** Child main: waits {@code args[0]} ms, then creates a queue, a pipe, a map and an event and uses them. */
    public static final class LateCreator {
        public static void main(String[] args) throws Exception {
            Thread.sleep(Long.parseLong(args[0]));
            SharedQueue<String> queue = SharedQueue.create("late-queue", 1 << 16, Codecs.strings());
            queue.put("from the creator");
            Pipe pipe = Pipe.create("late-pipe");
            pipe.first().send("over the pipe");
            SharedMap<String, String> map = SharedMap.create("late-map", Codecs.strings(), Codecs.strings(), 16, 64, 64);
            map.put("k", "v");
            SharedEvent event = SharedEvent.create("late-event");
            event.set();
            System.out.println("created");
            pipe.first().recv(); // until the opener says it is done
            queue.close();
            map.close();
            event.close();
            pipe.first().close();
        }
    }

    @Test
    void anOpenerStartedFirstWaitsForTheCreatorAndGetsWhatItPut() throws Exception {
        try (ChildJvm creator = ChildJvm.start(LateCreator.class, "700")) {
            long start = System.nanoTime();
            SharedQueue<String> queue = SharedQueue.open("late-queue", LONG);
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals("from the creator", queue.take());
            Connection end = Pipe.openEnd("late-pipe", 1, LONG);
            assertEquals("over the pipe", end.recv());
            SharedMap<String, String> map = SharedMap.open("late-map", LONG);
            SharedEvent event = SharedEvent.open("late-event", LONG);
            assertTrue(event.await(10, TimeUnit.SECONDS));
            assertEquals("v", map.get("k"));
            assertTrue(waitedMillis >= 600, "the queue was opened " + waitedMillis + " ms in, before it was created");
            end.send("done");
            creator.assertSuccess(LONG);
            for (SharedObject object : new SharedObject[] {queue, map, event}) {
                object.unlink();
                object.close();
            }
            end.close();
        }
    }

    @Test
    void anObjectNobodyCreatesIsATypedErrorNamingItAfterTheTimeout() throws Exception {
        long start = System.nanoTime();
        ObjectNotFoundException e = assertThrows(ObjectNotFoundException.class,
                () -> SharedEvent.open("never-created", Duration.ofMillis(300)));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis >= 290, "gave up after " + millis + " ms");
        assertTrue(e.getMessage().contains("'never-created'") && e.getMessage().contains("within 300 ms"), e.getMessage());
        assertThrows(ObjectNotFoundException.class, () -> SharedQueue.open("never-created", Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> SharedEvent.open("never-created", Duration.ofMillis(-1)));
    }

    @Test
    void anInterruptEndsTheWait() {
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> SharedEvent.open("never-created", LONG));
    }
}
