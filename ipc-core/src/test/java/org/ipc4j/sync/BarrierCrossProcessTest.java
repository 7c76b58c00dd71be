package org.ipc4j.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedDirExtension.class)
class BarrierCrossProcessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int PARTIES = 3;
    private static final int ROUNDS = 100;

    /**
     * Child: args barrierName, progressName, party, role. Runs ROUNDS rounds, each writing its round number
     * and checking after the barrier that every party wrote it. Then the "victim" sleeps; a "survivor"
     * waits once more and reports the BrokenBarrierException with its nanoTime (CLOCK_MONOTONIC on Linux).
     */
    public static final class Party {
        public static void main(String[] args) throws Exception {
            int party = Integer.parseInt(args[2]);
            try (SharedBarrier barrier = SharedBarrier.open(args[0]); SharedCounter progress = SharedCounter.open(args[1])) {
                for (int round = 1; round <= ROUNDS; round++) {
                    progress.setVolatile(party, round);
                    barrier.await(30, TimeUnit.SECONDS);
                    for (int other = 0; other < PARTIES; other++) {
                        if (progress.getVolatile(other) < round) {
                            System.out.println("party " + other + " had not arrived in round " + round);
                            System.exit(1);
                        }
                    }
                }
                System.out.println("rounds-done");
                if (args[3].equals("victim")) {
                    Thread.sleep(60_000);
                }
                try {
                    barrier.await();
                    System.out.println("tripped without the victim");
                } catch (BrokenBarrierException e) {
                    System.out.println("broken " + System.nanoTime() + " " + e.getMessage());
                }
            }
        }
    }

    /** Child: opens barrier args[0], says so, and sleeps without ever arriving. */
    public static final class OpensAndSleeps {
        public static void main(String[] args) throws Exception {
            SharedBarrier barrier = SharedBarrier.open(args[0]);
            System.out.println("opened " + barrier.parties());
            Thread.sleep(120_000);
        }
    }

    /**
     * Issue #16 item 9: a party that opened the barrier and dies before its first await. It registered only at
     * its first await, so its death went unnoticed and an untimed waiter waited forever.
     */
    @Test
    void aPartyKilledBeforeItsFirstAwaitBreaksTheBarrierForAnUntimedWaiter() throws Exception {
        try (SharedBarrier barrier = SharedBarrier.create("dies-before-await", 2);
             ChildJvm party = ChildJvm.start(OpensAndSleeps.class, "dies-before-await")) {
            party.awaitLine("opened 2"::equals, TIMEOUT);
            CompletableFuture<String> waiter = CompletableFuture.supplyAsync(() -> {
                try {
                    barrier.await();
                    return "tripped";
                } catch (BrokenBarrierException e) {
                    return "broken";
                } catch (InterruptedException e) {
                    return "interrupted";
                }
            });
            Thread.sleep(300);
            assertTrue(!waiter.isDone(), "the waiter waits while the party lives");
            party.kill9();
            assertEquals("broken", waiter.get(30, TimeUnit.SECONDS));
            barrier.unlink();
        }
    }

    @Test
    void threeJvmsPassABarrierOfThreeForAHundredRoundsThenAKilledPartyBreaksItForTheOthers() throws Exception {
        try (SharedBarrier barrier = SharedBarrier.create("rendezvous", PARTIES);
             SharedCounter progress = SharedCounter.create("rendezvous-progress")) {
            List<ChildJvm> parties = new ArrayList<>();
            for (int i = 0; i < PARTIES; i++) {
                parties.add(ChildJvm.start(Party.class, "rendezvous", "rendezvous-progress", Integer.toString(i),
                        i == 0 ? "victim" : "survivor"));
            }
            for (ChildJvm party : parties) {
                party.awaitLine("rounds-done"::equals, TIMEOUT);
            }
            assertEquals(ROUNDS, barrier.generation(), "one generation per round");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (barrier.numberWaiting() < 2) {
                assertTrue(System.nanoTime() - deadline < 0, "the two survivors never waited");
                Thread.sleep(5);
            }
            Thread.sleep(150);
            parties.get(0).kill9();
            long killedAt = System.nanoTime();
            for (ChildJvm survivor : parties.subList(1, PARTIES)) {
                survivor.assertSuccess(TIMEOUT);
                String line = survivor.awaitLineStartingWith("broken ", TIMEOUT);
                long brokenAt = Long.parseLong(line.split(" ")[1]);
                long millis = TimeUnit.NANOSECONDS.toMillis(brokenAt - killedAt);
                assertTrue(millis < 1_000, "BrokenBarrierException " + millis + " ms after the death: " + line);
                System.out.println("survivor broke " + millis + " ms after the kill: " + line);
            }
            assertTrue(barrier.isBroken());
            barrier.reset();
            assertTrue(!barrier.isBroken() && barrier.numberWaiting() == 0, "reset starts a clean generation");
            barrier.unlink();
            progress.unlink();
        }
    }
}
