package org.ipc4j.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;

import org.ipc4j.codec.Codecs;
import org.ipc4j.ring.RecordDescriptor;
import org.ipc4j.ring.Ring;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.testkit.Pause;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SharedQueue against the {@link java.util.concurrent.BlockingQueue} and {@link java.util.Collection}
 * contracts, one contract per test, in the manner of the JSR-166 TCK's BlockingQueueTest: empty and full
 * queues, nulls, drainTo, capacity, timeouts, snapshots, toArray, contains and copies. Interrupts are in
 * {@link SharedQueueInterruptTest}, concurrent consumers in {@link SharedQueueConsumerRaceTest}.
 */
@ExtendWith(SharedDirExtension.class)
class SharedQueueContractTest {
    private static final int SIZE = 5;
    private static final long SHORT_MILLIS = 50;

    private final TestQueues queues = new TestQueues("contract");

    @AfterEach
    void unlinkQueues() {
        queues.close();
    }

    // ---- empty and full

    @Test
    void aNewQueueIsEmptyWithItsWholeCountAsRemainingCapacity() {
        SharedQueue<Integer> queue = queues.ints(SIZE);
        assertTrue(queue.isEmpty());
        assertEquals(0, queue.size());
        assertEquals(SIZE, queue.remainingCapacity());
    }

    @Test
    void pollPeekElementAndRemoveOnAnEmptyQueue() {
        SharedQueue<Integer> queue = queues.ints(SIZE);
        assertNull(queue.poll());
        assertNull(queue.peek());
        assertThrows(NoSuchElementException.class, queue::element);
        assertThrows(NoSuchElementException.class, queue::remove);
        assertFalse(queue.iterator().hasNext());
        assertThrows(NoSuchElementException.class, () -> queue.iterator().next());
    }

    @Test
    void offerOnAFullQueueFailsAndAddThrowsIllegalStateException() {
        SharedQueue<Integer> queue = queues.populated(SIZE);
        assertEquals(0, queue.remainingCapacity());
        assertFalse(queue.offer(SIZE));
        assertThrows(IllegalStateException.class, () -> queue.add(SIZE));
        assertEquals(SIZE, queue.size(), "a failed offer or add leaves the queue as it was");
        assertEquals(0, queue.poll());
        assertTrue(queue.offer(SIZE), "a poll makes room");
    }

    @Test
    void offerPollPeekElementAndRemoveAreFifo() {
        SharedQueue<Integer> queue = queues.populated(SIZE);
        for (int i = 0; i < SIZE; i++) {
            assertEquals(i, queue.peek());
            assertEquals(i, queue.element());
            assertEquals(SIZE - i, queue.size(), "peek and element do not remove");
            assertEquals(i, i % 2 == 0 ? queue.poll() : queue.remove());
        }
        assertNull(queue.poll());
    }

    @Test
    void sizeAndIsEmptyFollowOffersAndPolls() {
        SharedQueue<Integer> queue = queues.ints(SIZE);
        for (int i = 0; i < SIZE; i++) {
            assertEquals(i, queue.size());
            assertEquals(SIZE - i, queue.remainingCapacity());
            queue.add(i);
            assertFalse(queue.isEmpty());
        }
        for (int i = 0; i < SIZE; i++) {
            assertEquals(SIZE - i, queue.size());
            queue.remove();
        }
        assertTrue(queue.isEmpty());
        assertEquals(SIZE, queue.remainingCapacity());
    }

    @Test
    void aQueueBoundedByBytesOnlyReportsUnboundedRemainingCapacityUntilNotEvenAnEmptyElementFits() {
        SharedQueue<byte[]> queue = queues.create(RingOptions.ofCapacity(4096), Codecs.bytes());
        assertEquals(Integer.MAX_VALUE, queue.remainingCapacity());
        int added = 0;
        while (queue.offer(new byte[100])) {
            added++;
        }
        assertTrue(added > 10, "added " + added);
        while (queue.remainingCapacity() == Integer.MAX_VALUE) {
            assertTrue(queue.offer(new byte[0]), "an empty element fits while the capacity is unbounded");
            added++;
        }
        assertEquals(0, queue.remainingCapacity());
        assertFalse(queue.offer(new byte[0]), "not even an empty element fits");
        assertEquals(added, queue.size());
        queue.poll();
        assertEquals(Integer.MAX_VALUE, queue.remainingCapacity());
    }

