package org.ipc4j.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.ipc4j.codec.Codecs;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * remove(Object), removeAll, retainAll, removeIf and Iterator.remove in one JVM: what they remove, nulls,
 * capacity and size afterwards, large elements' blocks, joinable queues, and removal racing consumers.
 */
@ExtendWith(SharedDirExtension.class)
class SharedQueueRemovalTest {
    private final TestQueues queues = new TestQueues("removal");

    @AfterEach
    void unlinkQueues() {
        queues.close();
    }

    @Test
    void removeOfAnObjectRemovesTheOldestEqualElementOnly() {
        SharedQueue<Integer> queue = queues.ints(0);
        queue.addAll(List.of(1, 2, 3, 2));
        assertTrue(queue.remove(2));
        assertEquals(List.of(1, 3, 2), List.copyOf(queue));
        assertEquals(3, queue.size());
        assertTrue(queue.remove(2));
        assertFalse(queue.remove(2), "no more equal elements");
        assertFalse(queue.contains(2));
        assertEquals(List.of(1, 3), List.copyOf(queue));
    }

    @Test
    void removeOfNullOrOfAnAbsentObjectIsFalseAndChangesNothing() {
        SharedQueue<Integer> queue = queues.populated(3);
        assertFalse(queue.remove(null));
        assertFalse(queue.remove(7));
        assertFalse(queue.remove("1"), "an object of another type");
        assertEquals(List.of(0, 1, 2), List.copyOf(queue));
        assertFalse(queues.ints(3).remove(0), "nothing to remove from an empty queue");
    }

    @Test
    void removeAllRemovesEveryElementTheCollectionContains() {
        SharedQueue<Integer> queue = queues.populated(10);
        assertTrue(queue.removeAll(Set.of(1, 3, 5, 7, 9, 42)));
        assertEquals(List.of(0, 2, 4, 6, 8), List.copyOf(queue));
        assertFalse(queue.removeAll(Set.of(1, 42)), "nothing left to remove");
        assertFalse(queue.removeAll(List.of()));
        assertEquals(5, queue.size());
        assertThrows(NullPointerException.class, () -> queue.removeAll(null));
        assertThrows(NullPointerException.class, () -> queues.ints(1).removeAll(null), "on an empty queue too");
    }

    @Test
    void retainAllRemovesEveryElementTheCollectionDoesNotContain() {
        SharedQueue<Integer> queue = queues.populated(10);
        assertTrue(queue.retainAll(List.of(8, 2, 4, 42)));
        assertEquals(List.of(2, 4, 8), List.copyOf(queue), "in queue order, not the collection's");
        assertFalse(queue.retainAll(List.of(2, 4, 8)));
        assertTrue(queue.retainAll(List.of()));
        assertTrue(queue.isEmpty());
        assertThrows(NullPointerException.class, () -> queue.retainAll(null));
    }

