package org.ipc4j.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.ipc4j.channel.Connection;
import org.ipc4j.channel.Pipe;
import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.Ipc4jException;
import org.ipc4j.ring.SharedRing;
import org.ipc4j.state.SharedBoolean;
import org.ipc4j.state.SharedByteArray;
import org.ipc4j.state.SharedDouble;
import org.ipc4j.state.SharedDoubleArray;
import org.ipc4j.state.SharedInt;
import org.ipc4j.state.SharedIntArray;
import org.ipc4j.state.SharedLong;
import org.ipc4j.state.SharedLongArray;
import org.ipc4j.state.SharedMap;
import org.ipc4j.state.SharedMemory;
import org.ipc4j.sync.SharedBarrier;
import org.ipc4j.sync.SharedCondition;
import org.ipc4j.sync.SharedEvent;
import org.ipc4j.sync.SharedLock;
import org.ipc4j.sync.SharedRLock;
import org.ipc4j.sync.SharedSemaphore;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #16 item 8: whatever is in a file, opening and using it gives a typed ipc4j exception (or a result),
 * never an untyped one, a hang or a JVM crash. A child JVM (so that a crash fails the test rather than
 * killing it) makes a healthy object of each type, then opens and uses corrupted copies of its file: the body
 * truncated with the header's lengths made to agree, grown, words overwritten with extreme values, bytes
 * flipped. It prints each untyped exception and exits 3 on an operation that takes over 10 s.
 */
@ExtendWith(SharedDirExtension.class)
class CorruptFilesTest {
    private static final int CASES_PER_TYPE = Integer.getInteger("ipc4j.test.corruptCases", 200);

    /** What one type's corrupted file is put through. */
    interface Use {
        void run(String name) throws Exception;
    }

    record Type(String label, Use create, Use use) {
    }

