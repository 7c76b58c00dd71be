package org.ipc4j.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(SharedDirExtension.class)
class ProcessLivenessTest {

    /** Child: prints "ready", then waits to be killed. */
    public static final class Idle {
        public static void main(String[] args) throws Exception {
            System.out.println("ready");
            Thread.sleep(120_000);
        }
    }

    static List<ProcessLiveness> implementations() {
        return List.of(Os.liveness(), Os.portableLiveness());
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void aLiveChildIsAliveAndAKilledOneDead(ProcessLiveness liveness) {
        ChildJvm child = ChildJvm.start(Idle.class);
        child.awaitLine("ready"::equals, Duration.ofSeconds(30));
        long start = liveness.startTime(child.pid());
        assertTrue(start >= 0, liveness.name() + " sees the child");
        assertTrue(liveness.isAlive(child.pid(), start));
        assertTrue(liveness.isAlive(new ProcessId(child.pid(), start)));
        child.kill9();
        assertFalse(liveness.isAlive(child.pid(), start), liveness.name() + " reports the killed child dead");
        assertEquals(-1, liveness.startTime(child.pid()));
        child.close();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void aReusedPidWithAnotherStartTimeIsDead(ProcessLiveness liveness) {
        long me = ProcessHandle.current().pid();
        long start = liveness.startTime(me);
        assertTrue(liveness.isAlive(me, start));
        assertFalse(liveness.isAlive(me, start - 1), "same pid, earlier start: an earlier process that died");
        assertFalse(liveness.isAlive(me, start + 12_345), "same pid, other start time");
    }

    /**
     * The JDK's start instant on Linux adds the boot time each JVM read at its start, in whole seconds, derived
     * from the wall clock: after a clock step or slew across a second, another JVM sees the same process start
     * 1,000 ms apart (shown by hand with a 0.5 s step: 1796421217860 then 1796421218860 for one process). A
     * live child recorded that way must stay alive under the portable method, through an identity word too;
     * a start one tick (10 ms) off is another process. Failed before the fix: the live child was judged dead
     * (a likely cause of an intermittent ConsumerLockLivenessTest[portable] failure: a live holder robbed).
     */
    @Test
    void aStartSeenWholeSecondsApartByAnotherJvmIsTheSameProcessUnderThePortableMethod() {
        ProcessLiveness portable = Os.portableLiveness();
        ProcessTable table = ProcessTable.of(SharedDirExtension.dir());
        try (ChildJvm child = ChildJvm.start(Idle.class)) {
            child.awaitLine("ready"::equals, Duration.ofSeconds(30));
            long start = portable.startTime(child.pid());
            for (long seenElsewhere : new long[] {start + 1_000, start - 1_000, start + 3_000}) {
                assertTrue(portable.isAlive(child.pid(), seenElsewhere), "recorded as " + (seenElsewhere - start) + " ms off");
                assertTrue(table.isAlive(ProcessIdentity.started(child.pid(), seenElsewhere, portable)),
                        "an identity word recorded " + (seenElsewhere - start) + " ms off");
            }
            assertFalse(portable.isAlive(child.pid(), start + 10), "another tick: another process");
            assertFalse(table.isAlive(ProcessIdentity.started(child.pid(), start + 10, portable)));
            child.kill9();
            assertFalse(portable.isAlive(child.pid(), start + 1_000), "dead whatever the recorded start");
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void impossiblePidsAreDead(ProcessLiveness liveness) {
        assertFalse(liveness.isAlive(0, 0));
        assertFalse(liveness.isAlive(-5, 0));
        assertFalse(liveness.isAlive(Integer.MAX_VALUE, 0));
    }

    /**
     * A process reaped while its stat file is being read (opened before, read after) fails the read with
     * ESRCH, not "no such file": that is death, not an unreadable file. One round in five met it before the fix
     * (so the wait of a pipe end whose peer died took the exit for a transient I/O error and slept on).
     */
    @Test
    void aProcessReapedDuringTheReadIsDeadNeverUnknown() throws Exception {
        ProcessLiveness procfs = Os.liveness();
        int unknownAfterKill = 0;
        for (int round = 0; round < 100; round++) {
            Process process = new ProcessBuilder("sleep", "60").start();
            long pid = process.pid();
            AtomicBoolean killed = new AtomicBoolean();
            AtomicInteger unknown = new AtomicInteger();
            Thread reader = new Thread(() -> {
                long start;
                do {
                    start = procfs.startTime(pid);
                    if (start == ProcessLiveness.UNKNOWN && killed.get()) {
                        unknown.incrementAndGet();
                    }
                } while (start != ProcessLiveness.DEAD);
            });
            reader.start();
            Thread.sleep(1);
            killed.set(true);
            process.destroyForcibly().waitFor();
            reader.join(10_000);
            assertFalse(reader.isAlive(), "the reaped process " + pid + " is reported dead at last");
            unknownAfterKill += unknown.get();
        }
        assertEquals(0, unknownAfterKill, "reads of a killed and reaped process that said UNKNOWN instead of DEAD");
    }

    @Test
    void theDefaultOnLinuxIsProcfs() {
        assertEquals("procfs", Os.liveness().name());
        assertEquals(Os.liveness().startTime(ProcessHandle.current().pid()), Os.currentProcess().startTime());
    }
}
