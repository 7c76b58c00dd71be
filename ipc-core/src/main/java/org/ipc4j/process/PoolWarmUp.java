package org.ipc4j.process;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.ipc4j.process.PoolMessages.Kind;

/**
 * Takes the pool's message path once in memory, with no pipe and no other process: encode map chunks and
 * single tasks ({@link TaskEncoder}), run them in a {@link PoolWorker}, read its results ({@link PoolResults}).
 * A worker does this before it reports itself initialised, the parent in the background while its workers
 * boot. Without it a fresh pool's first {@code map} runs its per-element loops in the interpreter, which on a
 * 2-core machine made the first map of 40,000 items about ten times slower than the following ones.
 * {@code -Dipc4j.poolWarmUpItems=0} turns it off.
 */
final class PoolWarmUp {
    /** Elements that pass through the codec: enough for the JIT to compile its loops, not their OSR alone. */
    static final int ITEMS = Integer.getInteger("ipc4j.poolWarmUpItems", 100_000);
    private static final int CHUNK = 2_000;
    private static final String SOURCE = "pool warm-up";
    private static final AtomicBoolean PARENT_DONE = new AtomicBoolean();

    private PoolWarmUp() {
    }

    /** Once per JVM, on a daemon thread, so a pool's constructor does not wait for it. */
    static void inBackgroundOnce() {
        if (ITEMS <= 0 || !PARENT_DONE.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                run(ITEMS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ipc4j-pool-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Sends {@code items} elements through the path, in chunks of Integers, chunks of mixed values and single
     * tasks; returns how many results came back, each checked against what went in.
     */
    static int run(int items) throws InterruptedException {
        List<Integer> integers = new ArrayList<>(CHUNK);
        List<Object> mixed = new ArrayList<>(CHUNK);
        for (int i = 0; i < CHUNK; i++) {
            integers.add(i);
            mixed.add(i % 3 == 0 ? "item-" + i : i % 3 == 1 ? (Object) (long) i : (Object) (i + 0.5));
        }
        PoolFunction<Object, Object> identity = x -> x;
        FunctionTable functions = new FunctionTable();
        List<Object> received = new ArrayList<>();
        PoolWorker worker = new PoolWorker((message, length) -> collect(message, length, received));
        WireOut message = new WireOut();
        long nextId = 0;
        int checked = 0;
        for (int sent = 0; sent < items; sent += 2 * CHUNK + CHUNK / 10) {
            message.truncate(0);
            List<Object> expected = new ArrayList<>();
            expected.add(integers);
            expected.add(mixed);
            TaskEncoder.encode(message, functions, new PoolTask(nextId++, Kind.CHUNK, identity, new ArrayList<>(integers)), SOURCE);
            TaskEncoder.encode(message, functions, new PoolTask(nextId++, Kind.CHUNK, identity, new ArrayList<>(mixed)), SOURCE);
            for (int i = 0; i < CHUNK / 10; i++) {
                expected.add(integers.get(i));
                TaskEncoder.encode(message, functions, new PoolTask(nextId++, Kind.APPLY, identity, integers.get(i)), SOURCE);
            }
            received.clear();
            worker.handle(new WireIn(SOURCE, Arrays.copyOf(message.array(), message.length())));
            if (!received.equals(expected)) {
                throw new IllegalStateException("the pool warm-up got back other values than it sent");
            }
            checked += received.size();
        }
        return checked;
    }

    private static void collect(byte[] message, int length, List<Object> received) {
        PoolResults results = PoolResults.read(SOURCE, Arrays.copyOf(message, length));
        for (int i = 0; i < results.count; i++) {
            if (results.errors[i] != null) {
                throw new IllegalStateException("a pool warm-up task failed", results.errors[i]);
            }
            received.add(results.values[i]);
        }
    }
}
