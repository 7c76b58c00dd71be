package org.ipc4j.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.ipc4j.testkit.ChildJvm;
import org.junit.jupiter.api.Test;

/**
 * kill(2) through {@link Signals}. A process that ended and was reaped between a caller's liveness check and its
 * signal (as {@code JvmProcess.interrupt()} can lose that race) is not an error: there is nothing to signal.
 */
class SignalsTest {

    @Test
    void aSignalToAProcessThatIsGoneIsReportedNotThrown() throws Exception {
        ChildJvm child = ChildJvm.start(ProcessLivenessTest.Idle.class);
        long pid = child.pid();
        child.awaitLine("ready"::equals, Duration.ofSeconds(30));
        assertTrue(Signals.send(pid, Signals.SIGINT), "a live child gets the signal");
        assertEquals(130, child.waitFor(Duration.ofSeconds(30)), "the JVM's exit on SIGINT");
        child.close();
        assertFalse(ProcessHandle.of(pid).isPresent(), "reaped");
        assertFalse(Signals.send(pid, Signals.SIGINT), "no such process now");
    }
}
