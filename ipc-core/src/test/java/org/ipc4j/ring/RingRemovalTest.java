package org.ipc4j.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link MpmcRing#removeIf}: removed messages are never read, are counted consumed exactly once, drop the
 * size at once, and hand their room back at once at the head or when a read passes them.
 */
@ExtendWith(SharedDirExtension.class)
class RingRemovalTest {
    private static final RecordFilter ODD = (position, type, buffer, offset, length) -> (value(buffer, offset) & 1) == 1;
    private static final RecordFilter ALL = (position, type, buffer, offset, length) -> true;

    @Test
    void removedMessagesAreNeverReadAndCountAsConsumedOnce() {
        MpmcRing ring = ring("odd", RingOptions.ofCapacity(4096));
        putAll(ring, 0, 10);
        assertEquals(5, ring.removeIf(ODD, Integer.MAX_VALUE));
        assertEquals(5, ring.size(), "the size drops at once");
        assertEquals(List.of(0, 2, 4, 6, 8), readAll(ring));
        assertEquals(10, ring.consumedTotal(), "each removed message counted consumed once");
        assertEquals(0, ring.size());
        assertTrue(ring.isDrained());
        RingBasicsTest.unlink("odd");
    }

    @Test
    void removalStopsAtTheLimitOldestFirst() {
        MpmcRing ring = ring("limit", RingOptions.ofCapacity(4096));
        putAll(ring, 0, 6);
        assertEquals(2, ring.removeIf(ALL, 2));
        assertEquals(0, ring.removeIf(ALL, 0));
        assertEquals(List.of(2, 3, 4, 5), readAll(ring));
        RingBasicsTest.unlink("limit");
    }

    @Test
    void removedMessagesAtTheHeadGiveTheirPlaceInACountBoundBackAtOnce() {
        MpmcRing ring = ring("head", RingOptions.ofCapacity(4096).withMaxCount(4));
        putAll(ring, 0, 4);
        assertFalse(put(ring, 4), "full by count");
        assertEquals(2, ring.removeIf((position, type, buffer, offset, length) -> value(buffer, offset) < 2, Integer.MAX_VALUE));
        assertEquals(2, ring.size());
        assertTrue(put(ring, 4) && put(ring, 5), "room for two more at once");
        assertFalse(put(ring, 6), "and no more");
        assertEquals(List.of(2, 3, 4, 5), readAll(ring));
        assertEquals(6, ring.consumedTotal());
        RingBasicsTest.unlink("head");
    }

    @Test
    void removedMessagesAtTheHeadGiveTheirBytesBackAtOnce() {
        MpmcRing ring = ring("bytes", RingOptions.ofCapacity(1024));
        int puts = 0;
        while (put(ring, puts)) {
            puts++;
        }
        assertEquals(puts, ring.removeIf(ALL, Integer.MAX_VALUE));
        assertTrue(ring.isDrained(), "removing everything drains the ring");
        assertEquals(0, ring.size());
        for (int i = 0; i < puts; i++) {
            assertTrue(put(ring, i), "the room is back");
        }
        RingBasicsTest.unlink("bytes");
    }

    @Test
    void aRemovedMessageBehindAnotherHoldsItsPlaceUntilAReadPassesIt() {
        MpmcRing ring = ring("behind", RingOptions.ofCapacity(4096).withMaxCount(3));
        putAll(ring, 0, 3);
        assertEquals(1, ring.removeIf((position, type, buffer, offset, length) -> value(buffer, offset) == 1, 1));
        assertEquals(2, ring.size(), "the size drops at once");
        assertFalse(put(ring, 3), "its place in the count is taken until a read passes it");
        assertEquals(List.of(0, 2), readAll(ring));
        assertEquals(3, ring.consumedTotal());
        putAll(ring, 3, 3);
        assertFalse(put(ring, 6), "counted once: three places, not four");
        RingBasicsTest.unlink("behind");
    }

    @Test
    void aReadThatStopsBeforeARemovedMessageLeavesASizeOfZeroNotOne() {
        MpmcRing ring = ring("stop", RingOptions.ofCapacity(4096).withMaxCount(2));
        putAll(ring, 0, 2);
        assertEquals(1, ring.removeIf(ODD, 1));
        assertEquals(1, ring.read((type, buffer, offset, length) -> assertEquals(0, value(buffer, offset)), 1));
        assertEquals(0, ring.size(), "only a removed record is left");
        assertTrue(ring.isDrained(), "and counting handed its room back");
        assertTrue(put(ring, 2) && put(ring, 3));
        RingBasicsTest.unlink("stop");
    }

    @Test
    void aPositionNamesOneMessageForAsLongAsItIsInTheRing() {
        MpmcRing ring = ring("positions", RingOptions.ofCapacity(4096));
        putAll(ring, 0, 3);
        List<Long> positions = new ArrayList<>();
        ring.removeIf((position, type, buffer, offset, length) -> {
            positions.add(position);
            return false;
        }, Integer.MAX_VALUE);
        assertEquals(3, positions.size());
        assertEquals(1, ring.read((type, buffer, offset, length) -> { }, 1), "take the first");
        long first = positions.get(0);
        long last = positions.get(2);
        assertEquals(0, ring.removeIf((position, type, buffer, offset, length) -> position == first, 1), "taken: not there");
        assertEquals(1, ring.removeIf((position, type, buffer, offset, length) -> position == last, 1));
        assertEquals(List.of(1), readAll(ring));
        putAll(ring, 0, 3);
        assertEquals(0, ring.removeIf((position, type, buffer, offset, length) -> positions.contains(position), 3),
                "new messages have new positions");
        RingBasicsTest.unlink("positions");
    }