    static List<Type> types() {
        List<Type> types = new ArrayList<>();
        types.add(new Type("lock", n -> SharedLock.create(n).close(), n -> {
            try (SharedLock lock = SharedLock.open(n)) {
                lock.isLocked();
                lock.ownerPid();
                if (lock.tryLock()) {
                    lock.unlock();
                }
                if (lock.tryLock(1, TimeUnit.MILLISECONDS)) {
                    lock.holdCount();
                    lock.unlock();
                }
            }
        }));
        types.add(new Type("rlock", n -> SharedRLock.create(n).close(), n -> {
            try (SharedRLock lock = SharedRLock.open(n)) {
                if (lock.tryLock(1, TimeUnit.MILLISECONDS)) {
                    lock.lock();
                    lock.unlock();
                    lock.unlock();
                }
            }
        }));
        types.add(new Type("event", n -> SharedEvent.create(n).close(), n -> {
            try (SharedEvent event = SharedEvent.open(n)) {
                event.isSet();
                event.await(1, TimeUnit.MILLISECONDS);
                event.set();
                event.clear();
            }
        }));
        types.add(new Type("semaphore", n -> SharedSemaphore.createBounded(n, 3).close(), n -> {
            try (SharedSemaphore semaphore = SharedSemaphore.open(n)) {
                semaphore.availablePermits();
                if (semaphore.tryAcquire()) {
                    semaphore.release();
                }
                if (semaphore.tryAcquire(1, TimeUnit.MILLISECONDS)) {
                    semaphore.release();
                }
            }
        }));
        types.add(new Type("condition", n -> {
            try (SharedLock lock = SharedLock.create(n + "-lock"); SharedCondition condition = SharedCondition.create(n, lock)) {
                // closed at once: the fuzz corrupts the condition's file only
            }
        }, n -> {
            try (SharedCondition condition = SharedCondition.open(n)) {
                if (condition.lock().tryLock(1, TimeUnit.MILLISECONDS)) {
                    try {
                        condition.signalAll();
                        condition.await(1, TimeUnit.MILLISECONDS);
                    } finally {
                        condition.lock().unlock();
                    }
                }
            }
        }));
        types.add(new Type("barrier", n -> SharedBarrier.create(n, 2).close(), n -> {
            try (SharedBarrier barrier = SharedBarrier.open(n)) {
                barrier.parties();
                barrier.numberWaiting();
                barrier.isBroken();
                try {
                    barrier.await(1, TimeUnit.MILLISECONDS);
                } catch (TimeoutException | BrokenBarrierException expected) {
                    // a typed outcome
                }
                barrier.reset();
            }
        }));
        types.add(new Type("int", n -> SharedInt.create(n, 5).close(), n -> {
            try (SharedInt value = SharedInt.open(n)) {
                value.compareAndSet(value.get(), 6);
            }
        }));
        types.add(new Type("long", n -> SharedLong.create(n, 5).close(), n -> {
            try (SharedLong value = SharedLong.open(n)) {
                value.getAndAdd(3);
            }
        }));
        types.add(new Type("double", n -> SharedDouble.create(n, 1.5).close(), n -> {
            try (SharedDouble value = SharedDouble.open(n)) {
                value.set(value.get() + 1);
            }
        }));
        types.add(new Type("boolean", n -> SharedBoolean.create(n, true).close(), n -> {
            try (SharedBoolean value = SharedBoolean.open(n)) {
                value.set(!value.get());
            }
        }));
        types.add(new Type("int-array", n -> SharedIntArray.create(n, 40).close(), n -> {
            try (SharedIntArray array = SharedIntArray.open(n)) {
                int length = array.length();
                if (length > 0) {
                    array.set(length - 1, array.get(0) + 1);
                }
                array.toArray();
            }
        }));
        types.add(new Type("long-array", n -> SharedLongArray.create(n, 40).close(), n -> {
            try (SharedLongArray array = SharedLongArray.open(n)) {
                int length = array.length();
                if (length > 0) {
                    array.set(length - 1, array.get(0) + 1);
                }
            }
        }));
        types.add(new Type("double-array", n -> SharedDoubleArray.create(n, 40).close(), n -> {
            try (SharedDoubleArray array = SharedDoubleArray.open(n)) {
                int length = array.length();
                if (length > 0) {
                    array.set(length - 1, array.get(0) + 1);
                }
            }
        }));
        types.add(new Type("byte-array", n -> SharedByteArray.create(n, 300).close(), n -> {
            try (SharedByteArray array = SharedByteArray.open(n)) {
                int length = array.length();
                if (length > 0) {
                    array.set(length - 1, (byte) (array.get(0) + 1));
                }
                array.toArray();
            }
        }));
        types.add(new Type("memory", n -> SharedMemory.create(n, 256).close(), n -> {
            try (SharedMemory memory = SharedMemory.open(n)) {
                ByteBuffer buffer = memory.buffer();
                if (memory.size() > 0) {
                    buffer.put(0, (byte) 1);
                }
            }
        }));
        types.add(new Type("queue", n -> {
            try (SharedQueue<byte[]> queue = SharedQueue.create(n, 4096, Codecs.bytes())) {
                queue.offer(new byte[100]);
                queue.offer(new byte[3000]);
            }
        }, n -> {
            try (SharedQueue<byte[]> queue = SharedQueue.open(n, Codecs.bytes())) {
                queue.size();
                queue.peek();
                queue.poll();
                queue.offer(new byte[50]);
                queue.poll(1, TimeUnit.MILLISECONDS);
                queue.poll(1, TimeUnit.MILLISECONDS);
            }
        }));
        types.add(new Type("pipe", n -> {
            // the second end stays open (until the fuzz JVM exits): a pipe whose ends are both closed is removed
            Pipe pipe = Pipe.create(n, true);
            pipe.second().send("hello");
            pipe.first().close();
        }, n -> {
            try (Connection end = Pipe.openEnd(n, 0)) {
                end.poll();
                try {
                    end.recvBytes(1, TimeUnit.MILLISECONDS);
                } catch (TimeoutException | EOFException expected) {
                    // a typed outcome
                }
                end.sendBytes(new byte[20]);
            }
        }));
        types.add(new Type("map", n -> {
            try (SharedMap<String, Long> map = SharedMap.create(n, Codecs.strings(), Codecs.longs(), 64, 16, 8)) {
                for (int i = 0; i < 20; i++) {
                    map.put("k" + i, (long) i);
                }
            }
        }, n -> {
            try (SharedMap<String, Long> map = SharedMap.open(n, Codecs.strings(), Codecs.longs())) {
                map.size();
                map.get("k3");
                map.put("k3", 4L);
                map.remove("k5");
                map.compute("k7", (k, v) -> v == null ? 1L : v + 1);
                map.forEach((k, v) -> { });
            }
        }));
        types.add(new Type("ring", n -> {
            try (SharedRing ring = SharedRing.create(n, SharedRing.Kind.MPMC, 4096)) {
                ring.offer(new byte[40], 0, 40);
            }
        }, n -> {
            try (SharedRing ring = SharedRing.open(n)) {
                ring.read((buffer, offset, length) -> { }, 10);
                int claim = ring.tryClaim(16);
                if (claim >= 0) {
                    ring.commit(claim);
                }
                ring.read((buffer, offset, length) -> { }, 10, 1, TimeUnit.MILLISECONDS);
            }
        }));
        return types;
    }

