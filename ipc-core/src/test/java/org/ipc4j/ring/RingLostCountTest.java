package org.ipc4j.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.ipc4j.wait.WaitStrategies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #16 item 6: a producer killed between reserving a count and claiming its record (the crash point is
 * reached by calling the ring's own reserve step, then SIGKILL) must not cost a ring bounded by count a unit
 * for good. With a max count of 1, every later claim was refused forever.
 */
@ExtendWith(SharedDirExtension.class)
class RingLostCountTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Child: opens MPMC ring args[0], reserves one count as a claim's first step would, and stops there. */
    public static final class ReservesAndDies {
        public static void main(String[] args) throws Exception {
            Region region = Region.open(args[0], ObjectType.RAW);
            Ring ring = new MpmcRing(args[0], region.bytes(), region.bodyOffset(), region.processes());
            System.out.println(ring.reserveMessage() ? "reserved" : "refused");
            Thread.sleep(120_000);
        }
    }

    @Test
    void aCountHeldByAProducerKilledBeforeItsClaimIsGivenBackOnceTheRingHasBeenStillForTheStuckBound() throws Exception {
        RingOptions options = RingOptions.ofCapacity(4096).withMaxCount(1).withStuckBound(Duration.ofMillis(300));
        Ring ring = RingBasicsTest.createRing("lost-count", options, true);
        try {
            try (ChildJvm producer = ChildJvm.start(ReservesAndDies.class, "lost-count")) {
                producer.awaitLine("reserved"::equals, TIMEOUT);
                producer.kill9();
            }
            assertEquals(Ring.FULL, ring.tryClaim(8), "the dead producer's count fills a ring of max count 1");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int claim = ring.claim(8, RecordDescriptor.TYPE_DATA, deadline, WaitStrategies.defaultStrategy(), RingPeers.UNTRACKED);
            assertTrue(claim >= 0, "a claim succeeds once the lost count is given back, not " + claim);
            ring.commit(claim);
            assertEquals(Ring.FULL, ring.tryClaim(8), "the max count holds again: one message in the ring");
            assertEquals(1, ring.read(RecordHandler.IGNORE, 10));
            int next = ring.tryClaim(8);
            assertTrue(next >= 0, "room for the next one after a read");
            ring.commit(next);
        } finally {
            RingBasicsTest.unlink("lost-count");
        }
    }
}
