package org.ipc4j.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.ipc4j.errors.CapacityExceededException;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Single-process behaviour of both rings: framing, wrap-around, full, abort, peek, count bound. */
@ExtendWith(SharedDirExtension.class)
class RingBasicsTest {
    static Ring createRing(String name, RingOptions options, boolean mpmc) {
        Region region = Region.create(name, ObjectType.RAW, RingDescriptor.ringLength(options.capacity()),
                m -> Ring.initialise(m, RingDescriptor.LINE, options, mpmc));
        return mpmc ? new MpmcRing(name, region.bytes(), region.bodyOffset(), region.processes()) : new SpscRing(name, region.bytes(), region.bodyOffset(), region.processes());
    }

    static void unlink(String name) {
        Region.open(name, ObjectType.RAW).unlink();
    }

    static boolean offer(Ring ring, byte[] message) {
        int offset = ring.tryClaim(message.length);
        if (offset == Ring.FULL) {
            return false;
        }
        ring.buffer().put(offset, message);
        ring.commit(offset);
        return true;
    }

    static List<byte[]> drain(Ring ring) {
        List<byte[]> out = new ArrayList<>();
        ring.read((type, buffer, offset, length) -> {
            byte[] bytes = new byte[length];
            buffer.get(offset, bytes);
            out.add(bytes);
        }, Integer.MAX_VALUE);
        return out;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void messagesOfEverySizeSurviveManyWrapArounds(boolean mpmc) {
        String name = "sizes-" + mpmc;
        Ring ring = createRing(name, RingOptions.ofCapacity(4096).withMaxMessageLength(1024), mpmc);
        Random random = new Random(42);
        List<byte[]> sent = new ArrayList<>();
        List<byte[]> received = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            byte[] message = new byte[random.nextInt(1025)];
            random.nextBytes(message);
            while (!offer(ring, message)) {
                received.addAll(drain(ring));
            }
            sent.add(message);
            if (random.nextInt(4) == 0) {
                received.addAll(drain(ring));
            }
        }
        received.addAll(drain(ring));
        assertEquals(sent.size(), received.size());
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(sent.get(i), received.get(i), "message " + i);
        }
        assertEquals(0, ring.size());
        assertTrue(ring.isDrained());
        unlink(name);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void fullRingRefusesAndAbortedRecordsAreSkipped(boolean mpmc) {
        String name = "full-" + mpmc;
        Ring ring = createRing(name, RingOptions.ofCapacity(1024).withMaxMessageLength(100), mpmc);
        int accepted = 0;
        while (offer(ring, new byte[100])) {
            accepted++;
        }
        assertEquals(1024 / 120, accepted, "records of 16 + 100 bytes, aligned to 120");
        assertEquals(Ring.FULL, ring.tryClaim(100));
        assertEquals(Ring.FULL, ring.tryClaim(50), "64 bytes left at the end, the start not yet free");
        assertEquals(accepted, drain(ring).size());

        int aborted = ring.tryClaim(10);
        ring.abort(aborted);
        offer(ring, new byte[] {7});
        List<byte[]> after = drain(ring);
        assertEquals(1, after.size());
        assertArrayEquals(new byte[] {7}, after.get(0));
        assertEquals(0, ring.size());
        assertThrows(IllegalStateException.class, () -> ring.commit(aborted));
        assertThrows(CapacityExceededException.class, () -> ring.tryClaim(101));
        unlink(name);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void countBoundAndPeek(boolean mpmc) {
        String name = "count-" + mpmc;
        Ring ring = createRing(name, RingOptions.ofCapacity(4096).withMaxCount(3), mpmc);
        for (int i = 0; i < 3; i++) {
            assertTrue(offer(ring, new byte[] {(byte) i}));
        }
        assertEquals(Ring.FULL, ring.tryClaim(1));
        assertEquals(3, ring.size());
        List<Integer> peeked = new ArrayList<>();
        assertEquals(2, ring.peek((type, buffer, offset, length) -> peeked.add((int) buffer.get(offset)), 2));
        assertEquals(List.of(0, 1), peeked);
        assertEquals(3, ring.size(), "peek consumes nothing");
        assertEquals(1, ring.read((type, buffer, offset, length) -> assertEquals(0, buffer.get(offset)), 1));
        assertTrue(offer(ring, new byte[] {3}));
        assertEquals(3, drain(ring).size());
        unlink(name);
    }

    /**
     * A reader's peek and read see what was committed after their last look at tail (the SPSC reader keeps
     * a view of tail and looks again only when a walk reaches it).
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void peekAndReadSeeMessagesCommittedAfterTheirLastLookAtTail(boolean mpmc) {
        String name = "late-" + mpmc;
        Ring ring = createRing(name, RingOptions.ofCapacity(4096), mpmc);
        for (int i = 0; i < 3; i++) {
            assertTrue(offer(ring, new byte[] {(byte) i}));
        }
        assertEquals(1, ring.read((type, buffer, offset, length) -> assertEquals(0, buffer.get(offset)), 1));
        assertEquals(1, ring.peek(RecordHandler.IGNORE, 1));
        for (int i = 3; i < 5; i++) {
            assertTrue(offer(ring, new byte[] {(byte) i}));
        }
        List<Integer> peeked = new ArrayList<>();
        assertEquals(4, ring.peek((type, buffer, offset, length) -> peeked.add((int) buffer.get(offset)), 10));
        assertEquals(List.of(1, 2, 3, 4), peeked);
        List<byte[]> read = drain(ring);
        assertEquals(4, read.size());
        assertEquals(4, read.get(3)[0]);
        assertEquals(0, ring.peek(RecordHandler.IGNORE, 10));
        assertTrue(offer(ring, new byte[] {5}));
        assertEquals(1, ring.peek(RecordHandler.IGNORE, 10));
        assertEquals(1, drain(ring).size());
        unlink(name);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void sizeCountsMessagesWithoutACountBound(boolean mpmc) {
        String name = "size-" + mpmc;
        Ring ring = createRing(name, RingOptions.ofCapacity(4096), mpmc);
        assertEquals(0, ring.size());
        for (int i = 0; i < 5; i++) {
            assertTrue(offer(ring, new byte[] {(byte) i}));
        }
        assertEquals(5, ring.size());
        assertEquals(2, ring.read((type, buffer, offset, length) -> { }, 2));
        assertEquals(3, ring.size());
        assertEquals(3, drain(ring).size());
        assertEquals(0, ring.size());
        unlink(name);
    }

    @Test
    void zeroLengthMessagesAndBatchLimits() {
        Ring ring = createRing("zero", RingOptions.ofCapacity(1024), true);
        for (int i = 0; i < 10; i++) {
            assertTrue(offer(ring, new byte[0]));
        }
        int[] lengths = new int[1];
        assertEquals(4, ring.read((type, buffer, offset, length) -> lengths[0] += length + 1, 4));
        assertEquals(4, lengths[0]);
        assertEquals(6, drain(ring).size());
        unlink("zero");
    }

    @Test
    void handlerFailureStillConsumesTheRecord() {
        Ring ring = createRing("poison", RingOptions.ofCapacity(1024), true);
        offer(ring, new byte[] {1});
        offer(ring, new byte[] {2});
        assertThrows(IllegalStateException.class, () -> ring.read((t, b, o, l) -> {
            throw new IllegalStateException("bad message");
        }, 1));
        List<byte[]> rest = drain(ring);
        assertEquals(1, rest.size());
        assertArrayEquals(new byte[] {2}, rest.get(0));
        unlink("poison");
    }

    @Test
    void bufferIsAViewWithAbsoluteOffsets() {
        Ring ring = createRing("view", RingOptions.ofCapacity(1024), false);
        ByteBuffer buffer = ring.buffer();
        int offset = ring.tryClaim(8);
        assertEquals(RingDescriptor.LINE + RingDescriptor.DATA_OFFSET + RecordDescriptor.HEADER_LENGTH, offset);
        buffer.putLong(offset, 0x1122334455667788L);
        ring.commit(offset);
        long[] seen = new long[1];
        ring.read((type, b, o, l) -> seen[0] = b.getLong(o), 1);
        assertEquals(0x1122334455667788L, seen[0]);
        unlink("view");
    }
}
