package org.ipc4j.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.ipc4j.wait.WaitStrategies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 1,000,000 messages through rings between separate JVMs: SPSC as two producer/consumer pairs, MPMC as
 * 2 producers x 2 consumers, all in 4 JVMs. Every message carries its producer, a sequence number and a
 * payload derived from both; consumers check each byte (no torn message), per-producer order, and record
 * what they received so the test can check exactly-once delivery.
 */
@ExtendWith(SharedDirExtension.class)
class RingCrossProcessTest {
    static final int TOTAL = 1_000_000;
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** A control region: word 0 is set once every producer has finished. */
    static final String CONTROL_SUFFIX = "-done";

    static Ring attach(String name, boolean mpmc) {
        Region region = Region.open(name, ObjectType.RAW);
        return mpmc ? new MpmcRing(name, region.bytes(), region.bodyOffset(), region.processes()) : new SpscRing(name, region.bytes(), region.bodyOffset(), region.processes());
    }

    /** Message layout: producer (4), sequence (8), then (length - 12) bytes of pattern; length 12..75. */
    static int lengthOf(long sequence) {
        return 12 + (int) (sequence * 7 % 64);
    }

    static byte patternByte(int producer, long sequence, int i) {
        return (byte) (sequence * 31 + producer * 17 + i);
    }

    /** args: ring name, mpmc, producer id, count. */
    public static final class Producer {
        public static void main(String[] args) throws Exception {
            Ring ring = attach(args[0], Boolean.parseBoolean(args[1]));
            int producer = Integer.parseInt(args[2]);
            long count = Long.parseLong(args[3]);
            ByteBuffer buffer = ring.buffer();
            for (long sequence = 0; sequence < count; sequence++) {
                int length = lengthOf(sequence);
                int offset = ring.claim(length, RecordDescriptor.TYPE_DATA, WaitStrategies.noDeadline(), WaitStrategies.BLOCKING, RingPeers.UNTRACKED);
                buffer.putInt(offset, producer);
                buffer.putLong(offset + 4, sequence);
                for (int i = 12; i < length; i++) {
                    buffer.put(offset + i, patternByte(producer, sequence, i));
                }
                ring.commit(offset);
            }
            System.out.println("produced " + count);
        }
    }

    /** args: ring name, mpmc, producers, messages per producer, output file. Writes one BitSet per producer. */
    public static final class Consumer {
        public static void main(String[] args) throws Exception {
            String name = args[0];
            Ring ring = attach(name, Boolean.parseBoolean(args[1]));
            int producers = Integer.parseInt(args[2]);
            int perProducer = Integer.parseInt(args[3]);
            MappedBytes control = Region.open(name + CONTROL_SUFFIX, ObjectType.RAW).bytes();
            BitSet[] seen = new BitSet[producers];
            long[] last = new long[producers];
            for (int p = 0; p < producers; p++) {
                seen[p] = new BitSet(perProducer);
                last[p] = -1;
            }
            String[] failure = new String[1];
            long[] received = new long[1];
            RecordHandler check = (type, buffer, offset, length) -> {
                int producer = buffer.getInt(offset);
                long sequence = buffer.getLong(offset + 4);
                if (producer < 0 || producer >= producers || sequence < 0 || sequence >= perProducer || length != lengthOf(sequence)) {
                    failure[0] = "bad header: producer " + producer + " sequence " + sequence + " length " + length;
                    return;
                }
                for (int i = 12; i < length; i++) {
                    if (buffer.get(offset + i) != patternByte(producer, sequence, i)) {
                        failure[0] = "torn message: producer " + producer + " sequence " + sequence + " byte " + i;
                        return;
                    }
                }
                if (sequence <= last[producer]) {
                    failure[0] = "order: producer " + producer + " sequence " + sequence + " after " + last[producer];
                }
                if (seen[producer].get((int) sequence)) {
                    failure[0] = "duplicate: producer " + producer + " sequence " + sequence;
                }
                last[producer] = sequence;
                seen[producer].set((int) sequence);
                received[0]++;
            };
            while (failure[0] == null) {
                int n = ring.read(check, 256, WaitStrategies.deadline(50, java.util.concurrent.TimeUnit.MILLISECONDS), WaitStrategies.BLOCKING, RingPeers.UNTRACKED);
                if (n == 0 && control.getIntVolatile(RingDescriptor.LINE) != 0 && ring.isDrained()) {
                    break;
                }
            }
            if (failure[0] != null) {
                System.out.println("FAILED " + failure[0]);
                System.exit(1);
            }
            List<byte[]> sets = new ArrayList<>();
            for (BitSet set : seen) {
                sets.add(set.toByteArray());
            }
            try (var out = new java.io.ObjectOutputStream(Files.newOutputStream(Path.of(args[4])))) {
                out.writeObject(sets);
            }
            System.out.println("received " + received[0]);
        }
    }

    /** args: ring name. Takes the consumer lock by reading, and never returns from its handler. */
    public static final class StuckConsumer {
        public static void main(String[] args) throws Exception {
            Ring ring = attach(args[0], true);
            ring.read((type, buffer, offset, length) -> {
                System.out.println("holding " + buffer.getLong(offset + 4));
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, 1);
        }
    }

