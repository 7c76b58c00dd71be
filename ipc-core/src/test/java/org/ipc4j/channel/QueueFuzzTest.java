package org.ipc4j.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.Ipc4jException;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionHeaderDescriptor;
import org.ipc4j.ring.RingDescriptor;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 10,000 cases of garbage written into a queue's file (region header, queue and ring counters, records)
 * before it is opened and used: every outcome is a success or a typed {@link Ipc4jException}; never an
 * out-of-bounds access, another exception, a hang or a crash.
 */
@ExtendWith(SharedDirExtension.class)
class QueueFuzzTest {
    private static final int CASES = 10_000;
    private static final int CAPACITY = 4096;
    private static final int RING = RegionHeaderDescriptor.HEADER_LENGTH + QueueDescriptor.RING_OFFSET;
    private static final int DATA = RING + RingDescriptor.DATA_OFFSET;
    private static final int[] SPECIAL = {0, 1, -1, 8, 16, 17, CAPACITY, CAPACITY - 8, CAPACITY * 2, Integer.MAX_VALUE,
        Integer.MIN_VALUE, -16, 496, 497, 2, 3, 4};

    @Test
    void garbageInTheFileGivesOnlyTypedExceptions() throws Exception {
        SharedQueue<byte[]> queue = SharedQueue.create("fuzz", RingOptions.ofCapacity(CAPACITY), Codecs.bytes());
        for (int i = 0; i < 40; i++) {
            queue.put(new byte[i * 7 % 300]);
            if (queue.size() > 6) {
                queue.take();
            }
        }
        queue.close();
        Path file = SharedDirExtension.dir().resolve("fuzz");
        byte[] pristine = Files.readAllBytes(file);
        String timeout = System.setProperty(Region.OPEN_TIMEOUT_PROPERTY, "5");
        Random random = new Random(20240601);
        int typed = 0;
        int clean = 0;
        List<String> failures = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            for (int c = 0; c < CASES; c++) {
                channel.write(ByteBuffer.wrap(pristine), 0);
                corrupt(channel, random, pristine.length);
                try {
                    exercise();
                    clean++;
                } catch (Ipc4jException expected) {
                    typed++;
                } catch (Throwable unexpected) {
                    if (failures.size() < 10) {
                        failures.add("case " + c + ": " + unexpected);
                    }
                }
            }
        } finally {
            restore(timeout);
            Files.deleteIfExists(file);
        }
        System.out.printf("fuzz: %d cases, %d ran clean, %d typed exceptions, %d other%n", CASES, clean, typed, failures.size());
        assertEquals(List.of(), failures);
        assertTrue(typed > CASES / 10, "the corruption reached the checks: " + typed);
    }

    private static void exercise() throws InterruptedException {
        SharedQueue<byte[]> queue = SharedQueue.open("fuzz", Codecs.bytes());
        try {
            queue.size();
            queue.peek();
            queue.iterator();
            for (int i = 0; i < 10; i++) {
                queue.poll();
                queue.offer(new byte[i * 37]);
            }
            queue.drainTo(new ArrayList<>(), 50);
            queue.remainingCapacity();
        } finally {
            queue.close();
        }
    }

    private static void corrupt(FileChannel channel, Random random, int length) throws Exception {
        int area = random.nextInt(4);
        int from;
        int to;
        switch (area) {
            case 0: from = 0; to = RegionHeaderDescriptor.HEADER_LENGTH; break;
            case 1: from = RegionHeaderDescriptor.HEADER_LENGTH; to = RING; break;
            case 2: from = RING; to = DATA; break;
            default: from = DATA; to = length; break;
        }
        int writes = 1 + random.nextInt(4);
        for (int w = 0; w < writes; w++) {
            ByteBuffer garbage;
            int at;
            if (random.nextBoolean()) {
                garbage = ByteBuffer.allocate(1 + random.nextInt(16));
                random.nextBytes(garbage.array());
                at = from + random.nextInt(to - from);
            } else {
                garbage = ByteBuffer.allocate(4).order(java.nio.ByteOrder.nativeOrder());
                garbage.putInt(0, random.nextBoolean() ? SPECIAL[random.nextInt(SPECIAL.length)] : random.nextInt());
                at = (from + random.nextInt(to - from)) & ~3;
            }
            garbage.limit(Math.min(garbage.capacity(), length - at));
            channel.write(garbage, at);
        }
    }

    private static void restore(String timeout) {
        if (timeout == null) {
            System.clearProperty(Region.OPEN_TIMEOUT_PROPERTY);
        } else {
            System.setProperty(Region.OPEN_TIMEOUT_PROPERTY, timeout);
        }
    }
}
