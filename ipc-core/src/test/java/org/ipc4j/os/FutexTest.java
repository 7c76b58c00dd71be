package org.ipc4j.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.ipc4j.wait.FutexWord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(SharedDirExtension.class)
class FutexTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int WORD = 128;
    private static final int WAITERS = 132;

    /** Child: sleeps on the word of region args[0] until it is not 0, then prints how it went. */
    public static final class Sleeper {
        public static void main(String[] args) {
            try (Region region = Region.open(args[0], ObjectType.RAW)) {
                FutexWord word = new FutexWord(region.bytes(), WORD, WAITERS);
                System.out.println("futex=" + Os.futex().name());
                System.out.println("sleeping");
                long start = System.nanoTime();
                while (word.get() == 0) {
                    word.sleep(0, TimeUnit.SECONDS.toNanos(20));
                }
                System.out.println("woken after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
            }
        }
    }

    /** Child: sets the word of region args[0] to 1 and wakes every sleeper. */
    public static final class Waker {
        public static void main(String[] args) {
            try (Region region = Region.open(args[0], ObjectType.RAW)) {
                FutexWord word = new FutexWord(region.bytes(), WORD, WAITERS);
                region.bytes().putIntVolatile(WORD, 1);
                word.wakeAll();
                System.out.println("woke");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"linux-futex", "polling"})
    void aJvmAsleepOnAWordIsWokenByAnotherJvm(String futex) throws Exception {
        String name = "wake-" + futex;
        try (Region region = Region.create(name, ObjectType.RAW, 64, b -> { })) {
            ChildJvm sleeper = ChildJvm.builder(Sleeper.class).args(name)
                    .property("ipc4j.futex", futex.equals("polling") ? "polling" : "auto").start();
            sleeper.awaitLine("sleeping"::equals, TIMEOUT);
            assertTrue(sleeper.lines().contains("futex=" + futex), sleeper.output());
            FutexWord word = new FutexWord(region.bytes(), WORD, WAITERS);
            awaitSleepers(word, 1);
            Thread.sleep(100);
            assertTrue(sleeper.isAlive(), "still asleep before the wake");
            ChildJvm.start(Waker.class, name).assertSuccess(TIMEOUT);
            sleeper.assertSuccess(Duration.ofSeconds(5));
            String woken = sleeper.awaitLineStartingWith("woken after", TIMEOUT);
            long millis = Long.parseLong(woken.replaceAll("\\D", ""));
            assertTrue(millis < 10_000, "woken by the other JVM, not by its 20 s timeout: " + woken);
            assertEquals(0, word.waiters(), "the sleeper unregistered");
            region.unlink();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"linux-futex", "polling"})
    void aTimedWaitReturnsAfterItsTimeout(String name) {
        Futex futex = name.equals("polling") ? Os.pollingFutex() : Os.futex();
        if (name.equals("linux-futex")) {
            assertEquals("linux-futex", futex.name(), "this machine has futex(2)");
        }
        try (Region region = Region.create("timed-" + name, ObjectType.RAW, 64, b -> { })) {
            long[] millis = new long[3];
            for (int i = 0; i < millis.length; i++) {
                long start = System.nanoTime();
                futex.await(region.bytes(), WORD, 0, TimeUnit.MILLISECONDS.toNanos(300));
                millis[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
            Arrays.sort(millis);
            long median = millis[1];
            assertTrue(median >= 250 && median <= 350, "300 ms timed wait took " + Arrays.toString(millis) + " ms");
            region.unlink();
        }
    }

    @Test
    void aWaitOnAWordThatAlreadyChangedReturnsAtOnce() {
        try (Region region = Region.create("changed", ObjectType.RAW, 64, b -> b.putInt(WORD, 7))) {
            long start = System.nanoTime();
            Os.futex().await(region.bytes(), WORD, 0, TimeUnit.SECONDS.toNanos(5));
            Os.pollingFutex().await(region.bytes(), WORD, 0, TimeUnit.SECONDS.toNanos(5));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1));
            region.unlink();
        }
    }

    @Test
    void wakersMakeNoSystemCallWhenNobodySleeps() throws Exception {
        AtomicInteger wakes = new AtomicInteger();
        Futex counting = new Futex() {
            @Override
            public void await(MappedBytes memory, int offset, int expected, long timeoutNanos) {
                Os.futex().await(memory, offset, expected, timeoutNanos);
            }

            @Override
            public int wake(MappedBytes memory, int offset, int count) {
                wakes.incrementAndGet();
                return Os.futex().wake(memory, offset, count);
            }

            @Override
            public String name() {
                return "counting";
            }
        };
        try (Region region = Region.create("counted", ObjectType.RAW, 64, b -> { })) {
            FutexWord word = new FutexWord(region.bytes(), WORD, WAITERS, counting);
            for (int i = 0; i < 1000; i++) {
                word.wakeAll();
                word.wakeOne();
            }
            assertEquals(0, wakes.get(), "no sleeper, no wake call");

            Thread sleeper = new Thread(() -> {
                while (word.get() == 0) {
                    word.sleep(0, TimeUnit.SECONDS.toNanos(10));
                }
            });
            sleeper.start();
            awaitSleepers(word, 1);
            region.bytes().putIntVolatile(WORD, 1);
            word.wakeAll();
            sleeper.join(5_000);
            assertTrue(!sleeper.isAlive() && wakes.get() == 1, "one sleeper, one wake call: " + wakes.get());
            region.unlink();
        }
    }

    private static void awaitSleepers(FutexWord word, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (word.waiters() < count) {
            assertTrue(System.nanoTime() < deadline, "nobody went to sleep");
            Thread.sleep(5);
        }
    }
}