    @Test
    void aConsumerKilledMidReadDoesNotStopTheOthers() throws Exception {
        Region region = Region.create("stuck-consumer", ObjectType.RAW, RingDescriptor.ringLength(1 << 12),
                m -> Ring.initialise(m, RingDescriptor.LINE, RingOptions.ofCapacity(1 << 12), true));
        Ring ring = new MpmcRing("stuck-consumer", region.bytes(), region.bodyOffset(), region.processes());
        for (long i = 0; i < 10; i++) {
            int offset = ring.tryClaim(12);
            ring.buffer().putLong(offset + 4, i);
            ring.commit(offset);
        }
        try (ChildJvm consumer = ChildJvm.start(StuckConsumer.class, "stuck-consumer")) {
            consumer.awaitLine("holding 0"::equals, TIMEOUT);
            assertEquals(0, ring.read((t, b, o, l) -> { }, 10, System.nanoTime() + 200_000_000L, WaitStrategies.BLOCKING, RingPeers.UNTRACKED),
                    "the live consumer holds the lock");
            consumer.kill9();
            List<Long> rest = new ArrayList<>();
            long start = System.nanoTime();
            while (rest.size() < 10 && System.nanoTime() - start < 5_000_000_000L) {
                ring.read((t, b, o, l) -> rest.add(b.getLong(o + 4)), 10);
            }
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), rest,
                    "the record the dead consumer held is handed on again, whole, then the rest");
            assertTrue(System.nanoTime() - start < 1_000_000_000L, "taken over within a second");
        } finally {
            region.unlink();
        }
    }

    @Test
    void spscTwoPairsInFourJvmsDeliverAMillionMessagesExactlyOnceInOrder() throws Exception {
        run(false);
    }

    @Test
    void mpmcTwoProducersTwoConsumersInFourJvmsDeliverAMillionMessagesExactlyOnceInOrder() throws Exception {
        run(true);
    }

    private void run(boolean mpmc) throws Exception {
        int perProducer = TOTAL / 2;
        Path work = Files.createTempDirectory("ring-xproc");
        List<String> rings = mpmc ? List.of("mpmc") : List.of("spsc-0", "spsc-1");
        List<Region> regions = new ArrayList<>();
        for (String name : rings) {
            regions.add(Region.create(name, ObjectType.RAW, RingDescriptor.ringLength(1 << 16),
                    m -> Ring.initialise(m, RingDescriptor.LINE, RingOptions.ofCapacity(1 << 16), mpmc)));
            regions.add(Region.create(name + CONTROL_SUFFIX, ObjectType.RAW, 4096, m -> { }));
        }
        List<ChildJvm> consumers = new ArrayList<>();
        List<ChildJvm> producers = new ArrayList<>();
        try {
            long start = System.nanoTime();
            for (int c = 0; c < 2; c++) {
                String ring = rings.get(mpmc ? 0 : c);
                consumers.add(ChildJvm.start(Consumer.class, ring, Boolean.toString(mpmc), mpmc ? "2" : "1",
                        Integer.toString(perProducer), work.resolve("consumer-" + c).toString()));
            }
            for (int p = 0; p < 2; p++) {
                String ring = rings.get(mpmc ? 0 : p);
                producers.add(ChildJvm.start(Producer.class, ring, Boolean.toString(mpmc), mpmc ? Integer.toString(p) : "0",
                        Integer.toString(perProducer)));
            }
            for (ChildJvm producer : producers) {
                try {
                    producer.assertSuccess(TIMEOUT);
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\nconsumers: " + consumers.get(0).output() + "\n" + consumers.get(1).output(), e);
                }
            }
            for (String ring : rings) {
                Region.open(ring + CONTROL_SUFFIX, ObjectType.RAW).bytes().putIntVolatile(RingDescriptor.LINE, 1);
            }
            for (ChildJvm consumer : consumers) {
                consumer.assertSuccess(TIMEOUT);
            }
            System.out.printf("%s: %d messages in %d ms%n", mpmc ? "MPMC 2x2" : "SPSC 2 pairs", TOTAL,
                    (System.nanoTime() - start) / 1_000_000);
            checkExactlyOnce(work, mpmc, perProducer);
        } finally {
            consumers.forEach(ChildJvm::close);
            producers.forEach(ChildJvm::close);
            for (String name : rings) {
                Region.open(name, ObjectType.RAW).unlink();
                Region.open(name + CONTROL_SUFFIX, ObjectType.RAW).unlink();
            }
            deleteTree(work);
        }
    }

    @SuppressWarnings("unchecked")
    private void checkExactlyOnce(Path work, boolean mpmc, int perProducer) throws Exception {
        BitSet[] union = {new BitSet(), new BitSet()};
        long total = 0;
        for (int c = 0; c < 2; c++) {
            List<byte[]> sets;
            try (var in = new java.io.ObjectInputStream(Files.newInputStream(work.resolve("consumer-" + c)))) {
                sets = (List<byte[]>) in.readObject();
            }
            for (int p = 0; p < sets.size(); p++) {
                BitSet set = BitSet.valueOf(sets.get(p));
                int producer = mpmc ? p : c;
                assertFalse(union[producer].intersects(set), "a message of producer " + producer + " reached both consumers");
                union[producer].or(set);
                total += set.cardinality();
            }
        }
        assertEquals(TOTAL, total);
        for (BitSet set : union) {
            assertEquals(perProducer, set.cardinality());
            assertEquals(perProducer, set.nextClearBit(0), "every sequence number from 0 arrived");
        }
        assertTrue(total > 0);
    }

    static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
