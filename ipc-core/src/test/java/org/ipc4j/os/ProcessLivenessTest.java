package org.ipc4j.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
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

    @ParameterizedTest
    @MethodSource("implementations")
    void impossiblePidsAreDead(ProcessLiveness liveness) {
        assertFalse(liveness.isAlive(0, 0));
        assertFalse(liveness.isAlive(-5, 0));
        assertFalse(liveness.isAlive(Integer.MAX_VALUE, 0));
    }

    @org.junit.jupiter.api.Test
    void theDefaultOnLinuxIsProcfs() {
        assertEquals("procfs", Os.liveness().name());
        assertEquals(Os.liveness().startTime(ProcessHandle.current().pid()), Os.currentProcess().startTime());
    }
}
