package org.ipc4j.channel;

import java.util.ArrayList;
import java.util.List;

import org.ipc4j.codec.Codec;
import org.ipc4j.codec.Codecs;
import org.ipc4j.ring.RingOptions;

/**
 * Queues for one test, each under a name of its own, all unlinked and closed by {@link #close()} (call it
 * from {@code @AfterEach}) so that a failing test leaves no file behind either.
 */
final class TestQueues implements AutoCloseable {
    /** Bytes enough for every element a contract test puts, so that only a count bound makes a queue full. */
    static final int ROOMY = 1 << 16;

    private final String prefix;
    private final List<SharedQueue<?>> created = new ArrayList<>();

    TestQueues(String prefix) {
        this.prefix = prefix;
    }

    /** An Integer queue bounded by {@code maxCount} elements (0: by bytes only). */
    SharedQueue<Integer> ints(int maxCount) {
        return create(RingOptions.ofCapacity(ROOMY).withMaxCount(maxCount), Codecs.ints());
    }

    /** An Integer queue holding {@code 0 .. n-1}, bounded by {@code n} elements. */
    SharedQueue<Integer> populated(int n) {
        SharedQueue<Integer> queue = ints(n);
        for (int i = 0; i < n; i++) {
            if (!queue.offer(i)) {
                throw new AssertionError("offer " + i + " failed on a queue of " + n);
            }
        }
        return queue;
    }

    <E> SharedQueue<E> create(RingOptions options, Codec<E> codec) {
        SharedQueue<E> queue = SharedQueue.create(prefix + "-" + created.size(), options, codec);
        created.add(queue);
        return queue;
    }

    /** Another handle on {@code queue} (as another process would have), closed with the rest. */
    <E> SharedQueue<E> open(SharedQueue<E> queue) {
        SharedQueue<E> other = SharedQueue.open(queue.name(), queue.codec());
        created.add(other);
        return other;
    }

    /** A joinable queue, tracked like the others. */
    <E> JoinableQueue<E> joinable(RingOptions options, Codec<E> codec) {
        JoinableQueue<E> queue = JoinableQueue.create(prefix + "-" + created.size(), options, codec);
        created.add(queue);
        return queue;
    }

    @Override
    public void close() {
        for (SharedQueue<?> queue : created) {
            if (!queue.isClosed()) {
                queue.unlink(); // idempotent: another handle may have unlinked the name already
                queue.close();
            }
        }
        created.clear();
    }
}
