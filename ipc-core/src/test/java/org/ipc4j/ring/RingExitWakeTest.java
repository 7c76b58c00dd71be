package org.ipc4j.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.ipc4j.os.ExitWatch;
import org.ipc4j.os.Os;
import org.ipc4j.testkit.SharedDirExtension;
import org.ipc4j.wait.BlockingWaitStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ring's wait loops follow the process their {@link RingPeers} name ({@code processToFollow}): its exit
 * wakes a reader sleeping in 60 s slices, which then asks {@code stateNow()} and ends. Without the wake the
 * read would return only at its 20 s deadline. (Pipes use this for their other end; the peer here is a plain
 * {@code sleep} process, as only its exit matters.)
 */
@ExtendWith(SharedDirExtension.class)
class RingExitWakeTest {
    private static final BlockingWaitStrategy SIXTY_SECOND_SLICES = new BlockingWaitStrategy(0, 0, TimeUnit.SECONDS.toNanos(60));

    @Test
    void aReaderSleepingOnAProducerThatDiesEndsWhenItExits() throws Exception {
        assumeTrue(Os.exitWatch() != ExitWatch.NONE, "no pidfd_open(2) here (or -Dipc4j.exitWatch=none): waiters poll");
        Process producer = new ProcessBuilder("sleep", "60").start();
        Ring ring = RingBasicsTest.createRing("exit-wake-ring", RingOptions.ofCapacity(4096), false);
        try {
            RingPeers peers = following(producer);
            CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return ring.read(RecordHandler.IGNORE, 1, System.nanoTime() + TimeUnit.SECONDS.toNanos(20), SIXTY_SECOND_SLICES,
                            peers);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertFalse(read.isDone(), "the reader sleeps while the producer lives");
            producer.destroyForcibly().waitFor();
            assertEquals(Ring.END, read.get(30, TimeUnit.SECONDS), "the producer's exit ended the read");
        } finally {
            producer.destroyForcibly().waitFor();
            RingBasicsTest.unlink("exit-wake-ring");
        }
    }

    /**
     * A producer already gone (killed and reaped) when the reader first follows it is told at once, in the
     * round that followed it: before, that round slept to the deadline first (20 s here).
     */
    @Test
    void aReaderFollowingAProducerAlreadyGoneEndsWithoutSleeping() throws Exception {
        assumeTrue(Os.exitWatch() != ExitWatch.NONE, "no pidfd_open(2) here (or -Dipc4j.exitWatch=none): waiters poll");
        Process producer = new ProcessBuilder("sleep", "60").start();
        producer.destroyForcibly().waitFor();
        Ring ring = RingBasicsTest.createRing("exit-gone-ring", RingOptions.ofCapacity(4096), false);
        try {
            long begin = System.nanoTime();
            int read = ring.read(RecordHandler.IGNORE, 1, begin + TimeUnit.SECONDS.toNanos(20), SIXTY_SECOND_SLICES,
                    following(producer));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
            assertEquals(Ring.END, read, "the producer's exit ended the read");
            assertTrue(tookMillis < 10_000, "ended without sleeping to the 20 s deadline, took " + tookMillis + " ms");
        } finally {
            RingBasicsTest.unlink("exit-gone-ring");
        }
    }

    /** Peers that are alive until the process exits; only the exit wake makes the loop ask (no check interval). */
    private static RingPeers following(Process producer) {
        return new RingPeers() {
            @Override
            public int state() {
                return ALIVE;
            }

            @Override
            public int stateNow() {
                // the liveness the channels use (a zombie is dead), not Process.isAlive, which waits for the reaper
                return Os.liveness().isAlive(producer.pid(), 0) ? ALIVE : GONE;
            }

            @Override
            public long processToFollow() {
                return producer.pid();
            }
        };
    }
}
