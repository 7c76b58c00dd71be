package org.ipc4j.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #16 item 3: the window between a producer's claim of space and its header. A producer paused there
 * (SIGSTOP) past the stuck bound had its claim dropped by the consumer, and then wrote into space handed
 * back; one killed there made every consumer wait the whole stuck bound. The child stops at that point by
 * calling the ring's own steps (for MPMC: count the claim, move tail; for SPSC: the whole claim, which now
 * writes the header before tail moves), then finishes the record after a pause, or is killed.
 */
@ExtendWith(SharedDirExtension.class)
class UnwrittenClaimTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final byte[] SLOW = "slow".getBytes(StandardCharsets.US_ASCII);
    private static final int SPAN = RecordDescriptor.align(RecordDescriptor.HEADER_LENGTH + SLOW.length);

    /**
     * Child: args[0] ring (RAW region), args[1] "mpmc" or "spsc", args[2] milliseconds to pause after the
     * claim before writing the header and committing "slow".
     */
    public static final class ClaimsThenPauses {
        public static void main(String[] args) throws Exception {
            Region region = Region.open(args[0], ObjectType.RAW);
            long header = RecordDescriptor.headerWord(-(RecordDescriptor.HEADER_LENGTH + SLOW.length), RecordDescriptor.TYPE_DATA);
            int record;
            if (args[1].equals("mpmc")) {
                MpmcRing ring = new MpmcRing(args[0], region.bytes(), region.bodyOffset(), region.processes());
                int ticket = ring.claims.begin();
                int at = ring.moveTail(SPAN, false);
                System.out.println("claimed " + at);
                Thread.sleep(Long.parseLong(args[2]));
                ring.writeHeader(at, header);
                ring.claims.end(ticket);
                record = at;
                ring.buffer().put(record + RecordDescriptor.HEADER_LENGTH, SLOW);
                ring.commit(record + RecordDescriptor.HEADER_LENGTH);
            } else {
                SpscRing ring = new SpscRing(args[0], region.bytes(), region.bodyOffset(), region.processes());
                record = ring.claimSpace(SPAN, false, header);
                System.out.println("claimed " + record);
                Thread.sleep(Long.parseLong(args[2]));
                ring.buffer().put(record + RecordDescriptor.HEADER_LENGTH, SLOW);
                ring.commit(record + RecordDescriptor.HEADER_LENGTH);
            }
            System.out.println("committed");
            Thread.sleep(120_000);
        }
    }

    /**
     * The control: a live producer stopped in the window for five stuck bounds keeps its claim. The consumer
     * waits at it (head does not move), and once the producer runs again its message comes, then the one
     * committed behind it (MPMC), each once.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aProducerStoppedBetweenClaimAndHeaderKeepsItsClaim(boolean mpmc) throws Exception {
        String name = "stopped-" + mpmc;
        Duration bound = Duration.ofMillis(200);
        Ring ring = RingBasicsTest.createRing(name, RingOptions.ofCapacity(4096).withStuckBound(bound), mpmc);
        try (ChildJvm producer = ChildJvm.start(ClaimsThenPauses.class, name, mpmc ? "mpmc" : "spsc", "400")) {
            producer.awaitLineStartingWith("claimed", TIMEOUT);
            producer.signal("STOP");
            if (mpmc) {
                assertTrue(RingBasicsTest.offer(ring, new byte[] {7}), "another producer commits behind the stopped one");
            }
            long head = ring.memory().getLongVolatile(ring.headOffset);
            List<byte[]> meanwhile = readFor(ring, bound.multipliedBy(5));
            assertEquals(0, meanwhile.size(), "nothing passes a live producer's claim");
            assertEquals(head, ring.memory().getLongVolatile(ring.headOffset), "the claim was not dropped");
            producer.signal("CONT");
            producer.awaitLine("committed"::equals, TIMEOUT);
            List<byte[]> received = readFor(ring, Duration.ofMillis(300));
            assertEquals(mpmc ? 2 : 1, received.size(), "each message once");
            assertArrayEquals(SLOW, received.get(0));
            if (mpmc) {
                assertArrayEquals(new byte[] {7}, received.get(1));
            }
            assertTrue(ring.isDrained());
        } finally {
            RingBasicsTest.unlink(name);
        }
    }

    /**
     * A producer killed in the window of an MPMC ring whose stuck bound is 30 s: the consumer drops the claim
     * as soon as it finds no live producer in the window (once a millisecond at most), not after the bound.
     */
    @Test
    void aProducerKilledBetweenClaimAndHeaderStallsTheQueueForMillisecondsNotTheStuckBound() throws Exception {
        String name = "killed-in-window";
        Ring ring = RingBasicsTest.createRing(name, RingOptions.ofCapacity(4096).withStuckBound(Duration.ofSeconds(30)), true);
        try {
            List<Long> stalls = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                try (ChildJvm producer = ChildJvm.start(ClaimsThenPauses.class, name, "mpmc", "120000")) {
                    producer.awaitLineStartingWith("claimed", TIMEOUT);
                    assertTrue(RingBasicsTest.offer(ring, new byte[] {(byte) round}));
                    producer.kill9();
                }
                long killed = System.nanoTime();
                List<byte[]> received = new ArrayList<>();
                long deadline = killed + TimeUnit.SECONDS.toNanos(10);
                while (received.isEmpty() && System.nanoTime() < deadline) {
                    received.addAll(RingBasicsTest.drain(ring));
                }
                stalls.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - killed));
                assertEquals(1, received.size(), "round " + round + ": the message behind the dead claim");
                assertArrayEquals(new byte[] {(byte) round}, received.get(0));
                assertTrue(ring.isDrained());
            }
            System.out.println("kill -> next message delivered, µs: " + stalls);
            assertTrue(stalls.stream().allMatch(micros -> micros < 1_000_000), "stalls (µs) " + stalls + " against a 30 s bound");
        } finally {
            RingBasicsTest.unlink(name);
        }
    }

    private static List<byte[]> readFor(Ring ring, Duration duration) {
        List<byte[]> received = new ArrayList<>();
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            received.addAll(RingBasicsTest.drain(ring));
            Thread.onSpinWait();
        }
        return received;
    }
}
