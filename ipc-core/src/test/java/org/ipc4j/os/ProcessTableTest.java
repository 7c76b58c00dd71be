package org.ipc4j.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.ipc4j.region.RegionDirectory;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The process table and the one identity encoding: a TABLE identity is alive exactly while its process
 * holds its slot (a SIGSTOPped process too), dead once it is killed or its slot was claimed again; every kind
 * is judged by its own method; nothing unknown is ever dead.
 */
@ExtendWith(SharedDirExtension.class)
class ProcessTableTest {

    /** Child: prints its identity in the directory, then waits to be killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            System.out.println("identity=" + ProcessTable.of(RegionDirectory.current()).self());
            Thread.sleep(120_000);
        }
    }

    private static ProcessTable table() {
        return ProcessTable.of(SharedDirExtension.dir());
    }

    @Test
    void thisProcessHasATableIdentityThatIsAlive() {
        long self = table().self();
        assertNull(table().unusableBecause());
        assertEquals(ProcessIdentity.KIND_TABLE, ProcessIdentity.kind(self));
        assertEquals(ProcessHandle.current().pid(), ProcessIdentity.pid(self));
        assertEquals(self, table().self(), "one identity per directory for the life of the JVM");
        assertTrue(table().isAlive(self));
        assertEquals(ProcessHandle.current().pid(), table().localPid(self));
    }

    @Test
    void aSlotsOtherGenerationIsDeadAndAFreeSlotIsDead() {
        long self = table().self();
        int slot = ProcessIdentity.slot(self);
        int generation = ProcessIdentity.generation(self);
        long earlier = ProcessIdentity.table(1234, slot, generation == 1 ? ProcessIdentity.GENERATION_MASK : generation - 1);
        assertFalse(table().isAlive(earlier), "an earlier holder of this process's slot");
        int freeSlot = (slot + ProcessTableDescriptor.SLOT_COUNT / 2) % ProcessTableDescriptor.SLOT_COUNT;
        assertFalse(table().isAlive(ProcessIdentity.table(1234, freeSlot, 0)), "a slot nobody holds");
        assertFalse(table().isAlive(ProcessIdentity.table(1234, freeSlot, 7)), "a slot nobody holds");
        assertEquals(0, table().localPid(earlier), "no pid to follow for a slot claimed since");
    }

    @Test
    void anotherJvmIsAliveWhileItRunsEvenStoppedAndDeadOnceKilled() throws Exception {
        try (ChildJvm child = ChildJvm.start(Holder.class)) {
            long identity = Long.parseLong(child.awaitLineStartingWith("identity=", Duration.ofSeconds(30)).substring(9));
            assertEquals(ProcessIdentity.KIND_TABLE, ProcessIdentity.kind(identity));
            assertNotEquals(ProcessIdentity.slot(table().self()), ProcessIdentity.slot(identity), "one holder per slot");
            assertTrue(table().isAlive(identity));
            assertEquals(child.pid(), table().localPid(identity), "same PID namespace: its pid can be followed");
            child.signal("STOP");
            assertTrue(table().isAlive(identity), "a stopped process is slow, not dead");
            child.signal("CONT");
            child.kill9();
            assertFalse(table().isAlive(identity), "the kernel dropped the killed child's slot lock");
            assertFalse(table().isAlive(ProcessIdentity.fromLockTag(ProcessIdentity.lockTag(identity))),
                    "a lock tag alone tells the same");
        }
    }

    @Test
    void startTimeIdentitiesAreJudgedByTheirOwnMethod() throws Exception {
        long me = ProcessHandle.current().pid();
        for (ProcessLiveness liveness : new ProcessLiveness[] {Os.liveness(), Os.portableLiveness()}) {
            long start = liveness.startTime(me);
            long mine = ProcessIdentity.started(me, start, liveness);
            assertTrue(table().isAlive(mine), liveness.name());
            assertFalse(table().isAlive(ProcessIdentity.started(me, start + 12_345, liveness)), liveness.name() + ": pid reuse");
            assertTrue(table().isAlive(ProcessIdentity.started(me, 0, liveness)), liveness.name() + ": unknown start, the pid decides");
            Process finished = new ProcessBuilder("true").start();
            finished.waitFor();
            assertFalse(table().isAlive(ProcessIdentity.started(finished.pid(), start, liveness)), liveness.name() + ": ended");
            assertEquals(me, table().localPid(mine));
        }
    }

    @Test
    void malformedWordsNameNobodySoACorruptedOwnerNeverHoldsForever() {
        long me = ProcessHandle.current().pid();
        assertFalse(table().isAlive(ProcessIdentity.NONE));
        assertFalse(table().isAlive(me << 32), "kind 0 with a live pid");
        assertFalse(table().isAlive(-1L & ~(3L << ProcessIdentity.KIND_SHIFT)), "kind 0, all other bits set");
        assertFalse(table().isAlive((long) ProcessIdentity.KIND_PROCFS << ProcessIdentity.KIND_SHIFT), "a start-time kind without a pid");
        assertEquals(0, table().localPid(me << 32));
    }

    @Test
    void whatCannotBeToldHereCountsAlive() {
        long me = ProcessHandle.current().pid();
        long unknownStart = ProcessIdentity.started(me, 0, Os.liveness());
        assertTrue(table().isAlive(unknownStart), "start time not known: the pid decides");
        long procfsWordOfThisProcess = ProcessIdentity.started(me, Os.liveness().startTime(me), Os.liveness());
        assertTrue(table().isAlive(procfsWordOfThisProcess));
    }

    @Test
    void lockTagsAreNeverZeroAndTellTheirProcess() {
        long self = table().self();
        assertNotEquals(0, ProcessIdentity.lockTag(self));
        assertEquals((int) self, ProcessIdentity.lockTag(self));
        long started = ProcessIdentity.started(4_000_000, 77, Os.portableLiveness());
        int tag = ProcessIdentity.lockTag(started);
        assertNotEquals(0, tag);
        assertEquals(4_000_000, ProcessIdentity.pid(ProcessIdentity.fromLockTag(tag)), "a start-time tag keeps the pid");
        assertEquals(ProcessIdentity.KIND_PORTABLE, ProcessIdentity.kind(ProcessIdentity.fromLockTag(tag)));
    }

    @Test
    void aCorruptedTableIsNotUsedAndItsIdentitiesCountAlive() throws Exception {
        Path dir = Files.createDirectory(SharedDirExtension.dir().resolve("corrupt-table"));
        try {
            Files.write(dir.resolve(ProcessTableDescriptor.FILE_NAME), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
            ProcessTable corrupt = ProcessTable.of(dir);
            assertNotNull(corrupt.unusableBecause());
            assertTrue(corrupt.unusableBecause().contains(ProcessTableDescriptor.FILE_NAME), corrupt.unusableBecause());
            assertNotEquals(ProcessIdentity.KIND_TABLE, ProcessIdentity.kind(corrupt.self()), "a start-time identity instead");
            assertTrue(corrupt.isAlive(corrupt.self()));
            assertTrue(corrupt.isAlive(ProcessIdentity.table(1234, 5, 6)), "cannot be judged here: alive");
        } finally {
            Files.deleteIfExists(dir.resolve(ProcessTableDescriptor.FILE_NAME));
            Files.delete(dir);
        }
    }
}
