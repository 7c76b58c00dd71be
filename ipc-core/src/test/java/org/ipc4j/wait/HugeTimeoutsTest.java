package org.ipc4j.wait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.ipc4j.channel.Pipe;
import org.ipc4j.process.JvmProcess;
import org.ipc4j.process.PoolIterator;
import org.ipc4j.process.ProcessPool;
import org.ipc4j.region.Region;
import org.ipc4j.sync.SharedEvent;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A timeout too long for a {@code long} of nanoseconds (from about 292 years; {@code Duration.ofSeconds(Long.MAX_VALUE)}
 * is a common "forever") means "never" in every call that takes a {@link Duration}, as it does in
 * {@code Thread.join(Duration)}: not an {@link ArithmeticException} from {@code toNanos()}.
 */
@ExtendWith(SharedDirExtension.class)
class HugeTimeoutsTest {
    private static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);

    @Test
    void everyTimedCallTakesAnEndlessTimeout() throws Exception {
        try (SharedEvent event = SharedEvent.create("forever-event")) {
            try {
                event.set();
                assertEquals(List.of(event), WaitSet.waitAny(List.of(event), FOREVER));
                Region.awaitCreated("forever-event", FOREVER);
                SharedEvent.open("forever-event", FOREVER).close();
            } finally {
                event.unlink();
            }
        }
        Pipe pipe = Pipe.open();
        try {
            pipe.second().send("there");
            assertTrue(pipe.first().poll(FOREVER));
        } finally {
            pipe.first().close();
            pipe.second().close();
        }
        JvmProcess ended = JvmProcess.start(() -> { });
        assertTrue(ended.join(FOREVER));
        try (ProcessPool pool = ProcessPool.builder().processes(1).taskTimeout(FOREVER).build()) {
            assertEquals(4, pool.applyAsync(x -> x * 2, 2, FOREVER).get());
            assertEquals(6, pool.applyAsync(x -> x * 2, 3).get());
            PoolIterator<Integer> results = pool.imap(x -> x + 1, List.of(1, 2), 1, 2);
            assertEquals(2, results.next(FOREVER));
            assertEquals(3, results.next(FOREVER));
        }
    }
}
