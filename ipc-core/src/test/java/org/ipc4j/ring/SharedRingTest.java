package org.ipc4j.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ipc4j.errors.CapacityExceededException;
import org.ipc4j.errors.ObjectClosedException;
import org.ipc4j.errors.ObjectExistsException;
import org.ipc4j.errors.TypeMismatchException;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.ipc4j.wait.WaitStrategies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The public zero-copy ring: lifecycle, claim/commit/abort, in-place batch reads, timed waits, and across JVMs. */
@ExtendWith(SharedDirExtension.class)
class SharedRingTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Child: attaches the ring serialised in args[0] and writes args[1] longs 0, 1, .. as 8-byte messages. */
    public static final class Producer {
        public static void main(String[] args) throws Exception {
            SharedRing ring;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(args[0])))) {
                ring = (SharedRing) in.readObject();
            }
            long count = Long.parseLong(args[1]);
            for (long i = 0; i < count; i++) {
                int at = ring.claim(8, 10, TimeUnit.SECONDS);
                if (at == SharedRing.FULL) {
                    throw new IllegalStateException("no room within 10 s at message " + i);
                }
                ring.buffer().putLong(at, i);
                ring.commit(at);
            }
            System.out.println("sent " + count);
            ring.close();
        }
    }

    @ParameterizedTest
    @EnumSource(SharedRing.Kind.class)
    void claimCommitAbortAndReadInPlace(SharedRing.Kind kind) {
        try (SharedRing ring = SharedRing.create("basics-" + kind, kind, 4096)) {
            assertEquals(kind, ring.kind());
            int first = ring.tryClaim(5);
            ring.buffer().put(first, new byte[] {1, 2, 3, 4, 5});
            ring.commit(first);
            ring.abort(ring.tryClaim(3));
            assertTrue(ring.offer(new byte[] {9, 8, 7}, 1, 2));
            List<String> seen = new ArrayList<>();
            // offsets point at the message: byte i is buffer.get(offset + i)
            assertEquals(2, ring.peek((buffer, offset, length) -> seen.add("peek " + length + ":" + buffer.get(offset)), 10));
            assertEquals(1, ring.read((buffer, offset, length) -> seen.add(length + ":" + buffer.get(offset) + buffer.get(offset + 4)), 1));
            assertEquals(1, ring.read((buffer, offset, length) -> seen.add(length + ":" + buffer.get(offset) + buffer.get(offset + 1)), 10));
            assertEquals(List.of("peek 5:1", "peek 2:8", "5:15", "2:87"), seen);
            assertEquals(0, ring.size());
            assertThrows(CapacityExceededException.class, () -> ring.tryClaim(ring.maxMessageLength() + 1));
            ring.unlink();
        }
    }

    @Test
    void lifecycleFollowsTheOtherSharedObjects() throws Exception {
        RingOptions options = RingOptions.ofCapacity(2048);
        try (SharedRing created = SharedRing.create("life", SharedRing.Kind.MPMC, options)) {
            assertThrows(ObjectExistsException.class, () -> SharedRing.create("life", SharedRing.Kind.MPMC, options));
            assertThrows(TypeMismatchException.class, () -> SharedRing.openOrCreate("life", SharedRing.Kind.SPSC, options));
            try (SharedRing again = SharedRing.openOrCreate("life", SharedRing.Kind.MPMC, options);
                 SharedRing opened = SharedRing.open("life")) {
                assertTrue(again.offer(new byte[] {42}, 0, 1));
                long[] got = new long[1];
                assertEquals(1, opened.read((buffer, offset, length) -> got[0] = buffer.get(offset), 1));
                assertEquals(42, got[0]);
                assertEquals(1, created.consumedTotal());
            }
            created.unlink();
            created.close();
            created.close();
            assertThrows(ObjectClosedException.class, () -> created.tryClaim(1));
        }
        try (SharedRing anonymous = SharedRing.create(SharedRing.Kind.SPSC, options)) {
            assertTrue(anonymous.name().length() > 0);
            anonymous.unlink();
        }
    }

    @Test
    void timedWaitsReturnWhenNothingComesAndThrowForAPendingInterrupt() throws Exception {
        try (SharedRing ring = SharedRing.create("timed", SharedRing.Kind.SPSC, RingOptions.ofCapacity(1024).withMaxMessageLength(100))) {
            long start = System.nanoTime();
            assertEquals(0, ring.read((b, o, l) -> { }, 1, 50, TimeUnit.MILLISECONDS));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(45));
            while (ring.tryClaim(100) != SharedRing.FULL) {
                Thread.onSpinWait();
            }
            // the claims above are never committed: the ring stays full
            assertEquals(SharedRing.FULL, ring.claim(100, 30, TimeUnit.MILLISECONDS, WaitStrategies.BLOCKING));
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, () -> ring.read((b, o, l) -> { }, 1, 0, TimeUnit.MILLISECONDS));
            ring.unlink();
        }
    }

    /**
     * A consumer hands space back in batches and clears what it read only then; on a ring filled to the byte
     * (tail = head + capacity) neither one read over all of it nor reads one at a time with records pending may
     * meet a record it already read.
     */
    @Test
    @Timeout(20) // the defect this guards against looped forever over the records already read
    void readButUnreleasedRecordsAreNeverDeliveredTwiceWhenTheRingFillsUp() {
        try (SharedRing ring = SharedRing.create("batched", SharedRing.Kind.SPSC, RingOptions.ofCapacity(1024).withWakeups(false))) {
            long next = 0;
            long expected = 0;
            long[] got = new long[1];
            for (int round = 0; round < 1000; round++) {
                int at;
                // 16 + 16 bytes a record: the ring fills to the byte, so tail meets the first unreleased record
                while ((at = ring.tryClaim(16)) != SharedRing.FULL) {
                    ring.buffer().putLong(at, next++);
                    ring.commit(at);
                }
                if (round % 2 == 0) {
                    // one read over the whole full ring: it must stop at tail, where its own first record lies
                    long[] first = {expected};
                    int read = ring.read((buffer, offset, length) -> assertEquals(first[0]++, buffer.getLong(offset)), 1000);
                    assertEquals(next - expected, read);
                    expected = first[0];
                    continue;
                }
                assertEquals(1, ring.read((buffer, offset, length) -> got[0] = buffer.getLong(offset), 1));
                assertEquals(expected++, got[0]);
                int reads = 1 + round % 7;
                for (int i = 0; i < reads; i++) {
                    if (ring.read((buffer, offset, length) -> got[0] = buffer.getLong(offset), 1) == 1) {
                        assertEquals(expected++, got[0]);
                    }
                }
            }
            while (ring.read((buffer, offset, length) -> got[0] = buffer.getLong(offset), 1) == 1) {
                assertEquals(expected++, got[0]);
            }
            assertEquals(next, expected);
            assertEquals(0, ring.size());
            ring.unlink();
        }
    }

    /** Many wraps of a small ring with a consumer that reads one message at a time (its space goes back in batches). */
    @ParameterizedTest
    @EnumSource(SharedRing.Kind.class)
    void aChildProducerFillsTheRingManyTimesOverAndEveryMessageArrivesInOrder(SharedRing.Kind kind) throws Exception {
        long count = 200_000;
        try (SharedRing ring = SharedRing.create("cross-" + kind, kind, 4096)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(ring);
            }
            try (ChildJvm producer = ChildJvm.start(Producer.class, Base64.getEncoder().encodeToString(bytes.toByteArray()),
                    Long.toString(count))) {
                long[] expected = {0};
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (expected[0] < count && System.nanoTime() < deadline) {
                    ring.read((buffer, offset, length) -> {
                        assertEquals(8, length);
                        assertEquals(expected[0]++, buffer.getLong(offset));
                    }, 1, 100, TimeUnit.MILLISECONDS);
                }
                assertEquals(count, expected[0]);
                producer.awaitLine(("sent " + count)::equals, TIMEOUT);
                assertEquals(0, producer.waitFor(TIMEOUT));
            }
            assertEquals(0, ring.size());
            ring.unlink();
        }
    }
}
