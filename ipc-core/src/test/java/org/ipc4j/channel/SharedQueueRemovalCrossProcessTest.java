package org.ipc4j.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.QueueShutDownException;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Removal between JVMs: what one process removes another never takes; removals give a count bound's places back. */
@ExtendWith(SharedDirExtension.class)
class SharedQueueRemovalCrossProcessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final TestQueues queues = new TestQueues("xremoval");

    @AfterEach
    void unlinkQueues() {
        queues.close();
    }

    /** Child: takes from queue args[0] until it is shut down and drained, then prints what it took. */
    public static final class Consumer {
        public static void main(String[] args) throws Exception {
            SharedQueue<Integer> queue = SharedQueue.open(args[0]);
            BitSet taken = new BitSet();
            try {
                taken.set(queue.take());
                System.out.println("taking");
                for (int n = 1; ; n++) {
                    taken.set(queue.take());
                    if (n % 20 == 0) {
                        Thread.sleep(1); // slow enough for the parent's removals to meet its takes
                    }
                }
            } catch (QueueShutDownException drained) {
                System.out.println("taken " + Base64.getEncoder().encodeToString(taken.toByteArray()));
            }
        }
    }

    /** Child: puts 0 .. args[1]-1 on queue args[0], waiting for room, then prints "done". */
    public static final class Producer {
        public static void main(String[] args) throws Exception {
            SharedQueue<Integer> queue = SharedQueue.open(args[0]);
            int count = Integer.parseInt(args[1]);
            for (int i = 0; i < count; i++) {
                queue.put(i);
            }
            System.out.println("done");
        }
    }

    /**
     * The parent removes the multiples of three newest first while a child takes oldest first, so that the
     * two meet in the middle and race for the same elements there: an element the parent's remove(Object)
     * removed is never among those the child took, and every element was one or the other.
     */
    @Test
    void anElementRemovedByOneProcessIsNeverTakenByAConsumerInAnother() throws Exception {
        int total = 3_000;
        SharedQueue<Integer> queue = queues.create(RingOptions.ofCapacity(1 << 17), Codecs.ints());
        for (int i = 0; i < total; i++) {
            assertTrue(queue.offer(i));
        }
        BitSet removed = new BitSet(total);
        BitSet taken;
        try (ChildJvm consumer = ChildJvm.start(Consumer.class, queue.name())) {
            consumer.awaitLine("taking"::equals, TIMEOUT);
            for (int candidate = (total - 1) / 3 * 3; candidate >= 0; candidate -= 3) {
                if (queue.remove(candidate)) {
                    removed.set(candidate);
                }
            }
            queue.shutdown();
            String line = consumer.awaitLineStartingWith("taken ", TIMEOUT);
            taken = BitSet.valueOf(Base64.getDecoder().decode(line.substring("taken ".length())));
            consumer.assertSuccess(TIMEOUT);
        }
        BitSet both = (BitSet) removed.clone();
        both.and(taken);
        assertTrue(both.isEmpty(), "removed here and taken there: " + both);
        BitSet either = (BitSet) removed.clone();
        either.or(taken);
        assertEquals(total, either.cardinality(), "each element was removed or taken");
        assertTrue(removed.cardinality() > 0, "the parent removed some");
        assertTrue(taken.stream().anyMatch(e -> e % 3 == 0), "the child took some removable ones before the parent got to them");
        assertTrue(queue.isEmpty());
    }

    /**
     * A child keeps a queue bounded to 8 elements full while the parent, which never takes the oldest
     * element without first removing the one behind it, empties it: the producer only gets on if removals
     * give their places back, and at the end the queue has exactly its 8 places again.
     */
    @Test
    void removalsGiveACountBoundedQueueItsPlacesBackAcrossProcesses() throws Exception {
        int maxCount = 8;
        int total = 400;
        SharedQueue<Integer> queue = queues.create(RingOptions.ofCapacity(1 << 14).withMaxCount(maxCount), Codecs.ints());
        BitSet removed = new BitSet(total);
        BitSet taken = new BitSet(total);
        try (ChildJvm producer = ChildJvm.start(Producer.class, queue.name(), Integer.toString(total))) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (removed.cardinality() + taken.cardinality() < total) {
                assertTrue(System.nanoTime() < deadline, "stuck after " + removed.cardinality() + " removed and "
                        + taken.cardinality() + " taken; the queue holds " + queue + "\n" + producer.output());
                List<Integer> now = List.copyOf(queue);
                if (now.size() >= 2) {
                    int behindTheHead = now.get(1);
                    assertTrue(queue.remove(behindTheHead), "nobody else takes");
                    removed.set(behindTheHead);
                    taken.set(queue.poll());
                } else if (now.size() == 1 && removed.cardinality() + taken.cardinality() == total - 1) {
                    taken.set(queue.poll());
                } else {
                    Thread.sleep(0, 100_000);
                }
            }
            producer.awaitLine("done"::equals, TIMEOUT);
            producer.assertSuccess(TIMEOUT);
        }
        assertTrue(removed.cardinality() >= total / 2 - 1, "removed " + removed.cardinality());
        assertFalse(removed.intersects(taken));
        assertTrue(queue.isEmpty(), "and so nothing removed is left to pass");
        assertEquals(total, queue.takenTotal(), "removed and taken elements each counted once");
        assertEquals(maxCount, queue.remainingCapacity());
        for (int i = 0; i < maxCount; i++) {
            assertTrue(queue.offer(i, 1, TimeUnit.SECONDS), "place " + i);
        }
        assertFalse(queue.offer(maxCount), "exactly " + maxCount + " places, not more");
    }
}
