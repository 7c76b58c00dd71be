package org.ipc4j.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.ipc4j.codec.Codecs;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many consumers at once, in one JVM: an MPMC ring serialises its consumers with a lock, and a call that
 * finds another consumer busy must wait for it rather than report an empty queue (issue #14 measured 444
 * null polls in 1.4 M while other threads consumed).
 */
@ExtendWith(SharedDirExtension.class)
class SharedQueueConsumerRaceTest {
    private static final String VALUE = "x";
    private static final int KEPT = 64;
    /** Elements out of the queue at once: taken by a poller and not yet put back by the keeper. */
    private static final int OUT = 8;
    private static final int POLLERS = 2;
    private static final int POLLS_PER_POLLER = 50_000;

    private final TestQueues queues = new TestQueues("race");

    @AfterEach
    void unlinkQueues() {
        queues.close();
    }

    /**
     * Pollers take elements that one keeper thread puts back, so that the queue always holds at least
     * {@link #KEPT} committed elements ahead of the one being put back (the keeper is the only producer: see
     * SharedQueueContractTest for what an unfinished put at the head does), while an observer peeks, looks
     * for an element, iterates, copies to an array and asks the size, in turns, through another handle.
     * Every element equals every other, so each of these must always find one: none may see the queue empty.
     */
    @Test
    void noConsumerReportsEmptyWhileTheQueueHoldsElementsAndOthersConsume() throws Exception {
        SharedQueue<String> first = queues.create(RingOptions.ofCapacity(1 << 16), Codecs.strings());
        SharedQueue<String> second = queues.open(first);
        for (int i = 0; i < KEPT + OUT; i++) {
            assertTrue(first.offer(VALUE));
        }
        Semaphore out = new Semaphore(OUT);
        BlockingQueue<String> toPutBack = new LinkedBlockingQueue<>();
        Checks pollers = new Checks();
        for (int i = 0; i < POLLERS; i++) {
            SharedQueue<String> queue = i % 2 == 0 ? first : second;
            pollers.add("poll " + i, () -> {
                out.acquireUninterruptibly();
                String taken = queue.poll();
                if (taken == null) {
                    out.release();
                    return false;
                }
                toPutBack.add(taken);
                return taken.equals(VALUE);
            });
        }
        Checks observed = new Checks();
        observed.add("peek", () -> VALUE.equals(second.peek()));
        observed.add("contains", () -> second.contains(VALUE));
        observed.add("iterator", () -> count(second) >= KEPT);
        observed.add("toArray", () -> second.toArray().length >= KEPT);
        observed.add("isEmpty and size", () -> !second.isEmpty() && second.size() >= KEPT);

        AtomicBoolean pollersDone = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < POLLERS; i++) {
            int poller = i;
            threads.add(new Thread(() -> {
                for (int round = 0; round < POLLS_PER_POLLER; round++) {
                    pollers.run(poller);
                }
            }, "poller-" + i));
        }
        Thread keeper = new Thread(() -> {
            try {
                while (true) {
                    String back = toPutBack.take();
                    if (!first.offer(back)) {
                        throw new AssertionError("no room to put an element back");
                    }
                    out.release();
                }
            } catch (InterruptedException stop) {
                // the pollers are done
            }
        }, "keeper");
        Thread observer = new Thread(() -> {
            for (int round = 0; !pollersDone.get(); round++) {
                observed.run(round % observed.size());
            }
        }, "observer");

        long start = System.nanoTime();
        threads.forEach(Thread::start);
        keeper.start();
        observer.start();
        for (Thread poller : threads) {
            poller.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(poller.isAlive(), poller.getName() + " is stuck");
        }
        pollersDone.set(true);
        observer.join(TimeUnit.SECONDS.toMillis(30));
        assertTrue(out.tryAcquire(OUT, 30, TimeUnit.SECONDS), "the keeper put every element back");
        keeper.interrupt();
        keeper.join(TimeUnit.SECONDS.toMillis(30));
        String report = pollers.report() + observed.report();
        System.out.printf("consumer race, %d ms:%n%s", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), report);
        assertFalse(observer.isAlive() || keeper.isAlive(), "the observer or keeper is stuck");
        assertEquals(0, pollers.errors() + observed.errors(), report);
        assertEquals(0, pollers.failures() + observed.failures(), report);
        assertEquals((long) POLLERS * POLLS_PER_POLLER, pollers.rounds());
        assertEquals(KEPT + OUT, first.size(), "every element taken was put back");
    }

    /** Producers and consumers on two handles: each element is taken exactly once, none is lost. */
    @Test
    void everyElementPutIsTakenExactlyOnceByConcurrentConsumers() throws Exception {
        SharedQueue<Integer> first = queues.create(RingOptions.ofCapacity(1 << 12), Codecs.ints());
        SharedQueue<Integer> second = queues.open(first);
        int perProducer = 20_000;
        int producers = 2;
        int total = perProducer * producers;
        ConcurrentLinkedQueue<Integer> taken = new ConcurrentLinkedQueue<>();
        AtomicLong remaining = new AtomicLong(total);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int base = p * perProducer;
            SharedQueue<Integer> queue = p % 2 == 0 ? first : second;
            threads.add(new Thread(() -> {
                try {
                    for (int i = 0; i < perProducer; i++) {
                        queue.put(base + i);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (int c = 0; c < 3; c++) {
            SharedQueue<Integer> queue = c % 2 == 0 ? second : first;
            threads.add(new Thread(() -> {
                try {
                    while (remaining.get() > 0) {
                        Integer element = queue.poll(10, TimeUnit.MILLISECONDS);
                        if (element != null) {
                            taken.add(element);
                            remaining.decrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(thread.isAlive(), "a producer or consumer is stuck");
        }
        BitSet seen = new BitSet(total);
        for (int element : taken) {
            assertFalse(seen.get(element), element + " was taken twice");
            seen.set(element);
        }
        assertEquals(total, seen.cardinality(), "every element was taken");
        assertTrue(first.isEmpty());
    }

    private static int count(Iterable<?> elements) {
        int n = 0;
        for (Object ignored : elements) {
            n++;
        }
        return n;
    }

    /** Named conditions, counting for each its rounds, the rounds where it did not hold and those that threw. */
    private static final class Checks {
        private record Check(String name, BooleanSupplier condition, AtomicLong rounds, AtomicLong failures, AtomicLong errors) {
        }

        private final List<Check> checks = new ArrayList<>();

        void add(String name, BooleanSupplier condition) {
            checks.add(new Check(name, condition, new AtomicLong(), new AtomicLong(), new AtomicLong()));
        }

        int size() {
            return checks.size();
        }

        void run(int index) {
            Check check = checks.get(index);
            try {
                if (!check.condition.getAsBoolean()) {
                    check.failures.incrementAndGet();
                }
            } catch (RuntimeException | AssertionError e) {
                if (check.errors.getAndIncrement() == 0) {
                    e.printStackTrace();
                }
            }
            check.rounds.incrementAndGet();
        }

        long rounds() {
            return checks.stream().mapToLong(c -> c.rounds.get()).sum();
        }

        long failures() {
            return checks.stream().mapToLong(c -> c.failures.get()).sum();
        }

        long errors() {
            return checks.stream().mapToLong(c -> c.errors.get()).sum();
        }

        String report() {
            StringBuilder report = new StringBuilder();
            for (Check check : checks) {
                report.append(String.format("%s: %,d rounds, %,d saw the queue empty, %,d threw%n", check.name,
                        check.rounds.get(), check.failures.get(), check.errors.get()));
            }
            return report.toString();
        }
    }
}
