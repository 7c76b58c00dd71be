package org.ipc4j.state;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.Ipc4jException;
import org.ipc4j.errors.TypeMismatchException;
import org.ipc4j.region.RegionHeaderDescriptor;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Whatever the map file holds, the map answers or throws a typed error: never another exception, a crash or a hang. */
@ExtendWith(SharedDirExtension.class)
class SharedMapCorruptionTest {
    private static final int CASES = Integer.getInteger("ipc4j.test.mapFuzzCases", 2_000);
    private static final int KEYS = 600;

    @Test
    void aLongArrayIsNotAMap() {
        try (SharedLongArray array = SharedLongArray.create("an-array", 10)) {
            TypeMismatchException e = assertThrows(TypeMismatchException.class, () -> SharedMap.open("an-array"));
            assertTrue(e.getMessage().contains("'an-array'") && e.getMessage().contains("ARRAY_LONG")
                    && e.getMessage().contains("MAP"), e.getMessage());
            assertThrows(TypeMismatchException.class, () -> SharedMap.open("an-array", Codecs.strings(), Codecs.longs()));
            array.unlink();
        }
    }

    @Test
    void fuzzedMapFilesGiveTypedErrorsOnly() throws IOException {
        Path file = SharedDirExtension.dir().resolve("fuzzed");
        try (SharedMap<String, String> map = SharedMap.create("fuzzed", Codecs.strings(), Codecs.strings(), 1_100, 12, 24)) {
            for (int k = 0; k < KEYS; k++) {
                map.put("key-" + k, "value-" + k);
            }
            for (int k = 0; k < KEYS; k += 3) {
                map.remove("key-" + k);
            }
        }
        byte[] pristine = Files.readAllBytes(file);
        Map<String, Integer> outcomes = new TreeMap<>();
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
                for (int c = 0; c < CASES; c++) {
                    restore(file, pristine);
                    SplittableRandom random = new SplittableRandom(c);
                    corrupt(file, pristine.length, random);
                    exercise(random, c, outcomes);
                }
            });
        } finally {
            Files.deleteIfExists(file);
        }
        System.out.println(CASES + " fuzzed map files: " + outcomes);
        assertTrue(outcomes.containsKey("open: CorruptedException") && outcomes.containsKey("calls: CorruptedException")
                && outcomes.getOrDefault("calls: ok", 0) > CASES, "the fuzz reaches both open and the calls: " + outcomes);
    }

    /**
     * Opens the fuzzed map and uses it every way, each call on its own so that one corrupted entry does not hide
     * the rest; adds "open: ok" or the open's typed exception, and each call's "ok" or typed exception, to
     * {@code outcomes}.
     */
    private static void exercise(SplittableRandom random, int c, Map<String, Integer> outcomes) {
        SharedMap<String, String> opened;
        try {
            opened = SharedMap.open("fuzzed");
        } catch (Ipc4jException typed) {
            outcomes.merge("open: " + typed.getClass().getSimpleName(), 1, Integer::sum);
            return;
        } catch (RuntimeException | Error untyped) {
            throw new AssertionError("fuzz case " + c + ": open threw an untyped " + untyped, untyped);
        }
        outcomes.merge("open: ok", 1, Integer::sum);
        try (SharedMap<String, String> map = opened) {
            for (int k = 0; k < KEYS; k += 7) {
                String key = "key-" + k;
                call(c, outcomes, "get", () -> map.get(key));
            }
            call(c, outcomes, "size", map::size);
            call(c, outcomes, "snapshot", map::snapshot);
            for (int i = 0; i < 30; i++) {
                String key = "key-" + random.nextInt(KEYS + 50);
                String value = "new-" + i;
                switch (random.nextInt(7)) {
                    case 0 -> call(c, outcomes, "put", () -> map.put(key, value));
                    case 1 -> call(c, outcomes, "remove", () -> map.remove(key));
                    case 2 -> call(c, outcomes, "compute", () -> map.compute(key, (k, v) -> v == null ? "computed" : v.length() > 20 ? null : v + "+"));
                    case 3 -> call(c, outcomes, "merge", () -> map.merge(key, "m", (a, b) -> a.length() > 20 ? null : a + b));
                    case 4 -> call(c, outcomes, "replace", () -> map.replace(key, "value-1", "other"));
                    case 5 -> call(c, outcomes, "putIfAbsent", () -> map.putIfAbsent(key, "maybe"));
                    default -> call(c, outcomes, "containsKey", () -> map.containsKey(key));
                }
            }
            if (random.nextInt(10) == 0) {
                call(c, outcomes, "clear", () -> {
                    map.clear();
                    return null;
                });
            }
        }
    }

    private static void call(int c, Map<String, Integer> outcomes, String what, Supplier<?> call) {
        try {
            call.get();
            outcomes.merge("calls: ok", 1, Integer::sum);
        } catch (Ipc4jException typed) {
            outcomes.merge("calls: " + typed.getClass().getSimpleName(), 1, Integer::sum);
        } catch (RuntimeException | Error untyped) {
            throw new AssertionError("fuzz case " + c + ": " + what + " threw an untyped " + untyped, untyped);
        }
    }

    private static void restore(Path file, byte[] pristine) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(pristine), 0);
        }
    }

    /** One mutation (sometimes up to eight): byte flips, random or extreme words at aligned offsets, or a range of junk. */
    private static void corrupt(Path file, int length, SplittableRandom random) throws IOException {
        int body = RegionHeaderDescriptor.HEADER_LENGTH;
        // most mutations land in the map header, segment headers and slot tables, where the structure lives
        int structureEnd = Math.min(length, body + 40_000);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            int mutations = random.nextInt(4) == 0 ? 1 + random.nextInt(8) : 1;
            for (int m = 0; m < mutations; m++) {
                int kind = random.nextInt(10);
                int limit = random.nextInt(4) == 0 ? length : structureEnd;
                int from = random.nextInt(50) == 0 ? 0 : body;
                int offset = from + random.nextInt(limit - from - 8);
                ByteBuffer junk;
                if (kind < 3) {
                    junk = ByteBuffer.wrap(new byte[] {(byte) random.nextInt()});
                } else if (kind < 8) {
                    offset &= -4;
                    long[] extremes = {0, -1, 1, 2, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, 0xFFFF_FFFFL,
                        random.nextLong(), random.nextInt(64), random.nextInt(4096)};
                    long word = extremes[random.nextInt(extremes.length)];
                    junk = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
                    junk.putLong(0, word);
                    junk.limit(random.nextBoolean() ? 4 : 8);
                } else {
                    byte[] range = new byte[1 + random.nextInt(Math.min(512, length - offset))];
                    random.nextBytes(range);
                    junk = ByteBuffer.wrap(range);
                }
                channel.write(junk, offset);
            }
        }
    }
}
