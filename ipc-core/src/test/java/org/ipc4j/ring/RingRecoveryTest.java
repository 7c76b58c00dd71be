package org.ipc4j.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

import org.ipc4j.errors.CorruptedException;
import org.ipc4j.testkit.Identities;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a consumer does with records a producer left unfinished, with a dead consumer's lock, with garbage
 * positions; and that the zero-copy path allocates nothing. Dead processes are simulated in place by
 * writing a stamp whose start time does not match (what pid reuse looks like): liveness reads it as dead.
 */
@ExtendWith(SharedDirExtension.class)
class RingRecoveryTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aRecordWhoseProducerDiedMidWriteIsDroppedAndTheNextOneDelivered(boolean mpmc) {
        String name = "dead-writer-" + mpmc;
        Ring ring = RingBasicsTest.createRing(name, RingOptions.ofCapacity(4096).withStuckBound(Duration.ofSeconds(30)), mpmc);
        int abandoned = ring.tryClaim(40);
        ring.buffer().put(abandoned, new byte[20]);
        int header = abandoned - RecordDescriptor.HEADER_LENGTH;
        ring.memory().putLong(header + RecordDescriptor.PRODUCER_OFFSET, Identities.dead());
        RingBasicsTest.offer(ring, new byte[] {42});

        long start = System.nanoTime();
        List<byte[]> received = drainWithin(ring, Duration.ofSeconds(5));
        assertEquals(1, received.size());
        assertArrayEquals(new byte[] {42}, received.get(0));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1_000, "a dead producer is seen at once, not after the 30 s bound");
        assertEquals(0, ring.size(), "the dropped record counts as consumed");
        RingBasicsTest.unlink(name);
    }

    /**
     * Space claimed without a header: in an MPMC ring, with no producer counted in the claims table (the
     * one that moved tail is gone), dropped at once; in an SPSC ring, where no producer leaves such space
     * (headers go in before tail moves), only after the stuck bound.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aClaimWithoutHeaderIsDroppedWhenNoLiveProducerCanStillWriteIt(boolean mpmc) {
        String name = "unwritten-" + mpmc;
        Duration bound = mpmc ? Duration.ofSeconds(30) : Duration.ofMillis(300);
        Ring ring = RingBasicsTest.createRing(name, RingOptions.ofCapacity(4096).withStuckBound(bound), mpmc);
        // a producer that advanced tail and died before writing its header: 64 zero bytes claimed
        ring.memory().putLongVolatile(ring.tailOffset, 64);
        ring.memory().putLongVolatile(ring.reservedOffset, 1);
        RingBasicsTest.offer(ring, new byte[] {1, 2, 3});

        long start = System.nanoTime();
        List<byte[]> received = drainWithin(ring, Duration.ofSeconds(5));
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertEquals(1, received.size());
        assertArrayEquals(new byte[] {1, 2, 3}, received.get(0));
        if (mpmc) {
            assertTrue(waited < 1_000, "waited " + waited + " ms, not the 30 s bound");
        } else {
            assertTrue(waited >= bound.toMillis() - 20 && waited < bound.toMillis() + 1_000, "waited " + waited + " ms");
        }
        assertEquals(0, ring.size());
        assertTrue(ring.isDrained());
        RingBasicsTest.unlink(name);
    }

    /** A claim counted in the MPMC claims table by this (live) process is never dropped, however long it waits. */
    @Test
    void aCountedClaimOfALiveProcessIsNotDroppedAfterTheStuckBound() {
        Duration bound = Duration.ofMillis(100);
        MpmcRing ring = (MpmcRing) RingBasicsTest.createRing("counted", RingOptions.ofCapacity(4096).withStuckBound(bound), true);
        int ticket = ring.claims.begin();
        int at = ring.moveTail(64, false);
        RingBasicsTest.offer(ring, new byte[] {9});
        assertEquals(0, drainWithin(ring, bound.multipliedBy(5)).size(), "the claim holds the head");
        ring.writeHeader(at, RecordDescriptor.headerWord(-64, RecordDescriptor.TYPE_DATA));
        ring.claims.end(ticket);
        ring.abort(at + RecordDescriptor.HEADER_LENGTH);
        List<byte[]> received = drainWithin(ring, Duration.ofSeconds(5));
        assertEquals(1, received.size());
        assertArrayEquals(new byte[] {9}, received.get(0));
        RingBasicsTest.unlink("counted");
    }

    /**
     * A batched SPSC consumer that died after reading records and before handing them back (marked taken, head
     * not moved): the next reader of the end delivers exactly what was not read, and counts the rest consumed.
     */
    @Test
    void aBatchedConsumerThatDiedBeforeHandingBackItsReadsLeavesThemSkippedForTheNext() {
        Ring ring = RingBasicsTest.createRing("died-mid-batch", RingOptions.ofCapacity(4096), false);
        for (int i = 0; i < 10; i++) {
            byte[] message = new byte[40];
            java.util.Arrays.fill(message, (byte) (0x11 * (i + 1)));
            message[0] = (byte) i;
            assertTrue(RingBasicsTest.offer(ring, message));
        }
        // the dead consumer had read 4 records (16 + 40 bytes each, 56 aligned): marked taken, head not moved
        long head = ring.memory().getLongVolatile(ring.headOffset);
        int span = 56;
        for (int r = 0; r < 4; r++) {
            ring.memory().putInt(ring.data + (int) head + r * span + RecordDescriptor.TYPE_OFFSET, RecordDescriptor.TYPE_ABORTED);
        }

        Ring next = new SpscRing("died-mid-batch", ring.memory(), ring.data - RingDescriptor.DATA_OFFSET, ring.processes);
        List<byte[]> rest = RingBasicsTest.drain(next);
        assertEquals(6, rest.size());
        for (int i = 0; i < 6; i++) {
            assertEquals(4 + i, rest.get(i)[0]);
        }
        assertEquals(0, next.size());
        RingBasicsTest.unlink("died-mid-batch");
    }

    /**
     * Issue #15: an SPSC consumer does not zero what it reads (a second pass over every payload), so an earlier
     * lap's bytes stay; it reads by headers, and must never take them for records. Every payload word here looks
     * like the committed header of an 8-byte message, and the second lap ends where the first left such a word:
     * only the producer's zeroing of the next header's word stops the reader from delivering it.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1_000})
    void anSpscConsumerLeavesWhatItReadInPlaceAndNeverReadsAnEarlierLapsBytes(int maxCount) {
        String name = "earlier-lap-" + maxCount;
        Ring ring = RingBasicsTest.createRing(name, RingOptions.ofCapacity(4096).withMaxCount(maxCount), false);
        long lookalike = RecordDescriptor.headerWord(RecordDescriptor.HEADER_LENGTH + 8, RecordDescriptor.TYPE_DATA);
        byte[] message = new byte[40];
        ByteBuffer words = ByteBuffer.wrap(message).order(java.nio.ByteOrder.nativeOrder());
        for (int w = 0; w < 5; w++) {
            words.putLong(w * 8, lookalike);
        }
        // lap 0: an 8-byte message, then 69 of 56 bytes (to 3888); lap 1: 10 more, wrapping after 3, so that its
        // tail (392) falls on the third payload word of a lap-0 record (at 360), not on a lap-0 header
        assertTrue(RingBasicsTest.offer(ring, new byte[8]));
        assertEquals(1, RingBasicsTest.drain(ring).size());
        for (int lap = 0; lap < 2; lap++) {
            int count = lap == 0 ? 69 : 10;
            for (int i = 0; i < count; i++) {
                assertTrue(RingBasicsTest.offer(ring, message));
            }
            List<byte[]> read = RingBasicsTest.drain(ring);
            assertEquals(count, read.size(), "lap " + lap);
            for (byte[] m : read) {
                assertArrayEquals(message, m);
            }
        }
        long tail = ring.memory().getLongVolatile(ring.tailOffset);
        int atTail = ring.data + (int) (tail & (ring.capacity - 1));
        assertEquals(0, ring.memory().getLong(atTail), "the producer zeroed the next header's word");
        for (int w = 1; w <= 2; w++) {
            assertEquals(lookalike, ring.memory().getLong(atTail + w * 8), "the first lap's payload is still past it: nothing was cleared");
        }
        assertEquals(List.of(), RingBasicsTest.drain(ring), "nothing at or past tail is a record");
        assertEquals(0, ring.size());
        assertTrue(RingBasicsTest.offer(ring, new byte[] {1, 2, 3}));
        List<byte[]> after = RingBasicsTest.drain(ring);
        assertEquals(1, after.size());
        assertArrayEquals(new byte[] {1, 2, 3}, after.get(0));
        RingBasicsTest.unlink(name);
    }

    @Test
    void aConsumerLockHeldByADeadProcessIsTakenOver() {
        Ring ring = RingBasicsTest.createRing("dead-consumer", RingOptions.ofCapacity(4096), true);
        RingBasicsTest.offer(ring, new byte[] {9});
        int lock = RingDescriptor.LINE + RingDescriptor.CONSUMER_LOCK_OFFSET;
        ring.memory().putLongVolatile(lock, Identities.dead());
        long start = System.nanoTime();
        assertEquals(1, drainWithin(ring, Duration.ofSeconds(5)).size());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1_000, "taken over within a second");
        assertEquals(0, ring.memory().getLongVolatile(lock), "released after the read");
        RingBasicsTest.unlink("dead-consumer");
    }

    @Test
    void aConsumerThatDiedHalfWayThroughClearingARecordDoesNotTearIt() {
        Ring ring = RingBasicsTest.createRing("half-cleared", RingOptions.ofCapacity(4096), true);
        int offset = ring.tryClaim(32);
        ring.buffer().put(offset, new byte[32]);
        ring.commit(offset);
        RingBasicsTest.offer(ring, new byte[] {5});
        // what consume() leaves when killed after marking: the record is aborted, its payload partly cleared
        int header = offset - RecordDescriptor.HEADER_LENGTH;
        ring.memory().putInt(header + RecordDescriptor.TYPE_OFFSET, RecordDescriptor.TYPE_ABORTED);
        List<byte[]> received = RingBasicsTest.drain(ring);
        assertEquals(1, received.size());
        assertArrayEquals(new byte[] {5}, received.get(0));
        RingBasicsTest.unlink("half-cleared");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void inconsistentPositionsAreReportedAsCorruption(boolean mpmc) {
        String name = "bad-positions-" + mpmc;
        Ring ring = RingBasicsTest.createRing(name, RingOptions.ofCapacity(4096), mpmc);
        ring.memory().putLongVolatile(ring.tailOffset, 3 * 4096);
        CorruptedException e = assertThrows(CorruptedException.class, () -> ring.tryClaim(4096 / 8 - 16));
        assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
        // a record below tail (an SPSC reader reads nothing at or past it) whose length runs past the ring's end
        ring.memory().putLongVolatile(ring.tailOffset, 64);
        ring.memory().putInt(ring.data, 1_000_000);
        assertThrows(CorruptedException.class, () -> RingBasicsTest.drain(ring));
        RingBasicsTest.unlink(name);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theZeroCopyPathAllocatesNothing(boolean mpmc) {
        String name = "alloc-" + mpmc;
        Ring ring = RingBasicsTest.createRing(name, RingOptions.ofCapacity(1 << 16), mpmc);
        ByteBuffer buffer = ring.buffer();
        Checksum handler = new Checksum();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        exchange(ring, buffer, handler, 300_000);
        long before = threads.getCurrentThreadAllocatedBytes();
        exchange(ring, buffer, handler, 100_000);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(400_000, handler.count);
        System.out.printf("%s: %d bytes allocated for 100,000 claim/commit/read cycles%n", mpmc ? "MPMC" : "SPSC", allocated);
        assertTrue(allocated < 1_024, "allocated " + allocated + " bytes for 100,000 messages");
        RingBasicsTest.unlink(name);
    }

    private static void exchange(Ring ring, ByteBuffer buffer, Checksum handler, int messages) {
        for (int i = 0; i < messages; i++) {
            int offset = ring.tryClaim(32);
            buffer.putLong(offset, i);
            ring.commit(offset);
            if ((i & 7) == 7) {
                ring.read(handler, 8);
            }
        }
        ring.read(handler, Integer.MAX_VALUE);
    }

    private static final class Checksum implements RecordHandler {
        long count;
        long sum;

        @Override
        public void onRecord(int type, ByteBuffer buffer, int offset, int length) {
            count++;
            sum += buffer.getLong(offset);
        }
    }

    private static List<byte[]> drainWithin(Ring ring, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<byte[]> received = new java.util.ArrayList<>();
        while (received.isEmpty() && System.nanoTime() < deadline) {
            received.addAll(RingBasicsTest.drain(ring));
            Thread.onSpinWait();
        }
        return received;
    }
}
