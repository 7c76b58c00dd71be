package org.ipc4j.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.CapacityExceededException;
import org.ipc4j.errors.CodecMismatchException;
import org.ipc4j.errors.NotInitialisedException;
import org.ipc4j.process.JvmProcess;
import org.ipc4j.sync.SharedEvent;
import org.ipc4j.testkit.SharedDirExtension;
import org.ipc4j.testkit.Stress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SharedList, ShareableList and SharedNamespace: Manager().list(), ShareableList and Namespace without a server. */
@ExtendWith(SharedDirExtension.class)
class ManagerTypesTest {

    @Test
    void aSharedListDoesWhatAPythonListDoes() {
        SharedList<String> list = SharedList.create("names", Codecs.strings(), 8, 16);
        try {
            list.add("b");
            list.add("d");
            list.add(0, "a");
            list.add(2, "c");
            list.add(4, "e");
            assertEquals(List.of("a", "b", "c", "d", "e"), list.snapshot());
            assertEquals("c", list.set(2, "C"));
            assertEquals("b", list.remove(1));
            assertEquals("e", list.removeLast());
            assertEquals(List.of("a", "C", "d"), list.snapshot());
            assertEquals(3, list.size());
            assertEquals("d", list.get(2));
            IndexOutOfBoundsException outside = assertThrows(IndexOutOfBoundsException.class, () -> list.get(3));
            assertTrue(outside.getMessage().contains("'names'") && outside.getMessage().contains("index 3"), outside.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> list.add(5, "x"));
            CapacityExceededException tooLong = assertThrows(CapacityExceededException.class, () -> list.add("x".repeat(200)));
            assertTrue(tooLong.getMessage().contains("'names'"), tooLong.getMessage());
            assertThrows(NullPointerException.class, () -> list.add(null));
            while (list.size() < list.capacity()) {
                list.add("f");
            }
            assertThrows(CapacityExceededException.class, () -> list.add("g"));
            list.clear();
            assertTrue(list.isEmpty());
            assertThrows(IndexOutOfBoundsException.class, list::removeLast);
            assertThrows(CodecMismatchException.class, () -> SharedList.open("names", Codecs.ints()));
            try (SharedList<String> again = SharedList.open("names", Codecs.strings());
                 SharedList<String> orCreated = SharedList.openOrCreate("names", Codecs.strings(), 99, 99)) {
                again.add("seen by both");
                assertEquals(List.of("seen by both"), list.snapshot());
                assertEquals(List.of("seen by both"), orCreated.snapshot());
                assertEquals(list.capacity(), orCreated.capacity(), "an existing list keeps its capacity");
            }
        } finally {
            list.unlink();
            list.close();
        }
        try (SharedMap<Long, byte[]> plain = SharedMap.create("a-map", Codecs.longs(), Codecs.bytes(), 4, 8, 64)) {
            assertThrows(NotInitialisedException.class, () -> SharedList.open("a-map", Codecs.strings()));
            plain.unlink();
        }
    }

