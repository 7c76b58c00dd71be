package org.ipc4j.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.ipc4j.testkit.Stress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kill -9 of a lock holder at random moments, 100 times: a waiter in this JVM always gets the lock within
 * 1 s of the death and sees {@code lastOwnerDied()}. Each round's victim JVM is started while the previous
 * round runs, and waits for its turn, so JVM start-up overlaps the rounds.
 */
@ExtendWith(SharedDirExtension.class)
class LockOwnerDeathTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int HOLDER_KILLS = Integer.getInteger("ipc4j.test.holderKills", Stress.rounds(100, 20));
    private static final int TURN = 0;
    private static final int DATA_A = 1;
    private static final int DATA_B = 2;
    private static final String[] MODES = {"loop", "before-first-store", "mid-update"};

    /**
     * Child: args kind, lockName, dataName, turn, mode. Waits for its turn, then: "loop" locks and unlocks
     * in a tight loop updating two fields; "before-first-store" locks and sleeps before touching the data;
     * "mid-update" locks, writes one of the two fields and sleeps.
     */
    public static final class Victim {
        public static void main(String[] args) throws Exception {
            AbstractSharedLock lock = args[0].equals("rlock") ? SharedRLock.open(args[1]) : SharedLock.open(args[1]);
            SharedCounter data = SharedCounter.open(args[2]);
            long turn = Long.parseLong(args[3]);
            while (data.getVolatile(TURN) != turn) {
                Thread.sleep(1);
            }
            switch (args[4]) {
                case "loop" -> {
                    System.out.println("running");
                    while (true) {
                        lock.lock();
                        data.set(DATA_A, data.get(DATA_A) + 1);
                        data.set(DATA_B, data.get(DATA_B) + 1);
                        lock.unlock();
                    }
                }
                case "before-first-store" -> {
                    lock.lock();
                    System.out.println("running");
                    Thread.sleep(60_000);
                }
                default -> {
                    lock.lock();
                    data.set(DATA_A, data.get(DATA_A) + 1);
                    System.out.println("running");
                    Thread.sleep(60_000);
                }
            }
        }
    }

    @Test
    void aWaiterAlwaysGetsTheLockWithinOneSecondOfTheHolderBeingKilled() throws Exception {
        runRounds("lock");
    }

    @Test
    void aWaiterGetsAnRLockFromAKilledHolderWithAHoldCountOfOne() throws Exception {
        try (SharedRLock lock = SharedRLock.create("rlock-victim");
             SharedCounter data = SharedCounter.create("rlock-victim-data");
             ChildJvm victim = ChildJvm.start(Victim.class, "rlock", "rlock-victim", "rlock-victim-data", "0", "mid-update")) {
            victim.awaitLine("running"::equals, TIMEOUT);
            victim.kill9();
            assertTrue(lock.tryLock(5, TimeUnit.SECONDS));
            assertTrue(lock.lastOwnerDied());
            assertEquals(1, lock.holdCountOfCurrentThread());
            lock.lock();
            assertEquals(2, lock.holdCount());
            assertTrue(lock.lastOwnerDied(), "still the acquisition that took over");
            lock.unlock();
            lock.unlock();
            assertFalse(lock.isLocked());
            lock.lock();
            assertFalse(lock.lastOwnerDied(), "a normal acquisition after the takeover");
            lock.unlock();
            lock.unlink();
            data.unlink();
        }
    }

    private void runRounds(String kind) throws Exception {
        Random random = new Random();
        long seed = random.nextLong();
        random.setSeed(seed);
        String lockName = "victim-" + kind;
        String dataName = lockName + "-data";
        try (SharedLock lock = SharedLock.create(lockName); SharedCounter data = SharedCounter.create(dataName)) {
            int holderKills = 0;
            int round = 0;
            long slowestMillis = 0;
            String nextMode = MODES[random.nextInt(MODES.length)];
            ChildJvm next = ChildJvm.start(Victim.class, kind, lockName, dataName, "1", nextMode);
            while (holderKills < HOLDER_KILLS) {
                round++;
                assertTrue(round <= 2 * HOLDER_KILLS, "too many rounds killed a process that did not hold the lock");
                ChildJvm victim = next;
                String mode = nextMode;
                nextMode = MODES[random.nextInt(MODES.length)];
                next = ChildJvm.start(Victim.class, kind, lockName, dataName, Integer.toString(round + 1), nextMode);
                try {
                    data.setVolatile(TURN, round);
                    victim.awaitLine("running"::equals, TIMEOUT);
                    Outcome outcome = new Outcome();
                    Thread waiter = null;
                    if (!mode.equals("loop")) {
                        waiter = new Thread(() -> outcome.takeAndRelease(lock), "waiter");
                        waiter.start();
                    }
                    Thread.sleep(random.nextInt(mode.equals("loop") ? 20 : 200));
                    victim.kill9();
                    long killedAt = System.nanoTime();
                    // a holding victim held the lock since it printed "running"; a looping one only if the word says so
                    // (read now: in the holding modes the waiter thread may already have taken the lock over)
                    boolean heldByVictim = !mode.equals("loop") || lock.ownerPid() == victim.pid();
                    if (waiter != null) {
                        waiter.join(TimeUnit.SECONDS.toMillis(12));
                        assertFalse(waiter.isAlive(), "round " + round + ": the waiter hangs");
                    } else {
                        outcome.takeAndRelease(lock);
                    }
                    assertTrue(outcome.acquiredAt != 0, "round " + round + " (" + mode + "): the waiter never got the lock");
                    long millis = TimeUnit.NANOSECONDS.toMillis(outcome.acquiredAt - killedAt);
                    if (heldByVictim) {
                        holderKills++;
                        slowestMillis = Math.max(slowestMillis, millis);
                        assertTrue(millis < 1_000, "round " + round + " (" + mode + "): lock taken over " + millis + " ms after the death");
                        assertTrue(outcome.ownerDied, "round " + round + " (" + mode + "): no owner-died signal");
                    } else {
                        assertFalse(outcome.ownerDied, "round " + round + ": owner-died without a dead owner");
                    }
                } finally {
                    victim.close();
                }
            }
            next.close();
            System.out.println(kind + ": " + holderKills + " holders killed in " + round + " rounds (seed " + seed
                    + "), slowest takeover " + slowestMillis + " ms, owner deaths counted " + lock.ownerDeaths());
            assertEquals(holderKills, lock.ownerDeaths());
            lock.unlink();
            data.unlink();
        }
    }

    /** What the waiting thread saw: when it got the lock and whether the previous owner had died. */
    private static final class Outcome {
        volatile long acquiredAt;
        volatile boolean ownerDied;

        void takeAndRelease(SharedLock lock) {
            try {
                if (lock.tryLock(10, TimeUnit.SECONDS)) {
                    acquiredAt = System.nanoTime();
                    ownerDied = lock.lastOwnerDied();
                    lock.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