    /**
     * Documented behaviour of the ring, not a defect this suite hides: elements leave in the order their
     * puts claimed room, so a put that claimed room and is still writing holds back the elements put after
     * it; until it finishes, poll() returns null and peek, the iterator and contains see nothing past it.
     */
    @Test
    void aPutStillWritingAtTheHeadHoldsBackTheElementsPutAfterIt() {
        SharedQueue<Integer> queue = queues.ints(SIZE);
        Ring ring = queue.ring;
        int length = queue.codec().encodedLength(1);
        int unfinished = ring.tryClaim(length, RecordDescriptor.TYPE_DATA);
        queue.codec().encode(1, ring.buffer(), unfinished);
        assertTrue(queue.offer(2));
        assertNull(queue.poll(), "the oldest element is not written yet");
        assertNull(queue.peek());
        assertFalse(queue.contains(2));
        assertEquals(2, queue.size(), "size counts the put still writing");
        ring.commit(unfinished);
        assertEquals(List.of(1, 2), new ArrayList<>(queue));
        assertEquals(1, queue.poll());
        assertEquals(2, queue.poll());
    }

    // ---- nulls and bad arguments

    @Test
    void nullElementsAreRejectedWithNullPointerException() {
        SharedQueue<Integer> queue = queues.ints(SIZE);
        assertThrows(NullPointerException.class, () -> queue.offer(null));
        assertThrows(NullPointerException.class, () -> queue.offer(null, 1, TimeUnit.MILLISECONDS));
        assertThrows(NullPointerException.class, () -> queue.put(null));
        assertThrows(NullPointerException.class, () -> queue.add(null));
        assertThrows(NullPointerException.class, () -> queue.addAll(null));
        assertThrows(NullPointerException.class, () -> queue.addAll(Arrays.asList(new Integer[SIZE])));
        assertTrue(queue.isEmpty(), "nothing was added");
    }

    @Test
    void addAllWithANullAfterSomeElementsThrowsAfterAddingThoseBeforeIt() {
        SharedQueue<Integer> queue = queues.ints(SIZE);
        assertThrows(NullPointerException.class, () -> queue.addAll(Arrays.asList(1, 2, null, 4)));
        assertEquals(List.of(1, 2), new ArrayList<>(queue));
    }

    @Test
    void addAllOfTheQueueItselfThrowsIllegalArgumentException() {
        SharedQueue<Integer> queue = queues.populated(SIZE);
        assertThrows(IllegalArgumentException.class, () -> queue.addAll(queue));
    }

    @Test
    void addAllAddsInOrderAndThrowsIllegalStateExceptionOnceFull() {
        SharedQueue<Integer> queue = queues.ints(SIZE);
        assertTrue(queue.addAll(List.of(0, 1, 2)));
        assertFalse(queue.addAll(List.of()), "an empty collection changes nothing");
        assertThrows(IllegalStateException.class, () -> queue.addAll(List.of(3, 4, 5, 6)));
        assertEquals(List.of(0, 1, 2, 3, 4), new ArrayList<>(queue));
    }

    @Test
    void containsOfNullIsFalseNotAnException() {
        SharedQueue<Integer> queue = queues.populated(SIZE);
        assertFalse(queue.contains(null));
        assertEquals(SIZE, queue.size());
    }

    @Test
    void drainToNullOrToTheQueueItselfIsRejected() {
        SharedQueue<Integer> queue = queues.populated(SIZE);
        assertThrows(NullPointerException.class, () -> queue.drainTo(null));
        assertThrows(NullPointerException.class, () -> queue.drainTo(null, 1));
        assertThrows(IllegalArgumentException.class, () -> queue.drainTo(queue));
        assertThrows(IllegalArgumentException.class, () -> queue.drainTo(queue, 1));
        assertEquals(SIZE, queue.size(), "nothing was drained");
    }

    @Test
    void toArrayOfANullArrayThrowsNullPointerException() {
        SharedQueue<Integer> queue = queues.populated(SIZE);
        assertThrows(NullPointerException.class, () -> queue.toArray((Integer[]) null));
    }

    @Test
    void containsAllOfNullThrowsNullPointerException() {
        SharedQueue<Integer> queue = queues.populated(SIZE);
        assertThrows(NullPointerException.class, () -> queue.containsAll(null));
    }

    // ---- drainTo

