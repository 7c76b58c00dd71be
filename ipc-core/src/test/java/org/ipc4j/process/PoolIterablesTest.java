package org.ipc4j.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool's inputs beyond lists (iterables, streams, endless iterators with a bounded buffer), the typed
 * starMap, progress listeners, and per-worker state with its init and exit hooks, with real worker JVMs.
 */
@ExtendWith(SharedDirExtension.class)
@Timeout(120) // an imap that read its endless input eagerly would never return
class PoolIterablesTest {
    @TempDir
    Path tmp;

    /** Counts how many elements the pool has read from it; endless when {@code size} is negative. */
    private static final class Counting implements Iterable<Integer> {
        final AtomicInteger pulled = new AtomicInteger();
        private final int size;

        Counting(int size) {
            this.size = size;
        }

        @Override
        public Iterator<Integer> iterator() {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return size < 0 || pulled.get() < size;
                }

                @Override
                public Integer next() {
                    return pulled.getAndIncrement();
                }
            };
        }
    }

    @Test
    void mapTakesAnyIterableOrStream() throws Exception {
        try (ProcessPool pool = new ProcessPool(2)) {
            Set<Integer> set = new LinkedHashSet<>(List.of(3, 1, 2));
            assertEquals(List.of(9, 1, 4), pool.map(x -> x * x, set));
            assertEquals(List.of(0, 2, 4, 6), pool.map(x -> x * 2, IntStream.range(0, 4).boxed()));
            assertEquals(List.of("A", "B"), pool.map(String::toUpperCase, Stream.of("a", "b")));
        }
    }

    @Test
    void aBoundedImapReadsItsArgumentsAsResultsAreTakenAndWorksOnAnEndlessIterator() throws Exception {
        try (ProcessPool pool = new ProcessPool(2)) {
            Counting endless = new Counting(-1);
            Iterator<Integer> results = pool.imap(x -> x * 10, endless, 2, 3);
            for (int taken = 0; taken < 40; taken++) {
                assertTrue(results.hasNext());
                assertEquals(taken * 10, results.next());
                // the chunk being read is the caller's; at most 3 more chunks of 2 are out
                int pulled = endless.pulled.get();
                assertTrue(pulled <= (taken / 2 + 1 + 3) * 2, "read " + pulled + " arguments after taking " + (taken + 1));
            }
            Counting finite = new Counting(25);
            List<Integer> unordered = new ArrayList<>();
            pool.imapUnordered(x -> x + 1, finite, 4, 2).forEachRemaining(unordered::add);
            assertEquals(25, unordered.size());
            assertEquals(new HashSet<>(IntStream.rangeClosed(1, 25).boxed().toList()), new HashSet<>(unordered));
            assertThrows(IllegalArgumentException.class, () -> pool.imap(x -> x, finite, 1, 0));
        }
    }

    @Test
    void aFailedChunkOfABoundedImapThrowsItsCauseWhenReached() throws Exception {
        try (ProcessPool pool = new ProcessPool(1)) {
            Iterator<Integer> results = pool.imap(x -> {
                if (x == 3) {
                    throw new IllegalStateException("three");
                }
                return x;
            }, new Counting(6), 1, 2);
            assertEquals(0, results.next());
            assertEquals(1, results.next());
            assertEquals(2, results.next());
            CompletionException e = assertThrows(CompletionException.class, results::next);
            assertTrue(e.getCause().getMessage().contains("three"), String.valueOf(e.getCause()));
        }
    }

    @Test
    void timedNextsOfAnImapGiveUpWithoutLosingTheResult() throws Exception {
        try (ProcessPool pool = new ProcessPool(1)) {
            PoolIterator<Integer> results = pool.imap(PoolIterablesTest::sleepFor, List.of(600, 0), 1);
            TimeoutException early = assertThrows(TimeoutException.class, () -> results.next(Duration.ofMillis(50)));
            assertTrue(early.getMessage().contains("50 ms"), early.getMessage());
            assertEquals(600, results.next(Duration.ofSeconds(30)), "the slow result is there for the next call");
            assertEquals(0, results.next());
            assertFalse(results.hasNext());
            assertThrows(NoSuchElementException.class, () -> results.next(Duration.ofSeconds(1)));

            PoolIterator<Integer> unordered = pool.imapUnordered(PoolIterablesTest::sleepFor, List.of(600), 1);
            assertThrows(TimeoutException.class, () -> unordered.next(Duration.ofMillis(50)));
            assertEquals(600, unordered.next(Duration.ofSeconds(30)));
            assertFalse(unordered.hasNext());
        }
    }

    private static Integer sleepFor(Integer millis) throws InterruptedException {
        Thread.sleep(millis);
        return millis;
    }

    @Test
    void aTypedStarMapNeedsNoCasts() throws Exception {
        try (ProcessPool pool = new ProcessPool(2)) {
            List<Map.Entry<String, Integer>> pairs = List.of(Map.entry("a", 3), Map.entry("b", 1), Map.entry("c", 2));
            assertEquals(List.of("aaa", "b", "cc"), pool.starMap((String s, Integer n) -> s.repeat(n), pairs));
            assertEquals(List.of("aaa", "b", "cc"),
                    pool.starMapAsync((String s, Integer n) -> s.repeat(n), pairs).get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void aProgressListenerHearsEveryChunkAndTheTotalBeforeTheResult() throws Exception {
        try (ProcessPool pool = new ProcessPool(2)) {
            List<long[]> updates = new ArrayList<>();
            List<Integer> arguments = IntStream.range(0, 100).boxed().toList();
            List<Integer> results = pool.mapAsync(x -> {
                Thread.sleep(1);
                return -x;
            }, new ArrayList<>(arguments), 10, (done, total, perSecond) -> {
                synchronized (updates) {
                    updates.add(new long[] {done, total, (long) perSecond});
                }
            }).get(60, TimeUnit.SECONDS);
            assertEquals(IntStream.range(0, 100).map(x -> -x).boxed().toList(), results);
            synchronized (updates) {
                assertEquals(11, updates.size(), "one update before the first result and one per chunk");
                assertEquals(0, updates.get(0)[0]);
                for (int i = 1; i < updates.size(); i++) {
                    assertEquals(10L * i, updates.get(i)[0], "done counts up chunk by chunk");
                    assertEquals(100, updates.get(i)[1]);
                    assertTrue(updates.get(i)[2] > 0, "a rate");
                }
            }
        }
    }

    @Test
    void workersKeepStateFromTheirInitializerAndRunTheirExitHookWhenTheyLeave() throws Exception {
        String markers = tmp.toString();
        List<Long> pids;
        ProcessPool pool = ProcessPool.builder().processes(2)
                .initializer(() -> ProcessPool.workerState().put("pid", ProcessHandle.current().pid()))
                .workerExit(() -> {
                    try {
                        Files.writeString(Path.of(markers, "exit-" + ProcessPool.workerState().get("pid")), "bye");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .build();
        try {
            pids = pool.workerPids();
            List<Long> seen = pool.map(x -> (Long) ProcessPool.workerState().get("pid"), List.of(1, 2, 3, 4, 5, 6), 1);
            assertTrue(new HashSet<>(pids).containsAll(seen), "each task saw its own worker's state: " + seen);
        } finally {
            pool.close();
        }
        for (long pid : pids) {
            assertEquals("bye", Files.readString(tmp.resolve("exit-" + pid)), "worker " + pid + " ran its exit hook");
        }
        assertThrows(IllegalStateException.class, ProcessPool::workerState, "the parent is no worker");
    }
}
