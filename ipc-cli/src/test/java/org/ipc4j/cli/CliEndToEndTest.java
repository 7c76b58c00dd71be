package org.ipc4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.ipc4j.channel.Pipe;
import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codecs;
import org.ipc4j.region.ObjectType;
import org.ipc4j.state.SharedLong;
import org.ipc4j.state.SharedLongArray;
import org.ipc4j.state.SharedMap;
import org.ipc4j.sync.SharedBarrier;
import org.ipc4j.sync.SharedEvent;
import org.ipc4j.sync.SharedLock;
import org.ipc4j.sync.SharedSemaphore;
import org.ipc4j.region.Region;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedDirExtension.class)
class CliEndToEndTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Child: creates the named raw regions in args, then waits to be killed. */
    public static final class Creator {
        public static void main(String[] args) throws Exception {
            for (String name : args) {
                Region.create(name, ObjectType.RAW, 1024, b -> { });
            }
            System.out.println("created");
            Thread.sleep(120_000);
        }
    }

    /** Child: creates one object of each sync type, holds the lock, waits to be killed. */
    public static final class SyncHolder {
        public static void main(String[] args) throws Exception {
            SharedLock lock = SharedLock.create("held-lock");
            lock.lock();
            SharedSemaphore semaphore = SharedSemaphore.create("sem", 3);
            semaphore.acquire();
            SharedEvent.create("evt").set();
            SharedBarrier.create("bar", 3);
            System.out.println("ready");
            Thread.sleep(120_000);
        }
    }

    @Test
    void statShowsTheLiveStateOfSyncObjects() {
        ChildJvm holder = ChildJvm.start(SyncHolder.class);
        holder.awaitLine("ready"::equals, TIMEOUT);
        ChildJvm lock = cli("stat", "held-lock");
        assertEquals(0, exit(lock), lock.output());
        assertTrue(lock.lines().contains(String.format("%-16s %s", "ownerPid", holder.pid())), lock.output());
        assertTrue(lock.lines().contains(String.format("%-16s %s", "ownerAlive", true)), lock.output());
        assertTrue(lock.lines().contains(String.format("%-16s %s", "holdCount", 1)), lock.output());

        ChildJvm json = cli("stat", "--json", "sem");
        assertEquals(0, exit(json), json.output());
        assertTrue(json.output().contains("\"type\":\"semaphore\"") && json.output().contains("\"permits\":2,\"initialPermits\":3"),
                json.output());
        ChildJvm event = cli("stat", "evt");
        assertTrue(event.lines().contains(String.format("%-16s %s", "set", true)), event.output());
        ChildJvm barrier = cli("stat", "bar");
        assertTrue(barrier.lines().contains(String.format("%-16s %s", "parties", 3)), barrier.output());

        holder.kill9();
        ChildJvm dead = cli("stat", "held-lock");
        assertTrue(dead.lines().contains(String.format("%-16s %s", "ownerAlive", false)), dead.output());
        ChildJvm gc = cli("gc");
        assertEquals(0, exit(gc), gc.output());
        assertTrue(gc.lines().containsAll(java.util.List.of("removed bar", "removed evt", "removed held-lock", "removed sem")), gc.output());
    }

    /** Child: a queue with three messages, a value, an array and a map; waits to be killed. */
    public static final class StateHolder {
        public static void main(String[] args) throws Exception {
            SharedQueue<String> queue = SharedQueue.create("jobs", 1 << 16, Codecs.strings());
            for (String job : new String[] {"alpha", "beta", "gamma"}) {
                queue.put(job);
            }
            SharedLong.create("counter", 42);
            SharedLongArray.create("squares", new long[] {0, 1, 4, 9, 16, 25, 36, 49, 64, 81});
            SharedMap<String, Long> map = SharedMap.create("ages", Codecs.strings(), Codecs.longs(), 64, 32, 8);
            map.put("ann", 31L);
            map.put("bob", 42L);
            Pipe pipe = Pipe.open(false);
            pipe.second().send("ping");
            pipe.second().send("pong");
            System.out.println("pipe=" + pipe.first().name());
            System.out.println("ready");
            Thread.sleep(120_000);
        }
    }

    @Test
    void statAndDumpShowQueuesValuesArraysAndMaps() {
        ChildJvm holder = ChildJvm.start(StateHolder.class);
        holder.awaitLine("ready"::equals, TIMEOUT);
        try {
            ChildJvm queue = cli("stat", "jobs");
            assertEquals(0, exit(queue), queue.output());
            assertTrue(queue.lines().contains(String.format("%-16s %s", "depth", 3)), queue.output());
            assertTrue(queue.lines().contains(String.format("%-16s %s", "codec", "string")), queue.output());

            ChildJvm dump = cli("dump", "jobs");
            assertEquals(0, exit(dump), dump.output());
            assertTrue(dump.lines().contains("#0 5 bytes  616c706861  alpha"), dump.output());
            assertTrue(dump.lines().contains("#2 5 bytes  67616d6d61  gamma"), dump.output());
            ChildJvm again = cli("stat", "--json", "jobs");
            assertTrue(again.output().contains("\"depth\":3"), "dump took nothing: " + again.output());

            ChildJvm watch = cli("watch", "--count", "2", "--interval-ms", "200", "jobs");
            assertEquals(0, exit(watch), watch.output());
            assertEquals(2, watch.lines().stream().filter(l -> l.equals("--- jobs")).count(), watch.output());
            assertTrue(watch.lines().contains(String.format("%-16s %s", "takenPerSecond", 0)), "a rate from two samples: " + watch.output());

            ChildJvm value = cli("stat", "counter");
            assertTrue(value.lines().contains(String.format("%-16s %s", "value", 42)), value.output());
            ChildJvm array = cli("stat", "--json", "squares");
            assertTrue(array.output().contains("\"length\":10,\"first\":[0,1,4,9,16,25,36,49]"), array.output());
            ChildJvm map = cli("stat", "ages");
            assertTrue(map.lines().contains(String.format("%-16s %s", "size", 2)), map.output());

            String pipeName = holder.awaitLineStartingWith("pipe=", TIMEOUT).substring("pipe=".length());
            ChildJvm pipe = cli("stat", pipeName);
            assertEquals(0, exit(pipe), pipe.output());
            assertTrue(pipe.lines().contains(String.format("%-16s %s", "depthToEnd0", 2)), pipe.output());
            assertTrue(pipe.lines().contains(String.format("%-16s %s", "end1Pid", holder.pid())), pipe.output());
            ChildJvm pipeDump = cli("dump", pipeName);
            assertEquals(0, exit(pipeDump), pipeDump.output());
            assertTrue(pipeDump.lines().stream().anyMatch(l -> l.startsWith("#0 to end 0  ") && l.endsWith("  ping")), pipeDump.output());
            assertTrue(pipeDump.lines().stream().anyMatch(l -> l.startsWith("#1 to end 0  ") && l.endsWith("  pong")), pipeDump.output());

            ChildJvm notAQueue = cli("dump", "counter");
            assertEquals(2, exit(notAQueue));
        } finally {
            holder.kill9();
            for (String name : new String[] {"jobs", "counter", "squares", "ages"}) {
                cli("rm", name);
            }
            cli("gc");
        }
    }

    /** Runs the tool as a user would: its own JVM, its main class, the arguments. */
    private static ChildJvm cli(String... args) {
        ChildJvm tool = ChildJvm.start(Ipc4jCommand.class, args);
        tool.waitFor(TIMEOUT);
        return tool;
    }

    private static int exit(ChildJvm tool) {
        return tool.waitFor(TIMEOUT);
    }

    @Test
    void lsAndStatShowCreatorsAndGcRemovesExactlyTheDeadOnes() throws Exception {
        Path dir = SharedDirExtension.dir();
        ChildJvm live = ChildJvm.start(Creator.class, "live-one");
        ChildJvm doomed = ChildJvm.start(Creator.class, "doomed-a", "doomed-b");
        live.awaitLine("created"::equals, TIMEOUT);
        doomed.awaitLine("created"::equals, TIMEOUT);

        ChildJvm ls = cli("ls", "--dir", dir.toString());
        assertEquals(0, exit(ls), ls.output());
        String liveRow = ls.lines().stream().filter(l -> l.startsWith("live-one ")).findFirst().orElseThrow(() -> new AssertionError(ls.output()));
        assertTrue(liveRow.matches("live-one\\s+raw\\s+1152\\s+" + live.pid() + "\\s+yes\\s+yes\\s+\\d+s"), liveRow);

        ChildJvm json = cli("ls", "--json");
        assertEquals(0, exit(json), json.output());
        assertTrue(json.output().contains("{\"name\":\"doomed-a\",\"type\":\"raw\",\"size\":1152,\"creatorPid\":" + doomed.pid()
                + ",\"creatorAlive\":true,\"attached\":true"), json.output());

        ChildJvm stat = cli("stat", "live-one");
        assertEquals(0, exit(stat), stat.output());
        assertTrue(stat.lines().contains(String.format("%-16s %s", "creatorPid", live.pid())), stat.output());

        doomed.kill9();
        ChildJvm gc = cli("gc", "--json");
        assertEquals(0, exit(gc), gc.output());
        assertTrue(gc.output().contains("{\"removed\":[\"doomed-a\",\"doomed-b\"]}"), gc.output());
        assertTrue(Files.exists(dir.resolve("live-one")), "the live creator's object stays");
        assertFalse(Files.exists(dir.resolve("doomed-a")));

        ChildJvm rm = cli("rm", "live-one");
        assertEquals(0, exit(rm), rm.output());
        assertTrue(rm.lines().contains("removed live-one"));
        live.kill9();
    }

    @Test
    void missingNamesCorruptFilesAndBadNamesGetClearErrorsAndExitCodes() throws Exception {
        ChildJvm missing = cli("stat", "nothing-here");
        assertEquals(3, exit(missing));
        assertTrue(missing.output().contains("ipc4j: no object named 'nothing-here'"), missing.output());

        ChildJvm rm = cli("rm", "nothing-here");
        assertEquals(3, exit(rm));

        ChildJvm bad = cli("stat", "../etc");
        assertEquals(2, exit(bad));
        assertTrue(bad.output().contains("'../etc' is not allowed"), bad.output());

        Files.write(SharedDirExtension.dir().resolve("garbage"), new byte[300]);
        ChildJvm ls = cli("ls");
        assertEquals(0, exit(ls));
        assertTrue(ls.lines().stream().anyMatch(l -> l.matches("garbage\\s+uninitialised\\s+300\\s+0\\s+no\\s+no\\s+-")), ls.output());
        Files.delete(SharedDirExtension.dir().resolve("garbage"));

        ChildJvm usage = cli("frobnicate");
        assertEquals(2, exit(usage));
    }
}