    @Test
    void drainToTakesEverythingInOrderAndLeavesTheQueueEmpty() {
        SharedQueue<Integer> queue = queues.populated(SIZE);
        List<Integer> target = new ArrayList<>(List.of(-1));
        assertEquals(SIZE, queue.drainTo(target));
        assertEquals(List.of(-1, 0, 1, 2, 3, 4), target, "appended after what the target held");
        assertTrue(queue.isEmpty());
        assertEquals(0, queue.drainTo(target));
        queue.add(7);
        assertEquals(1, queue.drainTo(target));
        assertEquals(7, target.get(target.size() - 1));
    }

    @Test
    void drainToWithMaxElementsTakesAtMostThatMany() {
        for (int max = 0; max <= SIZE + 2; max++) {
            SharedQueue<Integer> queue = queues.populated(SIZE);
            List<Integer> target = new ArrayList<>();
            int drained = queue.drainTo(target, max);
            int expected = Math.min(max, SIZE);
            assertEquals(expected, drained, "max " + max);
            assertEquals(expected, target.size());
            for (int i = 0; i < expected; i++) {
                assertEquals(i, target.get(i));
            }
            assertEquals(SIZE - expected, queue.size());
        }
    }

    @Test
    void drainToWithNonPositiveMaxElementsTakesNothing() {
        SharedQueue<Integer> queue = queues.populated(SIZE);
        List<Integer> target = new ArrayList<>();
        assertEquals(0, queue.drainTo(target, 0));
        assertEquals(0, queue.drainTo(target, -1));
        assertEquals(0, queue.drainTo(target, Integer.MIN_VALUE));
        assertTrue(target.isEmpty());
        assertEquals(SIZE, queue.size());
    }

    // ---- timed poll and offer (interrupts: SharedQueueInterruptTest)

    @Test
    void timedPollWithZeroOrNegativeTimeoutOnAnEmptyQueueReturnsNullAtOnce() throws Exception {
        SharedQueue<Integer> queue = queues.ints(SIZE);
        for (long timeout : new long[] {0, -1, Long.MIN_VALUE}) {
            long start = System.nanoTime();
            assertNull(queue.poll(timeout, TimeUnit.MILLISECONDS));
            assertTrue(millisSince(start) < 1_000, "timeout " + timeout + " took " + millisSince(start) + " ms");
        }
    }

    @Test
    void timedPollWithZeroOrNegativeTimeoutTakesAnElementThatIsThere() throws Exception {
        SharedQueue<Integer> queue = queues.populated(SIZE);
        assertEquals(0, queue.poll(0, TimeUnit.MILLISECONDS));
        assertEquals(1, queue.poll(-1, TimeUnit.MILLISECONDS));
        assertEquals(2, queue.poll(Long.MIN_VALUE, TimeUnit.NANOSECONDS));
    }

    @Test
    void timedPollOnAnEmptyQueueWaitsAtLeastTheTimeout() throws Exception {
        SharedQueue<Integer> queue = queues.ints(SIZE);
        long start = System.nanoTime();
        assertNull(queue.poll(SHORT_MILLIS, TimeUnit.MILLISECONDS));
        long waited = millisSince(start);
        assertTrue(waited >= SHORT_MILLIS && waited < 5_000, "waited " + waited + " ms");
    }

    @Test
    void timedPollWithALongTimeoutReturnsAsSoonAsAnElementArrives() throws Exception {
        SharedQueue<Integer> queue = queues.ints(SIZE);
        Thread producer = new Thread(() -> {
            Pause.millis(SHORT_MILLIS);
            queue.offer(42);
        });
        producer.start();
        long start = System.nanoTime();
        assertEquals(42, queue.poll(Long.MAX_VALUE, TimeUnit.DAYS), "a timeout that overflows nanoseconds means no timeout");
        assertTrue(millisSince(start) < 10_000);
        producer.join();
    }

    @Test
    void timedOfferWithZeroOrNegativeTimeoutOnAFullQueueFailsAtOnce() throws Exception {
        SharedQueue<Integer> queue = queues.populated(SIZE);
        for (long timeout : new long[] {0, -1, Long.MIN_VALUE}) {
            long start = System.nanoTime();
            assertFalse(queue.offer(99, timeout, TimeUnit.MILLISECONDS));
            assertTrue(millisSince(start) < 1_000, "timeout " + timeout + " took " + millisSince(start) + " ms");
        }
        assertEquals(SIZE, queue.size());
    }

