package org.ipc4j.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.CapacityExceededException;
import org.ipc4j.errors.CodecMismatchException;
import org.ipc4j.errors.ObjectClosedException;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The map's contract within one JVM; cross-process behaviour is in the other SharedMap*Test classes. */
@ExtendWith(SharedDirExtension.class)
class SharedMapTest {

    private static SharedMap<String, Long> newMap(String name, int capacity) {
        return SharedMap.create(name, Codecs.strings(), Codecs.longs(), capacity, 32, 8);
    }

    @Test
    void basicOperationsFollowTheMapContract() {
        try (SharedMap<String, Long> map = newMap("basic", 100)) {
            assertTrue(map.isEmpty());
            assertNull(map.put("a", 1L));
            assertEquals(1L, map.put("a", 2L));
            assertEquals(2L, map.get("a"));
            assertNull(map.get("b"));
            assertTrue(map.containsKey("a"));
            assertFalse(map.containsKey("b"));
            assertEquals(2L, map.putIfAbsent("a", 3L));
            assertNull(map.putIfAbsent("b", 3L));
            assertEquals(2, map.size());
            assertNull(map.replace("c", 9L));
            assertFalse(map.containsKey("c"), "replace does not insert");
            assertEquals(3L, map.replace("b", 4L));
            assertFalse(map.replace("b", 3L, 5L));
            assertTrue(map.replace("b", 4L, 5L));
            assertFalse(map.remove("b", 4L));
            assertTrue(map.remove("b", 5L));
            assertNull(map.remove("b"));
            assertEquals(2L, map.remove("a"));
            assertEquals(0, map.size());
            map.unlink();
        }
    }

    @Test
    void computeFamily() {
        try (SharedMap<String, Long> map = newMap("compute", 100)) {
            assertEquals(1L, map.compute("n", (k, v) -> v == null ? 1L : v + 1));
            assertEquals(2L, map.compute("n", (k, v) -> v == null ? 1L : v + 1));
            assertNull(map.compute("n", (k, v) -> null));
            assertFalse(map.containsKey("n"));
            assertNull(map.compute("absent", (k, v) -> null));
            assertEquals(5L, map.merge("m", 5L, Long::sum));
            assertEquals(12L, map.merge("m", 7L, Long::sum));
            assertNull(map.merge("m", 1L, (a, b) -> null));
            assertEquals(3L, map.computeIfAbsent("abc", k -> (long) k.length()));
            assertEquals(3L, map.computeIfAbsent("abc", k -> 99L));
            assertNull(map.computeIfPresent("zzz", (k, v) -> 1L));
            assertEquals(30L, map.computeIfPresent("abc", (k, v) -> v * 10));
            IllegalStateException reentrant = assertThrows(IllegalStateException.class,
                    () -> map.compute("abc", (k, v) -> map.get("other")));
            assertTrue(reentrant.getMessage().contains("'compute'"), reentrant.getMessage());
            assertEquals(30L, map.get("abc"), "a failed compute changes nothing");
            assertThrows(ArithmeticException.class, () -> map.compute("abc", (k, v) -> v / 0));
            assertEquals(30L, map.get("abc"));
            map.unlink();
        }
    }