    /** Child: args seed, cases per type. Prints "UNTYPED ..." per untyped failure and "cases N typed T". */
    public static final class Fuzz {
        private static volatile long operationStarted;
        private static volatile String operation = "";

        public static void main(String[] args) throws Exception {
            Random random = new Random(Long.parseLong(args[0]));
            int casesPerType = Integer.parseInt(args[1]);
            Path dir = Path.of(System.getProperty("ipc4j.dir"));
            startWatchdog();
            int cases = 0;
            int typed = 0;
            for (Type type : types()) {
                String healthy = "healthy-" + type.label();
                type.create().run(healthy);
                byte[] original = Files.readAllBytes(dir.resolve(healthy));
                for (int i = 0; i < casesPerType; i++) {
                    String name = "corrupt-" + type.label() + "-" + i;
                    String variant = corrupt(original, random, dir.resolve(name));
                    operation = type.label() + " " + variant;
                    operationStarted = System.nanoTime();
                    try {
                        type.use().run(name);
                    } catch (Ipc4jException | TimeoutException | EOFException | BrokenBarrierException typedFailure) {
                        typed++;
                    } catch (Throwable untyped) {
                        StringBuilder at = new StringBuilder();
                        for (StackTraceElement frame : untyped.getStackTrace()) {
                            if (frame.getClassName().startsWith("org.ipc4j") && at.length() < 600) {
                                at.append(" < ").append(frame);
                            }
                        }
                        System.out.println("UNTYPED " + type.label() + " [" + variant + "]: " + untyped + at);
                    }
                    operationStarted = 0;
                    cases++;
                    deleteAll(dir, name);
                }
                deleteAll(dir, healthy);
            }
            System.out.println("cases " + cases + " typed " + typed);
            System.exit(0);
        }

        /** Writes a corrupted copy of {@code original} to {@code target}; returns what was done. */
        static String corrupt(byte[] original, Random random, Path target) throws Exception {
            int header = RegionHeaderDescriptor.HEADER_LENGTH;
            int body = original.length - header;
            byte[] bytes;
            String variant;
            switch (random.nextInt(6)) {
                case 0 -> {
                    int length = random.nextBoolean() ? random.nextInt(body) : random.nextInt(body) & ~7;
                    bytes = java.util.Arrays.copyOf(original, header + length);
                    variant = "body truncated to " + length + " of " + body;
                }
                case 1 -> {
                    int extra = 8 + random.nextInt(4096);
                    bytes = java.util.Arrays.copyOf(original, original.length + extra);
                    if (random.nextBoolean()) {
                        for (int i = original.length; i < bytes.length; i++) {
                            bytes[i] = (byte) random.nextInt();
                        }
                    }
                    variant = "body grown by " + extra;
                }
                case 2 -> {
                    bytes = original.clone();
                    int at = header + (random.nextInt(Math.max(1, descriptorArea(body, random) / 8)) * 8);
                    long value = nasty(random);
                    put(bytes, at, value, 8);
                    variant = "long at body+" + (at - header) + " = " + value;
                }
                case 3 -> {
                    bytes = original.clone();
                    int at = header + (random.nextInt(Math.max(1, descriptorArea(body, random) / 4)) * 4);
                    long value = (int) nasty(random);
                    put(bytes, at, value, 4);
                    variant = "int at body+" + (at - header) + " = " + value;
                }
                case 4 -> {
                    bytes = original.clone();
                    int flips = 1 + random.nextInt(8);
                    for (int i = 0; i < flips && body > 0; i++) {
                        bytes[header + random.nextInt(body)] = (byte) random.nextInt();
                    }
                    variant = flips + " random bytes";
                }
                default -> {
                    int length = random.nextInt(body) & ~7;
                    bytes = java.util.Arrays.copyOf(original, header + length);
                    if (length >= 8) {
                        put(bytes, header + random.nextInt(length / 8) * 8, nasty(random), 8);
                    }
                    variant = "body truncated to " + length + " and a long overwritten";
                }
            }
            if (bytes.length >= header) {
                ByteBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
                view.putLong(RegionHeaderDescriptor.TOTAL_LENGTH_OFFSET, bytes.length);
                view.putInt(RegionHeaderDescriptor.BODY_LENGTH_OFFSET, bytes.length - header);
            }
            Files.write(target, bytes);
            return variant;
        }

