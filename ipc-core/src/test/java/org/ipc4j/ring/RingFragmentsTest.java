package org.ipc4j.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;

import org.ipc4j.testkit.Identities;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fragmented messages in one process: what the stream lock and the consumer do when a holder died or is
 * alive elsewhere (simulated in place: a stamp with this pid and a wrong start time reads as dead, the parent
 * process's stamp as alive), and that a send refuses bad bounds before it claims anything.
 */
@ExtendWith(SharedDirExtension.class)
class RingFragmentsTest {
    private static final long DEAD = Identities.dead();

    private static long liveOtherProcess() {
        return Identities.liveOther();
    }

    private static void holdStreamLock(Ring ring, long owner) {
        ring.memory().putLongVolatile(ring.tailOffset - RingDescriptor.TAIL_OFFSET + RingDescriptor.STREAM_OWNER_OFFSET, owner);
        ring.memory().putLongVolatile(ring.tailOffset, ring.memory().getLongVolatile(ring.tailOffset) | RingDescriptor.TAIL_STREAMING);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aDeadHoldersStreamLockIsBrokenByANonWaitingClaim(boolean mpmc) {
        String name = "dead-stream-" + mpmc;
        Ring ring = RingBasicsTest.createRing(name, RingOptions.ofCapacity(4096), mpmc);
        holdStreamLock(ring, DEAD);
        assertEquals(Ring.FULL, ring.tryClaim(8), "the first claim meets the bit");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int at = Ring.FULL;
        while (at == Ring.FULL && System.nanoTime() < deadline) {
            at = ring.tryClaim(8);
        }
        assertTrue(at >= 0, "a later non-waiting claim found the holder dead and freed the lock");
        ring.commit(at);
        assertEquals(1, ring.read(RecordHandler.IGNORE, 1));
        RingBasicsTest.unlink(name);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aLiveHoldersStreamLockIsNeverBroken(boolean mpmc) throws Exception {
        String name = "live-stream-" + mpmc;
        Ring ring = RingBasicsTest.createRing(name, RingOptions.ofCapacity(4096), mpmc);
        holdStreamLock(ring, liveOtherProcess());
        long until = System.nanoTime() + Duration.ofMillis(100).toNanos();
        while (System.nanoTime() < until) {
            assertEquals(Ring.FULL, ring.tryClaim(8), "another live process sends a long message: claims wait");
        }
        RingBasicsTest.unlink(name);
    }

    @Test
    void aConsumerDoesNotWaitForTheLockOfOneThatIsWaitingForItsNextFragment() {
        String name = "holder-in-message";
        MpmcRing ring = (MpmcRing) RingBasicsTest.createRing(name, RingOptions.ofCapacity(4096), true);
        int base = ring.tailOffset - RingDescriptor.TAIL_OFFSET;
        // a live consumer elsewhere holds the lock across its wait for a next fragment whose producer is
        // stopped mid-copy: a claim is open, so the ring is not drained
        ring.memory().putLongVolatile(base + RingDescriptor.CONSUMER_LOCK_OFFSET, liveOtherProcess());
        ring.memory().putIntVolatile(base + RingDescriptor.CONSUMER_IN_MESSAGE_OFFSET, 1);
        int open = ring.tryClaim(16);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertEquals(0, ring.read(RecordHandler.IGNORE, 1), "gives up at once: nothing it could take");
            assertEquals(0, ring.peek(RecordHandler.IGNORE, 1));
        });
        ring.memory().putIntVolatile(base + RingDescriptor.CONSUMER_IN_MESSAGE_OFFSET, 0);
        ring.memory().putLongVolatile(base + RingDescriptor.CONSUMER_LOCK_OFFSET, 0);
        ring.commit(open);
        assertEquals(1, ring.read(RecordHandler.IGNORE, 1));
        RingBasicsTest.unlink(name);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aSendWithBadBoundsClaimsNothingAndTheRingGoesOn(boolean mpmc) throws Exception {
        String name = "bad-bounds-" + mpmc;
        Ring ring = RingBasicsTest.createRing(name, RingOptions.ofCapacity(8192), mpmc);
        ByteBuffer source = ByteBuffer.allocate(5000);
        assertThrows(IndexOutOfBoundsException.class,
                () -> ring.send(source, 100, 4950, Ring.NO_WAIT, org.ipc4j.wait.WaitStrategies.BLOCKING, RingPeers.UNTRACKED));
        assertTrue(ring.isDrained(), "nothing claimed");
        byte[] message = new byte[3000];
        message[2999] = 9;
        assertEquals(3000, ring.send(ByteBuffer.wrap(message), 0, 3000, Ring.NO_WAIT, org.ipc4j.wait.WaitStrategies.BLOCKING,
                RingPeers.UNTRACKED), "fragments of 1008 bytes, all of it fits");
        Collected collected = new Collected();
        assertEquals(1, ring.read(collected, 10));
        assertArrayEquals(message, collected.bytes.toByteArray());
        RingBasicsTest.unlink(name);
    }

    /** Collects the fragments of one message. */
    private static final class Collected implements RecordHandler {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void onRecord(int type, ByteBuffer buffer, int offset, int length) {
            throw new AssertionError("a message of " + length + " bytes came inline");
        }

        @Override
        public void onFragment(long totalLength, long from, ByteBuffer buffer, int offset, int length) {
            assertEquals(bytes.size(), from);
            byte[] part = new byte[length];
            buffer.get(offset, part);
            bytes.write(part, 0, length);
        }
    }
}
