package org.ipc4j.bench.fault;

import java.io.EOFException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.HdrHistogram.Histogram;
import org.ipc4j.bench.harness.Args;
import org.ipc4j.channel.Connection;
import org.ipc4j.channel.Pipe;
import org.ipc4j.os.ExitWatch;
import org.ipc4j.os.Os;
import org.ipc4j.os.ProcessIdentity;
import org.ipc4j.os.ProcessTable;
import org.ipc4j.process.JvmProcess;
import org.ipc4j.process.StartMethod;
import org.ipc4j.region.RegionDirectory;
import org.ipc4j.ring.ClaimWindow;
import org.ipc4j.ring.SharedRing;
import org.ipc4j.sync.SharedBarrier;
import org.ipc4j.sync.SharedEvent;
import org.ipc4j.sync.SharedLock;

/**
 * Kill to recovery: a child JVM takes part in a shared object, runs 200 ms, and is SIGKILLed while a thread
 * of this JVM sleeps waiting on it; the time from just before the kill until that wait ends goes into an
 * HdrHistogram. {@code kind=lock}: the child holds a {@link SharedLock}, the wait is {@code lock()} (ends by
 * takeover). {@code kind=barrier}: the child passed a 2-party {@link SharedBarrier} once, the wait is the next
 * {@code await()} (ends broken). {@code kind=pipe}: the child holds one end of a {@link Pipe}, the wait is
 * {@code recv()} (ends with EOF). The kill lands 5-55 ms into the wait, at varying points of the waiter's
 * sleep slice. Beside it, where pidfds work, the time from the kill until the kernel reports the process
 * gone: the floor no waiter can beat (a JVM's exit takes milliseconds), and per kill how long the wait
 * went on after that report (the waiter's own part). Children start by {@code SPAWN}, so
 * no warm spare boots beside a kill. A second phase measures the CPU spent while the waiter sleeps on a live
 * child (µs per second, waiting thread plus the exit watches' threads): the cost of waiting that faster recovery must
 * not raise. Appends one markdown row to {@code out} (and prints it).
 *
 * <pre>
 *   java -cp ipc-bench/target/classes:ipc-bench/target/lib/* [-Dipc4j.exitWatch=none] \
 *       org.ipc4j.bench.fault.TakeoverLatency kind=lock kills=200 out=results/takeover/rows.md
 * </pre>
 */
public final class TakeoverLatency {
    private static final long SETTLE_MILLIS = 200;
    /** When the kernel reports each child gone (its pidfd), whatever -Dipc4j.exitWatch chose for the waiters. */
    private static final ExitWatch KERNEL_EXIT = Os.kernelExitWatch();

    private TakeoverLatency() {
    }

    /** One kind of shared object a killed child takes part in. */
    private interface Victim extends AutoCloseable {
        /** Starts a child and returns once it takes part (holds the lock, passed the barrier, attached its end). */
        JvmProcess startChild() throws Exception;

        /** Waits on the child; returns the nanoTime at which the wait ended because the child died. */
        long awaitDeath() throws Exception;

