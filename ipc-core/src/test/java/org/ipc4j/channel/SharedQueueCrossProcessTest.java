package org.ipc4j.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.QueueShutDownException;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SharedQueue between JVMs: sizes from 0 bytes to beyond the ring, a sleeping consumer's CPU, JoinableQueue. */
@ExtendWith(SharedDirExtension.class)
class SharedQueueCrossProcessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final int CAPACITY = 1 << 14;
    static final int[] SIZES = {0, 1, 7, 8, 9, 100, CAPACITY / 8 - 17, CAPACITY / 8 - 16, CAPACITY / 8 - 15, CAPACITY - 1,
        CAPACITY, 3 * CAPACITY + 5, 16 << 20};

    static byte[] message(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 131 + size);
        }
        return bytes;
    }

    /** Child: puts a message of every size in SIZES, twice, on queue args[0]. */
    public static final class SizesProducer {
        public static void main(String[] args) throws Exception {
            SharedQueue<byte[]> queue = SharedQueue.open(args[0]);
            for (int round = 0; round < 2; round++) {
                for (int size : SIZES) {
                    queue.put(message(size));
                }
            }
            System.out.println("done");
        }
    }

    /** Child: takes one element from the queue handle in args[0] and prints it. */
    public static final class SleepyConsumer {
        public static void main(String[] args) throws Exception {
            SharedQueue<String> queue = Handles.decode(args[0]);
            System.out.println("waiting");
            System.out.println("got " + queue.take());
        }
    }

    /** Child: takes from the joinable queue handle in args[0], marking each task done, until shutdown. */
    public static final class Worker {
        public static void main(String[] args) throws Exception {
            JoinableQueue<Integer> queue = Handles.decode(args[0]);
            int done = 0;
            try {
                while (true) {
                    queue.take();
                    Thread.sleep(5);
                    queue.taskDone();
                    done++;
                }
            } catch (QueueShutDownException end) {
                System.out.println("worked " + done);
            }
        }
    }

    /** Child: puts an element its codec fails on with an Error, then another, and stays alive. */
    public static final class ProducerWhoseCodecThrows {
        public static void main(String[] args) throws Exception {
            SharedQueue<String> queue = Handles.decode(args[0]);
            try {
                queue.put(ErrorThrowingCodec.STACK_OVERFLOW);
            } catch (StackOverflowError expected) {
                System.out.println("codec failed: " + expected);
            }
            queue.put("next");
            System.out.println("sent");
            Thread.sleep(60_000);
        }
    }

    @Test
    void anErrorFromTheCodecOfALiveProducerGivesItsClaimUpAndTheNextElementArrives() throws Exception {
        SharedQueue<String> queue = SharedQueue.create("codec-error", 1 << 14, new ErrorThrowingCodec());
        try (ChildJvm producer = ChildJvm.start(ProducerWhoseCodecThrows.class, Handles.encode(queue))) {
            producer.awaitLine("sent"::equals, TIMEOUT);
            assertTrue(producer.output().contains("codec failed: java.lang.StackOverflowError"), producer.output());
            long start = System.nanoTime();
            String received = queue.poll(1_500, TimeUnit.MILLISECONDS);
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // a claim left open by a live producer would hold the head for good (the stuck bound only drops
            // records of dead producers or never-written headers)
            assertEquals("next", received, "the element after the failed one, " + waited + " ms");
            assertTrue(waited < 500, "took " + waited + " ms");
            assertTrue(producer.isAlive());
            assertEquals(0, queue.size());
        }
        queue.unlink();
    }

    @Test
    void messagesFromZeroBytesToLargerThanTheRingArriveIntact() throws Exception {
        SharedQueue<byte[]> queue = SharedQueue.create("sizes", RingOptions.ofCapacity(CAPACITY), Codecs.bytes());
        try (ChildJvm producer = ChildJvm.start(SizesProducer.class, "sizes")) {
            for (int round = 0; round < 2; round++) {
                for (int size : SIZES) {
                    byte[] received = queue.poll(30, TimeUnit.SECONDS);
                    assertArrayEquals(message(size), received, "size " + size);
                }
            }
            producer.assertSuccess(TIMEOUT);
        }
        assertEquals(0, queue.size());
        queue.unlink();
        assertEquals(0, SharedDirExtension.objectFiles().size());
    }

    @Test
    void aConsumerAsleepOnAnEmptyQueueUsesUnder5PercentOfACoreAndWakesOnAPut() throws Exception {
        SharedQueue<String> queue = SharedQueue.create("sleepy", 1 << 16, Codecs.strings());
        try (ChildJvm consumer = ChildJvm.start(SleepyConsumer.class, Handles.encode(queue))) {
            consumer.awaitLine("waiting"::equals, TIMEOUT);
            Thread.sleep(500);
            long before = cpuTicks(consumer.pid());
            long start = System.nanoTime();
            Thread.sleep(2_000);
            long ticks = cpuTicks(consumer.pid()) - before;
            double seconds = (System.nanoTime() - start) / 1e9;
            double share = ticks / 100.0 / seconds;
            System.out.printf("sleeping consumer: %d ticks of CPU in %.2f s = %.1f%% of a core%n", ticks, seconds, share * 100);
            assertTrue(share < 0.05, "consumer used " + share * 100 + "% of a core while waiting");
            long put = System.nanoTime();
            queue.put("wake up");
            consumer.awaitLine("got wake up"::equals, Duration.ofSeconds(1));
            System.out.printf("woke %d ms after the put%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - put));
            consumer.assertSuccess(TIMEOUT);
        }
        queue.unlink();
    }

    @Test
    void joinReturnsOnceWorkersInOtherJvmsMarkedEveryTaskDone() throws Exception {
        JoinableQueue<Integer> queue = JoinableQueue.create("jobs", 1 << 16, Codecs.ints());
        String handle = Handles.encode(queue);
        try (ChildJvm first = ChildJvm.start(Worker.class, handle); ChildJvm second = ChildJvm.start(Worker.class, handle)) {
            for (int i = 0; i < 100; i++) {
                queue.put(i);
            }
            assertTrue(queue.join(30, TimeUnit.SECONDS), "all tasks done");
            assertEquals(0, queue.unfinished());
            assertEquals(0, queue.size());
            queue.shutdown();
            first.assertSuccess(TIMEOUT);
            second.assertSuccess(TIMEOUT);
            int worked = workedCount(first) + workedCount(second);
            assertEquals(100, worked);
        }
        queue.unlink();
    }

    private static int workedCount(ChildJvm worker) {
        String line = worker.awaitLineStartingWith("worked ", TIMEOUT);
        return Integer.parseInt(line.substring("worked ".length()));
    }

    /** utime + stime of a process, in clock ticks (1/100 s), from /proc/<pid>/stat. */
    static long cpuTicks(long pid) throws Exception {
        String stat = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "stat")), StandardCharsets.US_ASCII);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
