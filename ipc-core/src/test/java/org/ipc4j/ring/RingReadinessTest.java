package org.ipc4j.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.testkit.Background;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.ipc4j.wait.WaitSet;
import org.ipc4j.wait.WaitStrategies;
import org.ipc4j.wait.Waitable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link WaitSet} over a ring whose head holds records that cannot be read yet, a state whose end nobody
 * signals: a claim whose producer is killed before it writes it, and another consumer in the middle of a
 * fragmented message (the lock held, so this one gives up its look). The wait must wake for the message behind, as a {@code take} does, not sleep to its timeout.
 */
@ExtendWith(SharedDirExtension.class)
class RingReadinessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(10);

    /**
     * Child: args[0] an MPMC ring (RAW region). Waits for one message, which comes in fragments as the sender
     * finds room, and stops 600 ms in its last fragment. Between its reads it holds the consumer lock marked as
     * in a message, and the mark stays until that last read ends: other consumers give up their look at once.
     */
    public static final class SlowConsumer {
        public static void main(String[] args) throws Exception {
            Region region = Region.open(args[0], ObjectType.RAW);
            MpmcRing ring = new MpmcRing(args[0], region.bytes(), region.bodyOffset(), region.processes());
            System.out.println("waiting");
            int read = ring.read(new RecordHandler() {
                @Override
                public void onRecord(int type, ByteBuffer buffer, int offset, int length) {
                    throw new AssertionError("the first message came inline");
                }

                @Override
                public void onFragment(long totalLength, long from, ByteBuffer buffer, int offset, int length) {
                    if (from + length == totalLength) {
                        try {
                            Thread.sleep(600);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            }, 1, Ring.NO_DEADLINE, WaitStrategies.BLOCKING, RingPeers.UNTRACKED);
            System.out.println("read " + read);
            Thread.sleep(120_000);
        }
    }

    @Test
    void aWaitWakesForTheMessageBehindTheClaimOfAProducerKilledBeforeItWroteIt() throws Exception {
        String name = "wait-behind-dead-claim";
        // a stuck bound far beyond the wait: only finding the claim's owner dead frees the head in time
        Ring ring = RingBasicsTest.createRing(name, RingOptions.ofCapacity(4096).withStuckBound(Duration.ofSeconds(60)), true);
        try (ChildJvm producer = ChildJvm.start(UnwrittenClaimTest.ClaimsThenPauses.class, name, "mpmc", "120000")) {
            producer.awaitLineStartingWith("claimed", TIMEOUT);
            assertTrue(RingBasicsTest.offer(ring, new byte[] {9}), "a message behind the unwritten claim");
            Waitable queue = () -> ring.messageReadiness(RingPeers.UNTRACKED);
            assertEquals(List.of(), WaitSet.waitAny(List.of(queue), Duration.ofMillis(200)), "not ready while its producer lives");
            AtomicReference<List<Waitable>> ready = new AtomicReference<>();
            AtomicLong wokeAt = new AtomicLong();
            try (Background waiter = Background.run(() -> {
                ready.set(WaitSet.waitAny(List.of(queue), WAIT));
                wokeAt.set(System.nanoTime());
            })) {
                Thread.sleep(300); // the waiter is asleep by now
                producer.kill9();
                long killedAt = System.nanoTime();
                waiter.join();
                long wokeMillis = TimeUnit.NANOSECONDS.toMillis(wokeAt.get() - killedAt);
                assertEquals(List.of(queue), ready.get(), "woke " + wokeMillis + " ms after the kill");
                assertTrue(wokeMillis < 2_000, "woke " + wokeMillis + " ms after the kill");
            }
            List<byte[]> received = RingBasicsTest.drain(ring);
            assertEquals(1, received.size());
            assertArrayEquals(new byte[] {9}, received.get(0));
        } finally {
            RingBasicsTest.unlink(name);
        }
    }

    @Test
    void aWaitWakesForAMessageLeftWhenAnotherConsumerEndsItsFragmentedRead() throws Exception {
        String name = "wait-behind-busy-consumer";
        Ring ring = RingBasicsTest.createRing(name, RingOptions.ofCapacity(4096).withMaxMessageLength(512), true);
        try (ChildJvm consumer = ChildJvm.start(SlowConsumer.class, name)) {
            consumer.awaitLine("waiting"::equals, TIMEOUT);
            // longer than the ring: sent as the consumer makes room, so that it reads the message in several calls
            assertEquals(12_000, ring.send(ByteBuffer.allocate(12_000), 0, 12_000, Ring.NO_DEADLINE, WaitStrategies.BLOCKING,
                    RingPeers.UNTRACKED));
            assertTrue(RingBasicsTest.offer(ring, new byte[] {2}), "committed while the consumer is in the message's last fragment");
            Waitable queue = () -> ring.messageReadiness(RingPeers.UNTRACKED);
            long start = System.nanoTime();
            List<Waitable> ready = WaitSet.waitAny(List.of(queue), WAIT);
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            consumer.awaitLine("read 1"::equals, TIMEOUT);
            assertEquals(List.of(queue), ready, "after " + waitedMillis + " ms");
            // the other consumer ends its message within 600 ms; a look that is not repeated waits for the futex
            // relay's next round, a second after the wait began
            assertTrue(waitedMillis < 900, "the other consumer ended its message within 600 ms; waited " + waitedMillis + " ms");
            List<byte[]> received = RingBasicsTest.drain(ring);
            assertEquals(1, received.size(), "the other consumer took the fragmented message, this one is left");
            assertArrayEquals(new byte[] {2}, received.get(0));
        } finally {
            RingBasicsTest.unlink(name);
        }
    }
}