        @Override
        void close();
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        String kind = args.get("kind", "lock");
        int kills = Integer.parseInt(args.get("kills", "200"));
        long idleSeconds = Long.parseLong(args.get("idleSeconds", "10"));
        String prefix = "takeover-" + ProcessHandle.current().pid();
        Histogram micros = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
        Histogram exitMicros = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
        // per kill, how long the wait went on after the kernel reported the exit: the library's own part
        Histogram afterExitMicros = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
        double cpuPerSecond;
        ExecutorService waiter = Executors.newSingleThreadExecutor();
        try (Victim victim = victim(kind, prefix)) {
            Random random = new Random(7);
            for (int i = 0; i < kills; i++) {
                JvmProcess child = victim.startChild();
                // a child usually runs a while before it dies: let its start-up (JIT, GC threads) settle
                Thread.sleep(SETTLE_MILLIS);
                Future<Long> ended = waiter.submit(victim::awaitDeath);
                long[] exitedAt = new long[1];
                CountDownLatch exited = new CountDownLatch(1);
                boolean watched = KERNEL_EXIT.watch(child.pid(), () -> {
                    exitedAt[0] = System.nanoTime();
                    exited.countDown();
                });
                Thread.sleep(5 + random.nextInt(50));
                long killedAt = System.nanoTime();
                child.kill();
                long at = ended.get(30, TimeUnit.SECONDS);
                micros.recordValue(TimeUnit.NANOSECONDS.toMicros(at - killedAt));
                if (watched && exited.await(30, TimeUnit.SECONDS)) {
                    exitMicros.recordValue(TimeUnit.NANOSECONDS.toMicros(Math.max(0, exitedAt[0] - killedAt)));
                    afterExitMicros.recordValue(TimeUnit.NANOSECONDS.toMicros(Math.max(0, at - exitedAt[0])));
                }
                child.join();
            }
            cpuPerSecond = cpuWhileWaiting(victim, waiter, idleSeconds);
        } finally {
            waiter.shutdownNow();
        }
        String row = String.format(Locale.ROOT, "| %s | %s | %s | %d | %.1f | %.1f | %.1f | %.1f | %s | %s | %.0f |%n",
                kind, Os.exitWatch().name(), identityKind(), micros.getTotalCount(),
                micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(99) / 1000.0,
                micros.getMaxValue() / 1000.0, micros.getMean() / 1000.0,
                exitMicros.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.1f / %.1f",
                        exitMicros.getValueAtPercentile(50) / 1000.0, exitMicros.getValueAtPercentile(99) / 1000.0),
                afterExitMicros.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.2f / %.2f",
                        afterExitMicros.getValueAtPercentile(50) / 1000.0, afterExitMicros.getValueAtPercentile(99) / 1000.0),
                cpuPerSecond);
        System.out.print(row);
        String out = args.get("out", "");
        if (!out.isEmpty()) {
            append(Path.of(out), row);
        }
    }

    /** How this process's identity is judged: by its process-table slot, or by pid and start time. */
    private static String identityKind() {
        switch (ProcessIdentity.kind(ProcessTable.of(RegionDirectory.current()).self())) {
            case ProcessIdentity.KIND_TABLE:
                return "table";
            case ProcessIdentity.KIND_PROCFS:
                return "procfs";
            case ProcessIdentity.KIND_PORTABLE:
                return "portable";
            default:
                return "none";
        }
    }

    private static Victim victim(String kind, String prefix) {
        switch (kind) {
            case "lock":
                return new LockVictim(prefix);
            case "barrier":
                return new BarrierVictim(prefix);
            case "pipe":
                return new PipeVictim();
            case "claim":
                return new ClaimVictim(prefix);
            default:
                throw new IllegalArgumentException("kind must be lock, barrier, pipe or claim, not '" + kind + "'");
        }
    }

    private static JvmProcess spawn(org.ipc4j.process.ProcessTarget target) {
        return new JvmProcess(target).startMethod(StartMethod.SPAWN).setDaemon(true).start();
    }

    private static final class LockVictim implements Victim {
        private final String lockName;
        private final String heldName;
        private final SharedLock lock;
        private final SharedEvent held;

        LockVictim(String prefix) {
            lockName = prefix + "-lock";
            heldName = prefix + "-held";
            lock = SharedLock.create(lockName);
            held = SharedEvent.create(heldName);
        }

        @Override
        public JvmProcess startChild() throws InterruptedException {
            held.clear();
            String lockName = this.lockName;
            String heldName = this.heldName;
            JvmProcess child = spawn(() -> {
                try (SharedLock lock = SharedLock.open(lockName); SharedEvent ready = SharedEvent.open(heldName)) {
                    lock.lock();
                    ready.set();
                    Thread.sleep(Long.MAX_VALUE);
                }
            });
            if (!held.await(60, TimeUnit.SECONDS)) {
                child.kill();
                throw new IllegalStateException("the child did not take the lock within 60 s");
            }
            return child;
        }

        @Override
        public long awaitDeath() {
            lock.lock();
            long at = System.nanoTime();
            lock.unlock();
            return at;
        }

        @Override
        public void close() {
            lock.unlink();
            held.unlink();
            lock.close();
            held.close();
        }
    }

    private static final class BarrierVictim implements Victim {
        private final String barrierName;
        private final SharedBarrier barrier;

        BarrierVictim(String prefix) {
            barrierName = prefix + "-barrier";
            barrier = SharedBarrier.create(barrierName, 2);
        }

        @Override
        public JvmProcess startChild() throws Exception {
            barrier.reset();
            String barrierName = this.barrierName;
            JvmProcess child = spawn(() -> {
                try (SharedBarrier barrier = SharedBarrier.open(barrierName)) {
                    barrier.await();
                    Thread.sleep(Long.MAX_VALUE);
                }
            });
            barrier.await(60, TimeUnit.SECONDS);
            return child;
        }

        @Override
        public long awaitDeath() throws InterruptedException {
            try {
                barrier.await();
                throw new IllegalStateException("the barrier tripped with one party dead");
            } catch (BrokenBarrierException expected) {
                return System.nanoTime();
            }
        }

        @Override
        public void close() {
            barrier.unlink();
            barrier.close();
        }
    }

    private static final class PipeVictim implements Victim {
        private Pipe pipe;

        @Override
        public JvmProcess startChild() throws Exception {
            closePipe();
            pipe = Pipe.open(false);
            Connection childEnd = pipe.second();
            JvmProcess child = spawn(() -> {
                childEnd.send("attached");
                Thread.sleep(Long.MAX_VALUE);
            });
            childEnd.close();
            if (!"attached".equals(pipe.first().recv(60, TimeUnit.SECONDS))) {
                throw new IllegalStateException("the child sent something else");
            }
            return child;
        }

        @Override
        public long awaitDeath() throws InterruptedException {
            try {
                pipe.first().recv();
                throw new IllegalStateException("a message came from a dead child");
            } catch (EOFException expected) {
                return System.nanoTime();
            }
        }

        private void closePipe() {
            if (pipe != null) {
                pipe.first().unlink();
                pipe.first().close();
            }
        }

        @Override
        public void close() {
            closePipe();
        }
    }

    /**
     * An MPMC ring whose head is space a child claimed and was killed before writing a header (issue #16
     * item 3); this JVM committed a message behind it, and the wait is a read of that message.
     */
    private static final class ClaimVictim implements Victim {
        private final String ringName;
        private final String claimedName;
        private final SharedRing ring;
        private final SharedEvent claimed;

        ClaimVictim(String prefix) {
            ringName = prefix + "-ring";
            claimedName = prefix + "-claimed";
            ring = SharedRing.create(ringName, SharedRing.Kind.MPMC, 1 << 16);
            claimed = SharedEvent.create(claimedName);
        }

        @Override
        public JvmProcess startChild() throws InterruptedException {
            claimed.clear();
            String ringName = this.ringName;
            String claimedName = this.claimedName;
            JvmProcess child = spawn(() -> {
                ClaimWindow.claimWithoutHeader(ringName);
                try (SharedEvent ready = SharedEvent.open(claimedName)) {
                    ready.set();
                    Thread.sleep(Long.MAX_VALUE);
                }
            });
            if (!claimed.await(60, TimeUnit.SECONDS)) {
                child.kill();
                throw new IllegalStateException("the child did not claim within 60 s");
            }
            if (!ring.offer(new byte[Long.BYTES], 0, Long.BYTES)) {
                throw new IllegalStateException("no room behind the child's claim");
            }
            return child;
        }

        @Override
        public long awaitDeath() throws InterruptedException {
            int read = ring.read((buffer, offset, length) -> { }, 1, 30, TimeUnit.SECONDS);
            if (read != 1) {
                throw new IllegalStateException("the message behind the dead claim did not come: " + read);
            }
            return System.nanoTime();
        }

        @Override
        public void close() {
            ring.unlink();
            claimed.unlink();
            ring.close();
            claimed.close();
        }
    }

    /**
     * CPU microseconds per second of waiting spent by the waiting thread and the exit-watch thread (if any)
     * while the waiter sleeps on a live child: per-thread CPU clocks, so the rest of the JVM does not count.
     */
    private static double cpuWhileWaiting(Victim victim, ExecutorService waiter, long seconds) throws Exception {
        long waiterThread = waiter.submit(() -> Thread.currentThread().getId()).get();
        JvmProcess child = victim.startChild();
        Future<Long> waiting = waiter.submit((Callable<Long>) victim::awaitDeath);
        Thread.sleep(1_000);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] ids = LongStream.concat(LongStream.of(waiterThread), watchThreads()).toArray();
        long before = cpuNanos(threads, ids);
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        long cpu = cpuNanos(threads, ids) - before;
        child.kill();
        waiting.get(30, TimeUnit.SECONDS);
        child.join();
        return cpu / 1e3 / seconds;
    }

    /** The exit watches' threads: pidfd polling (the library's and this benchmark's kernel-exit one) and lifeline sleepers. */
    private static LongStream watchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("ipc4j-exit-watch") || t.getName().startsWith("ipc4j-lifeline-watch"))
                .mapToLong(Thread::getId);
    }

    private static long cpuNanos(ThreadMXBean threads, long[] ids) {
        long sum = 0;
        for (long id : ids) {
            sum += id < 0 ? 0 : Math.max(0, threads.getThreadCpuTime(id));
        }
        return sum;
    }

    private static void append(Path out, String row) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, row, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