    @Test
    void removeIfRemovesWhatThePredicateAcceptsAndRelaysWhatItThrows() {
        SharedQueue<Integer> queue = queues.populated(10);
        assertTrue(queue.removeIf(e -> e % 3 == 0));
        assertEquals(List.of(1, 2, 4, 5, 7, 8), List.copyOf(queue));
        assertFalse(queue.removeIf(e -> e > 100));
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> queue.removeIf(e -> {
            throw new IllegalStateException("predicate failed");
        }));
        assertEquals("predicate failed", thrown.getMessage());
        assertEquals(6, queue.size(), "a predicate that throws removes nothing");
        assertThrows(NullPointerException.class, () -> queue.removeIf(null));
    }

    @Test
    void iteratorRemoveRemovesTheElementsItReturned() {
        SharedQueue<Integer> queue = queues.populated(6);
        for (Iterator<Integer> it = queue.iterator(); it.hasNext(); ) {
            if (it.next() % 2 == 0) {
                it.remove();
            }
        }
        assertEquals(List.of(1, 3, 5), List.copyOf(queue));
        assertEquals(3, queue.size());
    }

    @Test
    void iteratorRemoveWithoutANextBeforeItThrowsIllegalStateException() {
        SharedQueue<Integer> queue = queues.populated(3);
        Iterator<Integer> it = queue.iterator();
        assertThrows(IllegalStateException.class, it::remove);
        it.next();
        it.remove();
        assertThrows(IllegalStateException.class, it::remove, "twice for one next()");
        assertEquals(List.of(1, 2), List.copyOf(queue));
    }

    /** Iterator.remove removes the very element it returned, not the oldest equal one (which remove(Object) would). */
    @Test
    void iteratorRemoveRemovesThatElementNotAnEarlierEqualOne() {
        SharedQueue<Tagged> queue = queues.create(RingOptions.ofCapacity(TestQueues.ROOMY), Codecs.serializable());
        queue.addAll(List.of(new Tagged("a", 1), new Tagged("a", 2), new Tagged("a", 3)));
        Iterator<Tagged> it = queue.iterator();
        it.next();
        assertEquals(2, it.next().tag);
        it.remove();
        assertEquals(List.of(1, 3), queue.stream().map(t -> t.tag).collect(Collectors.toList()));
        assertTrue(queue.remove(new Tagged("a", 99)), "remove(Object) compares with equals");
        assertEquals(3, queue.peek().tag);
    }

    @Test
    void iteratorRemoveOfAnElementAConsumerTookMeanwhileRemovesNothing() {
        SharedQueue<Integer> queue = queues.ints(0);
        queue.addAll(List.of(0, 1));
        Iterator<Integer> it = queue.iterator();
        assertEquals(0, it.next());
        assertEquals(0, queue.poll(), "a consumer takes it");
        queue.add(0);
        it.remove();
        assertEquals(List.of(1, 0), List.copyOf(queue), "the new equal element stays");
    }

    @Test
    void aRemovalAtTheHeadOfACountBoundedQueueGivesItsPlaceBackAtOnce() {
        SharedQueue<Integer> queue = queues.populated(4);
        assertFalse(queue.offer(4));
        assertTrue(queue.remove(0));
        assertEquals(3, queue.size());
        assertEquals(1, queue.remainingCapacity());
        assertTrue(queue.offer(4));
        assertFalse(queue.offer(5), "one place, not two");
        assertEquals(List.of(1, 2, 3, 4), List.copyOf(queue));
    }

    @Test
    void aRemovalBehindOtherElementsDropsTheSizeAtOnceAndGivesItsPlaceBackOnceTakesPassIt() throws Exception {
        SharedQueue<Integer> queue = queues.populated(4);
        assertTrue(queue.removeAll(List.of(1, 2)));
        assertEquals(2, queue.size(), "the size drops at once");
        assertFalse(queue.isEmpty());
        assertFalse(queue.offer(4), "the places are held until takes pass the removed elements");
        assertEquals(0, queue.take());
        assertEquals(3, queue.take());
        assertTrue(queue.isEmpty());
        assertEquals(4, queue.remainingCapacity());
        for (int i = 0; i < 4; i++) {
            assertTrue(queue.offer(10 + i), "place " + i);
        }
        assertFalse(queue.offer(14), "each removed element gave its place back once: four places, not more");
    }

    @Test
    void removingEveryElementEmptiesTheQueue() {
        SharedQueue<Integer> queue = queues.populated(5);
        assertTrue(queue.removeIf(e -> true));
        assertTrue(queue.isEmpty());
        assertEquals(0, queue.size());
        assertNull(queue.poll());
        assertEquals(5, queue.remainingCapacity());
        assertTrue(queue.addAll(List.of(1, 2, 3, 4, 5)));
    }

    @Test
    void longElementsAreRemovedWholeAndTheOthersStay() throws Exception {
        SharedQueue<byte[]> queue = queues.create(RingOptions.ofCapacity(1 << 18), Codecs.bytes());
        queue.put(new byte[] {1});
        queue.put(new byte[50_000]);
        queue.put(new byte[] {2});
        queue.put(new byte[60_000]);
        assertTrue(queue.removeIf(element -> element.length > 1000));
        assertEquals(2, queue.size());
        assertEquals(1, queue.take()[0]);
        assertEquals(2, queue.take()[0]);
        assertTrue(queue.isEmpty());
        assertEquals(List.of(queue.name()), listDir(), "no file beside the queue's own");
    }

    @Test
    void aLongElementStillBeingSentIsNotInASnapshot() throws Exception {
        SharedQueue<byte[]> queue = queues.create(RingOptions.ofCapacity(8192), Codecs.bytes());
        queue.put(new byte[] {1});
        Thread producer = new Thread(() -> {
            try {
                queue.put(new byte[50_000]); // longer than the ring: waits for a consumer part way
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (queue.ring.hasRoomFor(queue.ring.maxMessageLength()) && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(2, queue.size(), "the short element and the long one begun");
        assertEquals(1, queue.toArray().length, "only the short element is all in the ring");
        assertFalse(queue.removeIf(element -> element.length > 1), "nor can the long one be removed");
        assertEquals(1, queue.take()[0]);
        assertEquals(50_000, queue.take().length, "a consumer takes it as it comes");
        producer.join(10_000);
        assertFalse(producer.isAlive());
        assertTrue(queue.isEmpty());
    }

    @Test
    void aRemovedElementOfAJoinableQueueCountsAsDone() throws Exception {
        JoinableQueue<Integer> queue = queues.joinable(RingOptions.ofCapacity(TestQueues.ROOMY), Codecs.ints());
        queue.addAll(List.of(1, 2, 3));
        assertEquals(3, queue.unfinished());
        assertTrue(queue.remove(2));
        assertEquals(2, queue.unfinished());
        queue.take();
        queue.taskDone();
        queue.take();
        queue.taskDone();
        assertTrue(queue.join(1, TimeUnit.SECONDS));
    }

    /**
     * A producer, two consumers and a remover of multiples of three, through three handles of a joinable
     * queue: removal counts as done, consumers mark what they take done. Each element is taken at most once,
     * those not taken are multiples of three, the queue ends empty and the count of unfinished tasks at 0:
     * so every element was either taken or removed, never both.
     */
    @Test
    void eachElementIsEitherTakenOrRemovedNeverBoth() throws Exception {
        JoinableQueue<Integer> queue = queues.joinable(RingOptions.ofCapacity(1 << 14), Codecs.ints());
        JoinableQueue<Integer> consumerSide = JoinableQueue.open(queue.name());
        JoinableQueue<Integer> removerSide = JoinableQueue.open(queue.name());
        int total = 30_000;
        ConcurrentLinkedQueue<Integer> taken = new ConcurrentLinkedQueue<>();
        AtomicBoolean produced = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        threads.add(new Thread(() -> {
            try {
                for (int i = 0; i < total; i++) {
                    queue.put(i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            produced.set(true);
        }));
        // the consumers start once a removal has happened: on a fast day they would otherwise keep the queue so
        // empty that the remover never finds anything, and the race under test would not be run
        CountDownLatch firstRemoval = new CountDownLatch(1);
        for (JoinableQueue<Integer> consumer : List.of(queue, consumerSide)) {
            threads.add(new Thread(() -> {
                try {
                    firstRemoval.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                while (!produced.get() || !consumer.isEmpty()) {
                    Integer element = consumer.poll();
                    if (element != null) {
                        taken.add(element);
                        consumer.taskDone();
                    }
                }
            }));
        }
        threads.add(new Thread(() -> {
            try {
                while (!produced.get() || !removerSide.isEmpty()) {
                    if (removerSide.removeIf(e -> e % 3 == 0)) {
                        firstRemoval.countDown();
                    }
                }
            } finally {
                firstRemoval.countDown();
            }
        }));
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(thread.isAlive(), "stuck");
        }
        BitSet seen = new BitSet(total);
        for (int element : taken) {
            assertFalse(seen.get(element), element + " taken twice");
            seen.set(element);
        }
        List<Integer> missing = IntStream.range(0, total).filter(i -> !seen.get(i)).boxed().collect(Collectors.toList());
        assertTrue(missing.stream().allMatch(e -> e % 3 == 0), "only removable elements are missing");
        assertFalse(missing.isEmpty(), "the remover removed some");
        assertTrue(queue.isEmpty());
        assertEquals(0, queue.unfinished(), "taken + removed = put: nothing was both");
        consumerSide.close();
        removerSide.close();
    }

    private static List<String> listDir() throws Exception {
        return SharedDirExtension.objectFiles();
    }

    /** Equal by key only: tells equal elements apart by tag. */
    static final class Tagged implements Serializable {
        private static final long serialVersionUID = 1L;
        final String key;
        final int tag;

        Tagged(String key, int tag) {
            this.key = key;
            this.tag = tag;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tagged other && other.key.equals(key);
        }

        @Override
        public int hashCode() {
            return key.hashCode();
        }

        @Override
        public String toString() {
            return key + "#" + tag;
        }
    }
}