    @Test
    void anUnfinishedClaimEndsTheWalk() {
        MpmcRing ring = ring("unfinished", RingOptions.ofCapacity(4096));
        put(ring, 0);
        int claimed = ring.tryClaim(Integer.BYTES);
        put(ring, 2);
        assertEquals(1, ring.removeIf(ALL, Integer.MAX_VALUE), "the message after the claim is not reached");
        ring.buffer().putInt(claimed, 1);
        ring.commit(claimed);
        assertEquals(List.of(1, 2), readAll(ring));
        RingBasicsTest.unlink("unfinished");
    }

    /** Many rounds over a small count-bounded ring that wraps: removals from anywhere keep the counts exact. */
    @Test
    void removalsFromAnywhereKeepTheCountExactOverManyWrapArounds() {
        int maxCount = 16;
        MpmcRing ring = ring("wraps", RingOptions.ofCapacity(1024).withMaxMessageLength(200).withMaxCount(maxCount));
        Random random = new Random(7);
        long puts = 0;
        int next = 0;
        for (int round = 0; round < 2_000; round++) {
            List<Integer> kept = new ArrayList<>();
            int wanted = 1 + random.nextInt(maxCount);
            while (kept.size() < wanted && put(ring, next, random.nextInt(197))) {
                kept.add(next++);
                puts++;
            }
            int victim = kept.get(random.nextInt(kept.size()));
            assertEquals(1, ring.removeIf((position, type, buffer, offset, length) -> value(buffer, offset) == victim, 1));
            kept.remove((Integer) victim);
            assertEquals(kept.size(), ring.size());
            assertEquals(kept, readAll(ring), "round " + round);
        }
        assertEquals(puts, ring.consumedTotal());
        for (int i = 0; i < maxCount; i++) {
            assertTrue(put(ring, i), "place " + i + " of " + maxCount);
        }
        assertFalse(put(ring, maxCount));
        RingBasicsTest.unlink("wraps");
    }

    /** A remover and a consumer in two threads (two handles): each message is read or removed, never both. */
    @Test
    void aMessageIsEitherReadOrRemovedNeverBoth() throws Exception {
        MpmcRing producerSide = ring("race", RingOptions.ofCapacity(1 << 14));
        MpmcRing consumerSide = open("race");
        MpmcRing removerSide = open("race");
        int total = 100_000;
        BitSet read = new BitSet(total);
        BitSet removed = new BitSet(total);
        AtomicBoolean produced = new AtomicBoolean();
        AtomicBoolean removedSome = new AtomicBoolean();
        Thread producer = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                while (!put(producerSide, i)) {
                    Thread.onSpinWait();
                }
            }
            produced.set(true);
        });
        Thread remover = new Thread(() -> {
            while (!produced.get() || !removerSide.isDrained()) {
                removerSide.removeIf((position, type, buffer, offset, length) -> {
                    int value = value(buffer, offset);
                    if (value % 3 == 0) {
                        removed.set(value);
                        removedSome.set(true);
                        return true;
                    }
                    return false;
                }, Integer.MAX_VALUE);
            }
        });
        producer.start();
        remover.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((!produced.get() || !consumerSide.isDrained()) && System.nanoTime() < deadline) {
            if (!removedSome.get()) {
                // the race needs a remover that got going: on a busy machine the reader could otherwise take all
                // before it is scheduled (the ring fills meanwhile, so it soon has something to remove)
                Thread.onSpinWait();
                continue;
            }
            consumerSide.read((type, buffer, offset, length) -> read.set(value(buffer, offset)), 64);
        }
        producer.join();
        remover.join(TimeUnit.SECONDS.toMillis(60));
        assertFalse(remover.isAlive());
        BitSet both = (BitSet) read.clone();
        both.and(removed);
        assertTrue(both.isEmpty(), "read and removed: " + both);
        BitSet either = (BitSet) read.clone();
        either.or(removed);
        assertEquals(total, either.cardinality(), "every message was read or removed");
        assertTrue(removed.cardinality() > 0, "the remover removed some");
        assertEquals(total, producerSide.consumedTotal());
        RingBasicsTest.unlink("race");
    }

    private static MpmcRing ring(String name, RingOptions options) {
        return (MpmcRing) RingBasicsTest.createRing(name, options, true);
    }

    private static MpmcRing open(String name) {
        Region region = Region.open(name, ObjectType.RAW);
        return new MpmcRing(name, region.bytes(), region.bodyOffset(), region.processes());
    }

    private static int value(ByteBuffer buffer, int offset) {
        return buffer.getInt(offset);
    }

    private static boolean put(Ring ring, int value) {
        return put(ring, value, 0);
    }

    /** Puts {@code value} followed by {@code padding} bytes. */
    private static boolean put(Ring ring, int value, int padding) {
        int offset = ring.tryClaim(Integer.BYTES + padding);
        if (offset == Ring.FULL) {
            return false;
        }
        ring.buffer().putInt(offset, value);
        ring.commit(offset);
        return true;
    }

    private static void putAll(Ring ring, int from, int count) {
        for (int i = from; i < from + count; i++) {
            assertTrue(put(ring, i), "put " + i);
        }
    }

    private static List<Integer> readAll(Ring ring) {
        List<Integer> values = new ArrayList<>();
        ring.read((type, buffer, offset, length) -> values.add(value(buffer, offset)), Integer.MAX_VALUE);
        return values;
    }
}