    @Test
    void processesAppendingAtOnceLoseNothing() throws Exception {
        SharedList<Integer> list = SharedList.create(Codecs.ints(), 1000, 8);
        try {
            List<JvmProcess> children = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                int base = (c + 1) * 10_000;
                children.add(JvmProcess.start(() -> {
                    for (int i = 0; i < 300; i++) {
                        list.add(base + i);
                    }
                }));
            }
            for (int i = 0; i < 300; i++) {
                list.add(i);
            }
            for (JvmProcess child : children) {
                child.join();
                assertEquals(0, child.exitCode());
            }
            List<Integer> all = list.snapshot();
            assertEquals(900, all.size());
            Set<Integer> expected = new HashSet<>();
            for (int base : new int[] {0, 10_000, 20_000}) {
                IntStream.range(base, base + 300).forEach(expected::add);
            }
            assertEquals(expected, new HashSet<>(all));
        } finally {
            list.unlink();
            list.close();
        }
    }

    @Test
    void processesKilledInTheMiddleOfInsertsAndRemovalsLeaveAWholeList() throws Exception {
        SharedList<Integer> list = SharedList.create(Codecs.ints(), 200, 8);
        SharedLong changes = SharedLong.create(0);
        List<Integer> sentinels = IntStream.range(1000, 1030).boxed().toList();
        sentinels.forEach(list::add);
        Random random = new Random(42);
        try {
            int rounds = Stress.rounds(16, 6);
            for (int kill = 0; kill < rounds; kill++) {
                long before = changes.get();
                List<JvmProcess> children = new ArrayList<>();
                for (int c = 0; c < 2; c++) {
                    int value = kill * 2 + c;
                    // every change is at the front, so the list is always [small values..., sentinels...]; each
                    // insert and removal shifts all 30 sentinels, so most kills land in the middle of one
                    children.add(JvmProcess.start(() -> {
                        while (true) {
                            list.add(0, value % 100);
                            list.remove(0);
                            changes.incrementAndGet();
                        }
                    }));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (changes.get() < before + 200) { // both JVMs started and changing (a loaded machine starts them slowly)
                    assertTrue(System.nanoTime() < deadline, "round " + kill + ": the children made no change in 60 s");
                    Thread.sleep(5);
                }
                Thread.sleep(random.nextInt(50));
                children.get(random.nextInt(2)).kill();
                Thread.sleep(random.nextInt(5));
                for (JvmProcess child : children) {
                    child.kill();
                    child.join();
                }
                List<Integer> now = list.snapshot(); // finishes the change a killed child left half done
                int small = now.size() - sentinels.size();
                assertTrue(small >= 0 && small <= 2 * (kill + 1), "after kill " + kill + ": " + now);
                assertEquals(sentinels, now.subList(small, now.size()), "after kill " + kill + " the sentinels moved: " + now);
                assertTrue(now.subList(0, small).stream().allMatch(v -> v < 100), "after kill " + kill + ": " + now);
                while (list.size() > sentinels.size()) {
                    list.remove(0);
                }
            }
        } finally {
            list.unlink();
            list.close();
            changes.unlink();
            changes.close();
        }
    }

    @Test
    void aShareableListHasFixedItemsThatAnyProcessCanReplace() throws Exception {
        ShareableList<String> items = ShareableList.create("items", Codecs.strings(), 32, List.of("howdy", "hello", "hi"));
        try {
            JvmProcess child = JvmProcess.start(() -> {
                items.set(2, "hello");
                items.set(0, "hey");
            });
            child.join();
            assertEquals(0, child.exitCode());
            assertEquals(List.of("hey", "hello", "hello"), items.toList());
            assertEquals(2, items.count("hello"));
            assertEquals(1, items.indexOf("hello"));
            assertEquals(-1, items.indexOf("absent"));
            assertEquals(3, items.size());
            assertThrows(IndexOutOfBoundsException.class, () -> items.set(3, "x"));
            assertThrows(IllegalArgumentException.class, () -> ShareableList.create("none", Codecs.strings(), 8, List.of()));
        } finally {
            items.unlink();
            items.close();
        }
    }

    /**
     * A handle opened before its list was unlinked keeps working on the list's own lock: opened with the list, not
     * on first use, when it would be a new lock file that nobody unlinks and that the list's other users do not hold.
     */
    @Test
    void aListHandleOpenedBeforeAnUnlinkUsesTheListsLockAndLeavesNoFile() throws Exception {
        String name = "unlinked-while-open";
        SharedList<Integer> list = SharedList.create(name, Codecs.ints(), 8, 8);
        SharedEvent opened = SharedEvent.create();
        SharedEvent unlinked = SharedEvent.create();
        try {
            JvmProcess child = JvmProcess.start(() -> {
                try (SharedList<Integer> mine = SharedList.open(name, Codecs.ints())) {
                    opened.set();
                    unlinked.await();
                    mine.add(5);
                }
            });
            assertTrue(opened.await(60, TimeUnit.SECONDS), "the child opened the list");
            list.unlink();
            unlinked.set();
            child.join();
            assertEquals(0, child.exitCode());
            assertEquals(List.of(5), list.snapshot(), "the child's add reached the unlinked list");
            List<String> left = SharedDirExtension.objectFiles().stream().filter(file -> file.startsWith(name)).toList();
            assertEquals(List.of(), left, "files of the unlinked list");
        } finally {
            list.close();
            for (SharedEvent event : List.of(opened, unlinked)) {
                event.unlink();
                event.close();
            }
        }
    }

    /**
     * An open that waits for the creator sees the whole list: the length is written last, and an open that
     * finds the list unfinished waits on. The opener is already waiting when a list of 2,000 items is created.
     */
    @Test
    void anOpenWaitingForItsCreatorSeesEveryItem() throws Exception {
        String warmName = "warm-up-list";
        ShareableList<Integer> warmUp = ShareableList.create(warmName, Codecs.ints(), 8, List.of(1));
        try {
            for (int round = 0; round < 3; round++) {
                openWhileCreated(warmName, round);
            }
        } finally {
            warmUp.unlink();
            warmUp.close();
        }
    }

    private static void openWhileCreated(String warmName, int round) throws Exception {
        String name = "created-while-awaited-" + round;
        SharedLong seen = SharedLong.create(-1);
        SharedLong waiting = SharedLong.create(0);
        List<Integer> initial = IntStream.range(0, 2_000).boxed().toList();
        ShareableList<Integer> items = null;
        try {
            JvmProcess child = JvmProcess.start(() -> {
                // the open path warmed up first, so that this child is as quick as the creator
                try (ShareableList<Integer> warm = ShareableList.open(warmName, Codecs.ints(), Duration.ofSeconds(1))) {
                    warm.size();
                }
                waiting.set(1);
                try (ShareableList<Integer> opened = ShareableList.open(name, Codecs.ints(), Duration.ofSeconds(60))) {
                    seen.set(opened.size());
                }
            });
            while (waiting.get() == 0) {
                assertTrue(child.isAlive(), "the child ended before it waited");
                Thread.sleep(1);
            }
            Thread.sleep(100); // in its wait for the file
            items = ShareableList.create(name, Codecs.ints(), 8, initial);
            child.join();
            assertEquals(0, child.exitCode(), "round " + round + ": the open failed in the child");
            assertEquals(initial.size(), seen.get(), "round " + round + ": the items the child saw");
        } finally {
            if (items != null) {
                items.unlink();
                items.close();
            }
            for (SharedLong value : List.of(seen, waiting)) {
                value.unlink();
                value.close();
            }
        }
    }

    @Test
    void aNamespaceSharesNamedAttributes() throws Exception {
        SharedNamespace ns = SharedNamespace.create("ns", 8, 256);
        try {
            ns.set("x", 1);
            JvmProcess child = JvmProcess.start(() -> {
                int x = ns.get("x");
                ns.set("y", "from the child");
                ns.set("x", x + 41);
                ns.delete("gone");
            });
            ns.set("gone", List.of(1, 2));
            child.join();
            assertEquals(0, child.exitCode());
            assertEquals(Integer.valueOf(42), ns.get("x"));
            assertEquals("from the child", ns.get("y"));
            assertFalse(ns.has("gone"));
            assertEquals("fallback", ns.get("z", "fallback"));
            NoSuchElementException missing = assertThrows(NoSuchElementException.class, () -> ns.get("z"));
            assertTrue(missing.getMessage().contains("'ns'") && missing.getMessage().contains("'z'"), missing.getMessage());
            assertEquals("Namespace(x=42, y=from the child)", ns.toString());
            assertEquals(Set.of("x", "y"), ns.attributeNames());
            try (SharedNamespace same = SharedNamespace.openOrCreate("ns", 1, 1)) {
                assertEquals(Integer.valueOf(42), same.get("x"));
            }
        } finally {
            ns.unlink();
            ns.close();
        }
    }
}
