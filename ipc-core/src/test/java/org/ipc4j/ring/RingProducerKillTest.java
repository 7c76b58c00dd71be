package org.ipc4j.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.ipc4j.testkit.Stress;
import org.ipc4j.wait.WaitStrategies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kill -9 of a producer 200 times at random moments, most of them mid-record, while this JVM consumes from
 * the MPMC ring: the consumer never waits on a stuck record longer than the configured bound, every
 * message a producer committed arrives (sequence numbers contiguous per incarnation), none is torn.
 * Each incarnation publishes its committed count and its phase (claiming, mid-record, committed) in a
 * progress region, so the test knows what was committed and where each kill landed.
 */
@ExtendWith(SharedDirExtension.class)
class RingProducerKillTest {
    /** How many producers this run starts and kills (the children never read it). */
    static final int INCARNATIONS = Stress.rounds(200, 40);
    static final Duration BOUND = Duration.ofMillis(500);
    static final int PHASE_CLAIMING = 1;
    static final int PHASE_WRITING = 2;
    static final int PHASE_COMMITTED = 3;

    /** Per incarnation, 16 bytes: committed count (long), phase (int). */
    static int slot(int incarnation) {
        return RingDescriptor.LINE + incarnation * 16;
    }

    static byte patternByte(int incarnation, long sequence, int i) {
        return (byte) (incarnation * 7 + sequence * 13 + i);
    }

    /** args: ring name, progress region, incarnation. Produces until killed, slowly inside each record. */
    public static final class Producer {
        public static void main(String[] args) {
            Region region = Region.open(args[0], ObjectType.RAW);
            Ring ring = new MpmcRing(args[0], region.bytes(), region.bodyOffset(), region.processes());
            MappedBytes progress = Region.open(args[1], ObjectType.RAW).bytes();
            int incarnation = Integer.parseInt(args[2]);
            int slot = slot(incarnation);
            ByteBuffer buffer = ring.buffer();
            System.out.println("ready");
            for (long sequence = 0; ; sequence++) {
                progress.putIntVolatile(slot + 8, PHASE_CLAIMING);
                int length = 12 + (int) (sequence * 37 % 400);
                int offset;
                try {
                    offset = ring.claim(length, RecordDescriptor.TYPE_DATA, WaitStrategies.noDeadline(), WaitStrategies.BLOCKING, RingPeers.UNTRACKED);
                } catch (InterruptedException e) {
                    return;
                }
                progress.putIntVolatile(slot + 8, PHASE_WRITING);
                buffer.putInt(offset, incarnation);
                buffer.putLong(offset + 4, sequence);
                for (int i = 12; i < length; i++) {
                    buffer.put(offset + i, patternByte(incarnation, sequence, i));
                    if (i == length / 2) {
                        spin(20_000);
                    }
                }
                ring.commit(offset);
                progress.putIntVolatile(slot + 8, PHASE_COMMITTED);
                progress.putLongVolatile(slot, sequence + 1);
                spin(2_000);
            }
        }

        private static void spin(long nanos) {
            long end = System.nanoTime() + nanos;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        }
    }