        /** Half the time the first 768 bytes of the body, where the layouts keep their counters and positions. */
        private static int descriptorArea(int body, Random random) {
            return random.nextBoolean() ? Math.min(body, 768) : body;
        }

        private static long nasty(Random random) {
            long[] values = {0, -1, 1, 3, 7, 13, 4095, 4096, 4097, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x8000_0000L,
                    Long.MAX_VALUE, Long.MIN_VALUE, 1L << 62, (1L << 62) | 12};
            return random.nextInt(4) == 0 ? random.nextLong() : values[random.nextInt(values.length)];
        }

        private static void put(byte[] bytes, int at, long value, int width) {
            for (int i = 0; i < width && at + i < bytes.length; i++) {
                bytes[at + i] = (byte) (value >>> (8 * i));
            }
        }

        private static void deleteAll(Path dir, String name) throws Exception {
            try (var files = Files.list(dir)) {
                for (Path file : files.collect(Collectors.toList())) {
                    if (file.getFileName().toString().startsWith(name)) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }

        private static void startWatchdog() {
            Thread main = Thread.currentThread();
            Thread watchdog = new Thread(() -> {
                while (true) {
                    long started = operationStarted;
                    if (started != 0 && System.nanoTime() - started > TimeUnit.SECONDS.toNanos(10)) {
                        StringBuilder stack = new StringBuilder();
                        for (StackTraceElement frame : main.getStackTrace()) {
                            stack.append("\n    at ").append(frame);
                        }
                        System.out.println("HANG " + operation + stack);
                        System.out.flush();
                        Runtime.getRuntime().halt(3);
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "fuzz-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }
    }

    @Test
    void corruptedFilesOfEveryTypeGiveTypedExceptionsNeverUntypedOnesHangsOrCrashes() {
        long seed = Long.getLong("ipc4j.test.corruptSeed", System.nanoTime());
        try (ChildJvm fuzz = ChildJvm.start(Fuzz.class, String.valueOf(seed), String.valueOf(CASES_PER_TYPE))) {
            int exit = fuzz.waitFor(Duration.ofMinutes(5));
            List<String> untyped = fuzz.lines().stream().filter(l -> l.startsWith("UNTYPED") || l.startsWith("HANG"))
                    .collect(Collectors.toList());
            assertTrue(untyped.isEmpty(), untyped.size() + " untyped failures or hangs (seed " + seed
                    + ", -Dipc4j.test.corruptSeed to repeat):\n" + String.join("\n", untyped));
            assertEquals(0, exit, "the fuzz JVM (seed " + seed + ") ended with " + exit + ":\n" + fuzz.output());
            String summary = fuzz.lines().stream().filter(l -> l.startsWith("cases ")).findFirst().orElse("no summary");
            System.out.println("corrupt files (seed " + seed + "): " + summary);
        }
    }
}
