package org.ipc4j.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.ipc4j.codec.Codecs;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedDirExtension.class)
class SharedMapCrossProcessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int WRITERS = 4;

    static String key(int writer, int i) {
        return "w" + writer + "-" + i;
    }

    static long value(int writer, int i) {
        return writer * 1_000_000_000L + i * 7L;
    }

    static void awaitAtLeast(SharedLong counter, long target) {
        while (counter.get() < target) {
            LockSupport.parkNanos(100_000);
        }
    }

    /** Child: args = map handle, writer id, keys per writer, "started" counter, "finished" counter. */
    public static final class DistinctKeyWriter {
        public static void main(String[] args) {
            try (SharedMap<String, Long> map = Handles.decode(args[0]); SharedLong started = Handles.decode(args[3]);
                 SharedLong finished = Handles.decode(args[4])) {
                int me = Integer.parseInt(args[1]);
                int keys = Integer.parseInt(args[2]);
                started.incrementAndGet();
                awaitAtLeast(started, WRITERS);
                long begin = System.nanoTime();
                for (int i = 0; i < keys; i++) {
                    if (map.put(key(me, i), value(me, i)) != null) {
                        throw new AssertionError("key " + key(me, i) + " was already there");
                    }
                }
                long putNanos = System.nanoTime() - begin;
                finished.incrementAndGet();
                awaitAtLeast(finished, WRITERS);
                for (int w = 0; w < WRITERS; w++) {
                    for (int i = 0; i < keys; i++) {
                        Long found = map.get(key(w, i));
                        if (found == null || found != value(w, i)) {
                            throw new AssertionError("writer " + me + " read " + key(w, i) + " = " + found);
                        }
                    }
                }
                System.out.println("verified " + WRITERS * keys + " keys; " + keys + " puts took " + putNanos / 1_000_000 + " ms");
            }
        }
    }

    /** Child: args = map handle, increments, "started" counter; compute(+1) on one key. */
    public static final class ComputeIncrementer {
        public static void main(String[] args) {
            try (SharedMap<String, Long> map = Handles.decode(args[0]); SharedLong started = Handles.decode(args[2])) {
                int increments = Integer.parseInt(args[1]);
                started.incrementAndGet();
                awaitAtLeast(started, WRITERS);
                for (int i = 0; i < increments; i++) {
                    map.compute("counter", (k, v) -> v == null ? 1L : v + 1);
                    map.merge("merged", 2L, Long::sum);
                }
                System.out.println("done");
            }
        }
    }

    private static void runAll(List<ChildJvm> children) {
        try {
            for (ChildJvm child : children) {
                child.assertSuccess(TIMEOUT);
            }
        } finally {
            children.forEach(ChildJvm::close);
        }
    }

    @Test
    void fourJvmsPutDistinctKeysAndEachReadsEveryKey() {
        int keys = 50_000;
        try (SharedMap<String, Long> map = SharedMap.create(Codecs.strings(), Codecs.longs(), WRITERS * keys, 16, 8);
             SharedLong started = SharedLong.create(0); SharedLong finished = SharedLong.create(0)) {
            List<ChildJvm> children = new ArrayList<>();
            try {
                for (int w = 0; w < WRITERS; w++) {
                    children.add(ChildJvm.start(DistinctKeyWriter.class, Handles.encode(map), Integer.toString(w),
                            Integer.toString(keys), Handles.encode(started), Handles.encode(finished)));
                }
                runAll(children);
                for (ChildJvm child : children) {
                    assertTrue(child.lines().stream().anyMatch(l -> l.startsWith("verified " + WRITERS * keys + " keys")), child.output());
                    System.out.println("distinct keys: " + child.output());
                }
                assertEquals(WRITERS * keys, map.size());
                assertEquals(WRITERS * keys, map.snapshot().size());
                assertEquals(value(3, keys - 1), map.get(key(3, keys - 1)));
            } finally {
                map.unlink();
                started.unlink();
                finished.unlink();
            }
        }
    }

    @Test
    void concurrentComputeIncrementsFromFourJvmsAreExact() {
        int increments = 25_000;
        try (SharedMap<String, Long> map = SharedMap.create(Codecs.strings(), Codecs.longs(), 16, 16, 8);
             SharedLong started = SharedLong.create(0)) {
            List<ChildJvm> children = new ArrayList<>();
            try {
                for (int w = 0; w < WRITERS; w++) {
                    children.add(ChildJvm.start(ComputeIncrementer.class, Handles.encode(map), Integer.toString(increments),
                            Handles.encode(started)));
                }
                runAll(children);
                assertEquals((long) WRITERS * increments, map.get("counter"));
                assertEquals(2L * WRITERS * increments, map.get("merged"));
                assertEquals(2, map.size());
            } finally {
                map.unlink();
                started.unlink();
            }
        }
    }
}