    @Test
    void timedOfferWithZeroOrNegativeTimeoutSucceedsWhenThereIsRoom() throws Exception {
        SharedQueue<Integer> queue = queues.ints(SIZE);
        assertTrue(queue.offer(1, 0, TimeUnit.MILLISECONDS));
        assertTrue(queue.offer(2, -1, TimeUnit.MILLISECONDS));
        assertTrue(queue.offer(3, Long.MIN_VALUE, TimeUnit.NANOSECONDS));
        assertEquals(List.of(1, 2, 3), new ArrayList<>(queue));
    }

    @Test
    void timedOfferOnAFullQueueWaitsAtLeastTheTimeout() throws Exception {
        SharedQueue<Integer> queue = queues.populated(SIZE);
        long start = System.nanoTime();
        assertFalse(queue.offer(99, SHORT_MILLIS, TimeUnit.MILLISECONDS));
        long waited = millisSince(start);
        assertTrue(waited >= SHORT_MILLIS && waited < 5_000, "waited " + waited + " ms");
    }

    @Test
    void timedOfferWithALongTimeoutSucceedsAsSoonAsAConsumerMakesRoom() throws Exception {
        SharedQueue<Integer> queue = queues.populated(SIZE);
        Thread consumer = new Thread(() -> {
            Pause.millis(SHORT_MILLIS);
            queue.poll();
        });
        consumer.start();
        long start = System.nanoTime();
        assertTrue(queue.offer(99, Long.MAX_VALUE, TimeUnit.NANOSECONDS));
        assertTrue(millisSince(start) < 10_000);
        consumer.join();
        assertEquals(List.of(1, 2, 3, 4, 99), new ArrayList<>(queue));
    }