    /**
     * Issue #16 item 9: a compute function that writes the same map through a second handle opened in the same
     * thread. Each write makes the optimistic attempt fail, and after 16 the function ran under the segment
     * lock, where the second handle's write waited for that lock (owned by this very process): a deadlock.
     */
    @Test
    void aComputeFunctionThatUsesASecondHandleOfTheSameMapThrowsInsteadOfDeadlocking() {
        try (SharedMap<String, Long> map = newMap("compute-second-handle", 100);
             SharedMap<String, Long> second = SharedMap.open("compute-second-handle")) {
            IllegalStateException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(IllegalStateException.class,
                    () -> map.compute("k", (k, v) -> {
                        second.put(k, v == null ? 1L : v + 1);
                        return -1L;
                    })));
            assertTrue(e.getMessage().contains("'compute-second-handle'"), e.getMessage());
            assertNull(map.get("k"), "the failed compute changed nothing");
            assertEquals(3L, second.compute("k", (k, v) -> 3L));
            map.unlink();
        }
    }

    @Test
    void agreesWithHashMapUnderRandomOperationsAcrossSegments() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Map<String, Long> model = new HashMap<>();
        try (SharedMap<String, Long> map = newMap("model", 3_000)) {
            for (int i = 0; i < 200_000; i++) {
                String key = "k" + random.nextInt(4_000);
                long value = random.nextLong();
                switch (random.nextInt(6)) {
                    case 0, 1 -> {
                        if (model.size() < 2_900 || model.containsKey(key)) {
                            assertEquals(model.put(key, value), map.put(key, value));
                        }
                    }
                    case 2 -> assertEquals(model.remove(key), map.remove(key));
                    case 3 -> assertEquals(model.get(key), map.get(key));
                    case 4 -> {
                        if (model.size() < 2_900 || model.containsKey(key)) {
                            assertEquals(model.merge(key, value, Long::sum), map.merge(key, value, Long::sum));
                        }
                    }
                    default -> assertEquals(model.replace(key, value), map.replace(key, value));
                }
            }
            assertEquals(model.size(), map.size());
            assertEquals(model, map.snapshot());
            map.clear();
            assertTrue(map.isEmpty());
            assertEquals(Map.of(), map.snapshot());
            map.unlink();
        }
    }

    @Test
    void capacityIsExactForSmallMapsAndTheErrorNamesIt() {
        try (SharedMap<String, Long> map = newMap("small", 10)) {
            for (int i = 0; i < 10; i++) {
                map.put("k" + i, (long) i);
            }
            CapacityExceededException full = assertThrows(CapacityExceededException.class, () -> map.put("one-more", 1L));
            assertTrue(full.getMessage().contains("'small'") && full.getMessage().contains("capacity of 10"), full.getMessage());
            assertEquals(9L, map.put("k9", 90L), "a full map still replaces");
            assertEquals(90L, map.get("k9"));
            map.remove("k0");
            assertNull(map.put("now-fits", 1L));
            for (int round = 0; round < 1_000; round++) {
                map.remove("k1");
                map.put("k1", (long) round);
            }
            assertEquals(10, map.size(), "deleting and inserting leaks no cell");
            map.unlink();
        }
    }

    @Test
    void largeMapsHoldAtLeastTheirCapacity() {
        int capacity = 50_000;
        try (SharedMap<Integer, Integer> map = SharedMap.create("large", Codecs.ints(), Codecs.ints(), capacity, 4, 4)) {
            for (int i = 0; i < capacity; i++) {
                map.put(i, -i);
            }
            assertEquals(capacity, map.size());
            for (int i = 0; i < capacity; i += 7) {
                assertEquals(-i, map.get(i));
            }
            int extra = 0;
            try {
                while (extra < capacity) {
                    map.put(capacity + extra, 0);
                    extra++;
                }
            } catch (CapacityExceededException e) {
                assertTrue(e.getMessage().contains("created for " + capacity + " entries"), e.getMessage());
            }
            assertTrue(extra < capacity / 2, "over-provisioning stays modest: " + extra + " extra entries fitted");
            map.unlink();
        }
    }

    @Test
    void oversizeKeysAndValuesAndBadSizesAreTyped() {
        try (SharedMap<String, String> map = SharedMap.create("limits", Codecs.strings(), Codecs.strings(), 4, 8, 16)) {
            CapacityExceededException key = assertThrows(CapacityExceededException.class, () -> map.put("123456789", "v"));
            assertTrue(key.getMessage().contains("'limits'") && key.getMessage().contains("9 bytes")
                    && key.getMessage().contains("maxKeyBytes of 8"), key.getMessage());
            CapacityExceededException value = assertThrows(CapacityExceededException.class, () -> map.put("k", "x".repeat(17)));
            assertTrue(value.getMessage().contains("maxValueBytes of 16"), value.getMessage());
            assertThrows(CapacityExceededException.class, () -> map.get("123456789"));
            assertEquals(0, map.size());
            map.put("12345678", "x".repeat(16));
            assertEquals("x".repeat(16), map.get("12345678"));
            assertThrows(NullPointerException.class, () -> map.put(null, "v"));
            assertThrows(NullPointerException.class, () -> map.put("k", null));
            map.unlink();
        }
        for (int[] bad : new int[][] {{-1, 8, 8}, {0, 8, 8}, {10, -8, 8}, {10, 8, 0}, {Integer.MAX_VALUE, 1024, 1024}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SharedMap.create("bad", Codecs.strings(), Codecs.strings(), bad[0], bad[1], bad[2]));
            assertTrue(e.getMessage().contains("'bad'"), e.getMessage());
        }
    }

    @Test
    void codecsAreRecordedAndChecked() {
        try (SharedMap<String, Long> map = newMap("codecs", 10)) {
            map.put("x", 1L);
            try (SharedMap<String, Long> byId = SharedMap.open("codecs")) {
                assertEquals(1L, byId.get("x"));
                assertEquals("long", byId.valueCodec().id());
            }
            CodecMismatchException e = assertThrows(CodecMismatchException.class,
                    () -> SharedMap.open("codecs", Codecs.strings(), Codecs.strings()));
            assertTrue(e.getMessage().contains("'codecs'") && e.getMessage().contains("'long'"), e.getMessage());
            SharedMap<String, Long> copy = Handles.decode(Handles.encode(map));
            assertEquals(1L, copy.get("x"));
            copy.close();
            map.close();
            assertThrows(ObjectClosedException.class, () -> map.get("x"));
            map.unlink();
        }
    }
}
