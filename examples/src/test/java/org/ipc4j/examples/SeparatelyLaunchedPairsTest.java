package org.ipc4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ipc4j.sync.SharedLock;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pairs a user starts by hand in two terminals: here two unrelated JVMs started by the test. */
@ExtendWith(SharedDirExtension.class)
class SeparatelyLaunchedPairsTest {

    private static List<String> after(List<String> lines, String prefix) {
        List<String> found = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith(prefix)) {
                found.add(line.substring(prefix.length()));
            }
        }
        return found;
    }

    @Test
    void theConsumerStartedFirstGetsEveryMessageOfTheProducerInOrderThenRemovesTheQueue() {
        try (ChildJvm consumer = ChildJvm.start(Examples.class, "run", "QueueConsumer", "--queue", "pair-queue-1");
             ChildJvm producer = startProducerAfter(consumer, "pair-queue-1")) {
            consumer.assertSuccess(ExampleRun.TIMEOUT);
            producer.assertSuccess(ExampleRun.TIMEOUT);
            List<String> put = after(producer.lines(), "put: ");
            assertEquals(20, put.size(), producer.output());
            assertEquals(put, after(consumer.lines(), "got: "), consumer.output());
            assertTrue(consumer.output().contains("got 20 messages; the producer is done; queue 'pair-queue-1' removed"), consumer.output());
            assertFalse(Files.exists(SharedDirExtension.dir().resolve("pair-queue-1")), "the consumer removed the queue");
        }
    }

    private static ChildJvm startProducerAfter(ChildJvm consumer, String queue) {
        consumer.awaitLineStartingWith("consumer ", ExampleRun.TIMEOUT);
        return ChildJvm.start(Examples.class, "run", "QueueProducer", "--queue", queue, "--count", "20", "--pause", "0");
    }

    @Test
    void aConsumerStartedAfterTheProducerEndedStillGetsEverything() {
        try (ChildJvm producer = ChildJvm.start(Examples.class, "run", "QueueProducer", "--queue", "pair-queue-2", "--count", "5",
                "--pause", "0")) {
            producer.assertSuccess(ExampleRun.TIMEOUT);
            try (ChildJvm consumer = ChildJvm.start(Examples.class, "run", "QueueConsumer", "--queue", "pair-queue-2")) {
                consumer.assertSuccess(ExampleRun.TIMEOUT);
                List<String> put = after(producer.lines(), "put: ");
                assertEquals(5, put.size());
                assertEquals(put, after(consumer.lines(), "got: "), consumer.output());
            }
        }
    }

    @Test
    void twoLockContendersNeverHoldTheNamedLockAtTheSameTime() {
        String lockName = "pair-lock";
        try (ChildJvm first = ChildJvm.start(Examples.class, "run", "LockContender", "--lock", lockName, "--rounds", "3", "--hold", "0.2");
             ChildJvm second = ChildJvm.start(Examples.class, "run", "LockContender", "--lock", lockName, "--rounds", "3", "--hold", "0.2")) {
            first.assertSuccess(ExampleRun.TIMEOUT);
            second.assertSuccess(ExampleRun.TIMEOUT);
            List<long[]> holds = new ArrayList<>();
            holds.addAll(holdIntervals(first.lines()));
            holds.addAll(holdIntervals(second.lines()));
            assertEquals(6, holds.size(), first.output() + "\n" + second.output());
            holds.sort((a, b) -> Long.compare(a[0], b[0]));
            for (int i = 1; i < holds.size(); i++) {
                // one prints "releases" before unlock(), the next prints "holds" after lock(): never overlapping
                assertTrue(holds.get(i)[0] >= holds.get(i - 1)[1], "hold intervals overlap:\n" + first.output() + "\n" + second.output());
            }
        } finally {
            try (SharedLock lock = SharedLock.open(lockName)) {
                lock.unlink();
            }
        }
    }

    /** [holds, releases] times (epoch microseconds) of each round of one contender. */
    private static List<long[]> holdIntervals(List<String> lines) {
        Pattern holds = Pattern.compile("(\\d+\\.\\d{6}) \\d+ holds the lock \\(round \\d\\)");
        Pattern releases = Pattern.compile("(\\d+\\.\\d{6}) \\d+ releases the lock");
        List<long[]> intervals = new ArrayList<>();
        for (String line : lines) {
            Matcher h = holds.matcher(line);
            Matcher r = releases.matcher(line);
            if (h.matches()) {
                intervals.add(new long[] {micros(h.group(1)), Long.MAX_VALUE});
            } else if (r.matches()) {
                intervals.get(intervals.size() - 1)[1] = micros(r.group(1));
            }
        }
        return intervals;
    }

    private static long micros(String secondsDotMicros) {
        return Long.parseLong(secondsDotMicros.replace(".", ""));
    }
}
