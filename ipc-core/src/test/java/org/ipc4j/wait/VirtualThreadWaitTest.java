package org.ipc4j.wait;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codecs;
import org.ipc4j.sync.SharedBarrier;
import org.ipc4j.sync.SharedLock;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #16 item 11: 1,000 virtual threads blocked in {@code take()}, {@code lockInterruptibly()} and
 * {@code await()} must leave the carriers free for other virtual threads, wake when they are signalled, and
 * end promptly when cancelled. A futex sleep held a carrier per sleeper: with 2 carriers, the first two
 * sleepers stopped every other virtual thread. Runs in a child JVM on a JDK with virtual threads (Temurin 25),
 * the lock held by this JVM, the elements put by this JVM.
 */
@ExtendWith(SharedDirExtension.class)
class VirtualThreadWaitTest {
    private static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int TAKERS = 400;
    private static final int LOCKERS = 300;
    private static final int AWAITERS = 300;

    /** Child: args queue, lock, barrier names. Prints "blocked", then what it measured. */
    public static final class ThousandBlockedVirtualThreads {
        public static void main(String[] args) throws Throwable {
            SharedQueue<String> queue = SharedQueue.open(args[0], Codecs.strings());
            SharedLock lock = SharedLock.open(args[1]);
            SharedBarrier barrier = SharedBarrier.open(args[2]);
            ExecutorService threads = (ExecutorService) MethodHandles.publicLookup()
                    .findStatic(java.util.concurrent.Executors.class, "newVirtualThreadPerTaskExecutor",
                            MethodType.methodType(ExecutorService.class))
                    .invoke();
            AtomicInteger took = new AtomicInteger();
            CountDownLatch ended = new CountDownLatch(TAKERS + LOCKERS + AWAITERS);
            List<Future<?>> blocked = new ArrayList<>();
            for (int i = 0; i < TAKERS; i++) {
                blocked.add(threads.submit(() -> {
                    try {
                        queue.take();
                        took.incrementAndGet();
                    } catch (InterruptedException e) {
                        // cancelled
                    } finally {
                        ended.countDown();
                    }
                }));
            }
            for (int i = 0; i < LOCKERS; i++) {
                blocked.add(threads.submit(() -> {
                    try {
                        lock.lockInterruptibly();
                        lock.unlock();
                    } catch (InterruptedException e) {
                        // cancelled
                    } finally {
                        ended.countDown();
                    }
                }));
            }
            for (int i = 0; i < AWAITERS; i++) {
                blocked.add(threads.submit(() -> {
                    try {
                        barrier.await();
                    } catch (Exception e) {
                        // cancelled (interrupted, or broken by another's interrupt)
                    } finally {
                        ended.countDown();
                    }
                }));
            }
            Thread.sleep(1_000);
            System.out.println("blocked");

            long start = System.nanoTime();
            CountDownLatch others = new CountDownLatch(200);
            for (int i = 0; i < 200; i++) {
                threads.submit(() -> {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    others.countDown();
                });
            }
            boolean progressed = others.await(20, TimeUnit.SECONDS);
            System.out.println(progressed ? "others done in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms"
                    : "others starved");

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (took.get() < 10 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            System.out.println("took " + took.get());

            start = System.nanoTime();
            blocked.forEach(future -> future.cancel(true));
            boolean allEnded = ended.await(20, TimeUnit.SECONDS);
            System.out.println(allEnded ? "cancelled all in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms"
                    : "cancel left " + ended.getCount() + " running");
            queue.close();
            lock.close();
            barrier.close();
            System.exit(0);
        }
    }

    @Test
    void aThousandBlockedVirtualThreadsLeaveTheCarriersFreeWakeAndCancelPromptly() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(JDK_25.resolve("bin/java")), "no JDK with virtual threads at " + JDK_25);
        try (SharedQueue<String> queue = SharedQueue.create("vt-queue", 64 * 1024, Codecs.strings());
                SharedLock lock = SharedLock.create("vt-lock");
                SharedBarrier barrier = SharedBarrier.create("vt-barrier", AWAITERS + 1)) {
            lock.lock();
            try (ChildJvm child = ChildJvm.builder(ThousandBlockedVirtualThreads.class).javaHome(JDK_25)
                    .args("vt-queue", "vt-lock", "vt-barrier").start()) {
                child.awaitLine("blocked"::equals, TIMEOUT);
                String progress = child.awaitLineStartingWith("others ", TIMEOUT);
                assertTrue(progress.startsWith("others done"), progress + "\n" + child.output());
                for (int i = 0; i < 10; i++) {
                    queue.put("element " + i);
                }
                String took = child.awaitLineStartingWith("took ", TIMEOUT);
                assertTrue(took.equals("took 10"), "each element put wakes a taker: " + took);
                String cancelled = child.awaitLineStartingWith("cancel", TIMEOUT);
                assertTrue(cancelled.startsWith("cancelled all"), cancelled);
                System.out.println(progress + "; " + took + "; " + cancelled);
                child.assertSuccess(TIMEOUT);
                assertTrue(child.output().lines().noneMatch(line -> line.startsWith("WARNING")), child.output());
            } finally {
                lock.unlock();
            }
            queue.unlink();
            lock.unlink();
            barrier.unlink();
        }
    }
}