    @Test
    void putOnAFullQueueBlocksUntilATake() throws Exception {
        SharedQueue<Integer> queue = queues.populated(SIZE);
        Thread consumer = new Thread(() -> {
            Pause.millis(SHORT_MILLIS);
            try {
                queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        consumer.start();
        long start = System.nanoTime();
        queue.put(99);
        assertTrue(millisSince(start) >= SHORT_MILLIS / 2, "put waited for the take");
        consumer.join();
        assertEquals(SIZE, queue.size());
    }

    // ---- iterator, toArray, contains, clear

    @Test
    void theIteratorIsASnapshotInOrderThatLaterPutsAndTakesDoNotChange() {
        SharedQueue<Integer> queue = queues.ints(2 * SIZE);
        for (int i = 0; i < SIZE; i++) {
            queue.add(i);
        }
        Iterator<Integer> snapshot = queue.iterator();
        assertEquals(0, queue.poll());
        queue.add(SIZE);
        List<Integer> seen = new ArrayList<>();
        snapshot.forEachRemaining(seen::add);
        assertEquals(List.of(0, 1, 2, 3, 4), seen);
        assertFalse(snapshot.hasNext());
        assertThrows(NoSuchElementException.class, snapshot::next);
        assertEquals(List.of(1, 2, 3, 4, 5), new ArrayList<>(queue), "a fresh iterator sees the change");
    }

    @Test
    void iterationDoesNotConsume() {
        SharedQueue<Integer> queue = queues.populated(SIZE);
        for (int round = 0; round < 3; round++) {
            int expected = 0;
            for (Integer element : queue) {
                assertEquals(expected++, element);
            }
            assertEquals(SIZE, expected);
        }
        assertEquals(SIZE, queue.size());
    }

    @Test
    void toArrayHoldsTheElementsInOrder() {
        SharedQueue<Integer> queue = queues.populated(SIZE);
        Object[] array = queue.toArray();
        assertArrayEquals(new Object[] {0, 1, 2, 3, 4}, array);
        assertSame(Object[].class, array.getClass());
        assertEquals(0, queues.ints(1).toArray().length);
    }

    @Test
    void toArrayIntoAnArrayThatFitsExactlyFillsThatArray() {
        SharedQueue<Integer> queue = queues.populated(SIZE);
        Integer[] array = new Integer[SIZE];
        assertSame(array, queue.toArray(array));
        assertArrayEquals(new Integer[] {0, 1, 2, 3, 4}, array);
    }

    @Test
    void toArrayIntoALargerArraySetsTheSlotAfterTheLastElementToNull() {
        SharedQueue<Integer> queue = queues.populated(SIZE);
        Integer[] array = new Integer[SIZE + 3];
        Arrays.fill(array, 42);
        assertSame(array, queue.toArray(array));
        assertArrayEquals(new Integer[] {0, 1, 2, 3, 4, null, 42, 42}, array, "the slots beyond the null are left alone");
    }

    @Test
    void toArrayIntoASmallerArrayAllocatesOneOfTheSameType() {
        SharedQueue<Integer> queue = queues.populated(SIZE);
        Integer[] small = new Integer[SIZE - 2];
        Integer[] array = queue.toArray(small);
        assertNotSame(small, array);
        assertSame(Integer[].class, array.getClass());
        assertArrayEquals(new Integer[] {0, 1, 2, 3, 4}, array);
        assertArrayEquals(new Integer[SIZE - 2], small, "the small array is left untouched");
        assertSame(Number[].class, queue.toArray(new Number[0]).getClass());
    }

    @Test
    void toArrayIntoAnArrayOfAnIncompatibleTypeThrowsArrayStoreException() {
        SharedQueue<Integer> queue = queues.populated(SIZE);
        assertThrows(ArrayStoreException.class, () -> queue.toArray(new Long[0]));
        assertThrows(ArrayStoreException.class, () -> queue.toArray(new String[SIZE + 1]));
    }

    @Test
    void containsIsTrueExactlyForElementsInTheQueue() {
        SharedQueue<Integer> queue = queues.populated(SIZE);
        for (int i = 0; i < SIZE; i++) {
            assertTrue(queue.contains(i));
            assertFalse(queue.contains(i + SIZE));
        }
        assertFalse(queue.contains("0"), "an object of another type is not contained");
        queue.poll();
        assertFalse(queue.contains(0), "not once taken");
        assertEquals(SIZE - 1, queue.size(), "contains does not consume");
    }

    @Test
    void containsAllIsTrueExactlyWhenEveryElementIsContained() {
        SharedQueue<Integer> queue = queues.populated(SIZE);
        assertTrue(queue.containsAll(List.of()));
        assertTrue(queue.containsAll(List.of(4, 0, 2)));
        assertTrue(queue.containsAll(queue));
        assertFalse(queue.containsAll(List.of(0, SIZE)));
        assertFalse(queue.containsAll(Arrays.asList(0, null)));
    }

    @Test
    void clearEmptiesTheQueueAndGivesItsCapacityBack() {
        SharedQueue<Integer> queue = queues.populated(SIZE);
        queue.clear();
        assertTrue(queue.isEmpty());
        assertEquals(0, queue.size());
        assertEquals(SIZE, queue.remainingCapacity());
        assertNull(queue.peek());
        assertTrue(queue.add(1));
        assertEquals(1, queue.peek());
    }

    @Test
    void toStringFollowsAbstractCollectionWithTheElementsInOrder() {
        SharedQueue<Integer> queue = queues.ints(SIZE);
        assertEquals("[]", queue.toString());
        queue.addAll(List.of(0, 1, 2));
        assertEquals("[0, 1, 2]", queue.toString());
        assertEquals(new ArrayList<>(queue).toString(), queue.toString());
        assertEquals(3, queue.size(), "toString does not consume");
    }

    @Test
    void aClosedHandlesToStringNamesTheQueueInsteadOfThrowing() {
        SharedQueue<Integer> queue = queues.populated(SIZE);
        SharedQueue<Integer> other = queues.open(queue);
        other.close();
        assertEquals("SharedQueue[" + queue.name() + ", closed]", other.toString());
        assertEquals("[0, 1, 2, 3, 4]", queue.toString(), "the other handle still reads the queue");
    }

    // ---- elements are copies

    /**
     * Documented behaviour, not a defect: an element travels through its codec, so what comes back equals
     * what was put but is another object, and changing the original after the put changes nothing queued.
     */
    @Test
    void elementsComeBackAsEqualCopiesNotTheSameObjects() throws Exception {
        SharedQueue<ArrayList<String>> queue = queues.create(RingOptions.ofCapacity(TestQueues.ROOMY), Codecs.serializable());
        ArrayList<String> original = new ArrayList<>(List.of("a", "b"));
        queue.put(original);
        original.add("changed after the put");
        ArrayList<String> peeked = queue.peek();
        assertEquals(List.of("a", "b"), peeked);
        assertNotSame(peeked, queue.peek(), "each peek decodes a copy of its own");
        assertTrue(queue.contains(List.of("a", "b")), "contains compares with equals");
        ArrayList<String> taken = queue.take();
        assertEquals(List.of("a", "b"), taken);
        assertNotSame(original, taken);
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
