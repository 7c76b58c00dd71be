package org.ipc4j.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pidfd exit watch against real processes (plain {@code sleep} processes: only their exit matters). */
class ExitWatchTest {
    private final ExitWatch watch = Os.exitWatch();

    @BeforeEach
    void needsPidfds() {
        assumeTrue(watch != ExitWatch.NONE, "this kernel or platform has no pidfd_open(2) (or -Dipc4j.exitWatch=none): "
                + "waiters poll liveness instead");
    }

    private static Process sleeper() throws Exception {
        return new ProcessBuilder("sleep", "60").start();
    }

    @Test
    void aKilledProcessIsReportedAndAStoppedOneIsNot() throws Exception {
        Process process = sleeper();
        try {
            CountDownLatch exited = new CountDownLatch(1);
            assertTrue(watch.watch(process.pid(), exited::countDown));
            new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).start().waitFor();
            assertFalse(exited.await(300, TimeUnit.MILLISECONDS), "a stopped process is alive");
            process.destroyForcibly();
            assertTrue(exited.await(10, TimeUnit.SECONDS), "the exit was reported");
        } finally {
            process.destroyForcibly().waitFor();
        }
    }

    @Test
    void aPidWithNoProcessIsReportedBeforeWatchReturns() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        AtomicInteger calls = new AtomicInteger();
        assertTrue(watch.watch(done.pid(), calls::incrementAndGet));
        assertEquals(1, calls.get());
    }

    @Test
    void aCancelledListenerIsNotCalledAndTheOthersOnThatPidAre() throws Exception {
        Process process = sleeper();
        try {
            AtomicInteger cancelledCalls = new AtomicInteger();
            ExitWatch.Listener cancelled = cancelledCalls::incrementAndGet;
            CountDownLatch kept = new CountDownLatch(1);
            assertTrue(watch.watch(process.pid(), cancelled));
            assertTrue(watch.watch(process.pid(), kept::countDown));
            watch.cancel(process.pid(), cancelled);
            process.destroyForcibly();
            assertTrue(kept.await(10, TimeUnit.SECONDS));
            assertEquals(0, cancelledCalls.get());
        } finally {
            process.destroyForcibly().waitFor();
        }
    }

    /** More idle watches than the watch keeps open: the idle ones are closed, and new watches still work. */
    @Test
    void manyIdleWatchesAreClosedAndWatchingGoesOn() throws Exception {
        List<Process> processes = new ArrayList<>();
        try {
            for (int i = 0; i < 80; i++) {
                Process process = sleeper();
                processes.add(process);
                ExitWatch.Listener listener = () -> { };
                assertTrue(watch.watch(process.pid(), listener));
                watch.cancel(process.pid(), listener);
            }
            Process last = processes.get(processes.size() - 1);
            CountDownLatch exited = new CountDownLatch(1);
            assertTrue(watch.watch(last.pid(), exited::countDown));
            last.destroyForcibly();
            assertTrue(exited.await(10, TimeUnit.SECONDS));
        } finally {
            for (Process process : processes) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
