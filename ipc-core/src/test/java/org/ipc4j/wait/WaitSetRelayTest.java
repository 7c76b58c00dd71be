package org.ipc4j.wait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.testkit.Background;
import org.ipc4j.testkit.Pause;
import org.junit.jupiter.api.Test;

/**
 * The order of {@link WaitSet}'s steps against a futex relay that is already running for another waiter. The
 * wait reads the word, checks, then joins the relay; a relay that read the word's new value before the join
 * sleeps on it and unparks nobody, so the wait must look at the word again after joining. The change is made
 * from inside the check, the one place between the wait's read and its join, and the relay is given time to
 * go back to sleep on the new value; without the second look the wait sleeps until the relay's next round.
 */
class WaitSetRelayTest {
    private static final int WORD = 0;
    private static final int WAITERS = 4;

    @Test
    void aChangeBetweenReadingTheWordAndJoiningItsRelayEndsTheSleep() throws Exception {
        MappedBytes memory = new MappedBytes(ByteBuffer.allocateDirect(64));
        FutexWord word = new FutexWord(memory, WORD, WAITERS);
        AtomicBoolean otherDone = new AtomicBoolean();
        Waitable other = () -> readiness(word, otherDone::get);
        try (Background keepsTheRelayRunning = Background.run(() -> WaitSet.waitAny(List.of(other), Duration.ofSeconds(30)))) {
            awaitSleepers(word, 1);
            AtomicInteger checks = new AtomicInteger();
            AtomicLong changedAt = new AtomicLong();
            Waitable changedInItsCheck = () -> readiness(word, () -> {
                int check = checks.incrementAndGet();
                if (check == 2) { // the first check is before any wait; the second comes after the word was read
                    memory.getAndAddInt(WORD, 1);
                    word.wakeAll();
                    Pause.millis(100); // the relay wakes, reads the new value and sleeps on it again
                    changedAt.set(System.nanoTime());
                    return false;
                }
                return check > 2;
            });
            List<Waitable> ready = WaitSet.waitAny(List.of(changedInItsCheck), Duration.ofSeconds(5));
            long lateMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - changedAt.get());
            assertEquals(List.of(changedInItsCheck), ready);
            assertTrue(lateMillis < 400, "woke " + lateMillis + " ms after the change (the relay's next round is about 900 ms later)");
            otherDone.set(true);
            memory.getAndAddInt(WORD, 1);
            word.wakeAll();
        }
    }

    private static Readiness readiness(FutexWord word, BooleanSupplier ready) {
        return new Readiness() {
            @Override
            public boolean isReady() {
                return ready.getAsBoolean();
            }

            @Override
            public FutexWord word() {
                return word;
            }
        };
    }

    private static void awaitSleepers(FutexWord word, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (word.waiters() != count) {
            assertTrue(System.nanoTime() < deadline, "the relay never slept on the word");
            Thread.sleep(1);
        }
    }
}