    @Test
    void killingProducers200TimesNeverHangsConsumersLosesOrTearsACommittedMessage() throws Exception {
        Region ringRegion = Region.create("killed", ObjectType.RAW, RingDescriptor.ringLength(1 << 16),
                m -> Ring.initialise(m, RingDescriptor.LINE, RingOptions.ofCapacity(1 << 16).withStuckBound(BOUND), true));
        Region progressRegion = Region.create("progress", ObjectType.RAW, 16 * INCARNATIONS, m -> { });
        Ring ring = new MpmcRing("killed", ringRegion.bytes(), ringRegion.bodyOffset(), ringRegion.processes());
        MappedBytes progress = progressRegion.bytes();
        Verifier verifier = new Verifier();
        Thread consumer = new Thread(() -> verifier.consume(ring), "consumer");
        consumer.start();
        int[] phases = new int[4];
        ChildJvm next = start(0);
        try {
            for (int incarnation = 0; incarnation < INCARNATIONS; incarnation++) {
                ChildJvm current = next;
                current.awaitLine("ready"::equals, Duration.ofSeconds(30));
                next = incarnation + 1 < INCARNATIONS ? start(incarnation + 1) : null;
                Thread.sleep(ThreadLocalRandom.current().nextInt(20, 120));
                current.kill9();
                phases[progress.getIntVolatile(slot(incarnation) + 8)]++;
                current.close();
            }
            verifier.stop = true;
            consumer.join(30_000);
        } finally {
            if (next != null) {
                next.close();
            }
            verifier.stop = true;
            consumer.join(30_000);
            ringRegion.unlink();
            progressRegion.unlink();
        }
        assertNull(verifier.failure, verifier.failure);
        long committedTotal = 0;
        for (int incarnation = 0; incarnation < INCARNATIONS; incarnation++) {
            long committed = progress.getLongVolatile(slot(incarnation));
            long received = verifier.next[incarnation];
            // a kill between commit and the progress store leaves the count one short of what was committed
            assertTrue(received == committed || received == committed + 1,
                    "incarnation " + incarnation + ": committed " + committed + ", received " + received);
            committedTotal += committed;
        }
        System.out.printf("kills: %d while claiming, %d mid-record, %d after a commit; %d messages committed, "
                + "%d received; longest wait on a stuck record %d ms (bound %d ms)%n", phases[PHASE_CLAIMING],
                phases[PHASE_WRITING], phases[PHASE_COMMITTED], committedTotal, verifier.received,
                verifier.longestStallNanos / 1_000_000, BOUND.toMillis());
        assertTrue(phases[PHASE_WRITING] >= INCARNATIONS / 4, "most kills should land mid-record: " + phases[PHASE_WRITING]);
        assertTrue(verifier.longestStallNanos < BOUND.toNanos() + TimeUnit.SECONDS.toNanos(1),
                "consumer waited " + verifier.longestStallNanos / 1_000_000 + " ms on a stuck record");
        assertEquals(0, ring.size(), "every reservation consumed or dropped");
    }

    private static ChildJvm start(int incarnation) {
        return ChildJvm.start(Producer.class, "killed", "progress", Integer.toString(incarnation));
    }

    /** Checks every message and measures how long the ring stayed non-empty without delivering. */
    private static final class Verifier implements RecordHandler {
        final long[] next = new long[INCARNATIONS];
        volatile boolean stop;
        volatile String failure;
        long received;
        long longestStallNanos;

        void consume(Ring ring) {
            long stallStart = 0;
            try {
                while (failure == null && !(stop && ring.isDrained())) {
                    int n = ring.read(this, 64, WaitStrategies.deadline(20, TimeUnit.MILLISECONDS), WaitStrategies.BLOCKING, RingPeers.UNTRACKED);
                    long now = System.nanoTime();
                    if (n > 0 || ring.isDrained()) {
                        stallStart = 0;
                    } else if (stallStart == 0) {
                        stallStart = now;
                    } else {
                        longestStallNanos = Math.max(longestStallNanos, now - stallStart);
                    }
                }
            } catch (Throwable e) {
                failure = "consumer failed: " + e;
            }
        }

        @Override
        public void onRecord(int type, ByteBuffer buffer, int offset, int length) {
            int incarnation = buffer.getInt(offset);
            long sequence = buffer.getLong(offset + 4);
            if (incarnation < 0 || incarnation >= INCARNATIONS || sequence != next[incarnation]) {
                failure = "incarnation " + incarnation + ": sequence " + sequence + " arrived, expected "
                        + (incarnation >= 0 && incarnation < INCARNATIONS ? next[incarnation] : -1);
                return;
            }
            if (length != 12 + (int) (sequence * 37 % 400)) {
                failure = "incarnation " + incarnation + " sequence " + sequence + ": length " + length;
                return;
            }
            for (int i = 12; i < length; i++) {
                if (buffer.get(offset + i) != patternByte(incarnation, sequence, i)) {
                    failure = "torn: incarnation " + incarnation + " sequence " + sequence + " byte " + i;
                    return;
                }
            }
            next[incarnation]++;
            received++;
        }
    }
}
