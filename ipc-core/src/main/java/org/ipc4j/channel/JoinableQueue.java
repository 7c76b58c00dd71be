package org.ipc4j.channel;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.ipc4j.codec.Codec;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionNames;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.wait.WaitStrategies;

/**
 * Python's {@code JoinableQueue}: every put counts a task, {@link #taskDone()} marks one finished and
 * {@link #join()} waits, in any process, until all are. The count lives in the queue's JOIN line and is a
 * futex word, so joiners sleep. A producer killed between its put's count and its commit, or a consumer
 * that dies before {@code taskDone()}, leaves the count high: {@code join()} then waits for work that
 * will not be done (as in Python).
 */
public final class JoinableQueue<E> extends SharedQueue<E> {
    private static final long serialVersionUID = 1L;

    private JoinableQueue(Region region, Codec<E> codec) {
        super(checkJoinable(region), codec);
    }

    public static <E> JoinableQueue<E> create(String name, int capacityBytes, Codec<E> codec) {
        return create(name, RingOptions.ofCapacity(capacityBytes), codec);
    }

    public static <E> JoinableQueue<E> create(String name, RingOptions options, Codec<E> codec) {
        return Region.create(name, ObjectType.QUEUE, bodyLength(options),
                initialiser(options, codec, QueueDescriptor.FLAG_JOINABLE))
                .buildOrClose(region -> new JoinableQueue<>(region, codec));
    }

    public static <E> JoinableQueue<E> create(Codec<E> codec) {
        return create(RegionNames.anonymous(), 1 << 20, codec);
    }

    public static <E> JoinableQueue<E> openOrCreate(String name, RingOptions options, Codec<E> codec) {
        return Region.openOrCreate(name, ObjectType.QUEUE, bodyLength(options),
                initialiser(options, codec, QueueDescriptor.FLAG_JOINABLE))
                .buildOrClose(region -> new JoinableQueue<>(region, codec));
    }

    public static <E> JoinableQueue<E> open(String name) {
        return Region.open(name, ObjectType.QUEUE)
                .buildOrClose(region -> new JoinableQueue<>(region, CodecIds.<E>builtIn(name, storedCodecId(region))));
    }

    /** As {@link #open(String)}, waiting at most {@code timeout} for another process to create it. */
    public static <E> JoinableQueue<E> open(String name, Duration timeout) throws InterruptedException {
        Region.awaitCreated(name, timeout);
        return open(name);
    }

    public static <E> JoinableQueue<E> open(String name, Codec<E> codec) {
        return Region.open(name, ObjectType.QUEUE).buildOrClose(region -> new JoinableQueue<>(region, codec));
    }

    /** Marks one element taken earlier as processed; {@link IllegalStateException} if more than were put. */
    public void taskDone() {
        ensureOpen();
        tasks.done();
    }

    /** Waits until every element ever put has been marked done. */
    public void join() throws InterruptedException {
        ensureOpen();
        tasks.awaitAllDone(strategy, WaitStrategies.noDeadline());
    }

    /** As {@link #join()}, for at most {@code timeout}; false if tasks were still unfinished then. */
    public boolean join(long timeout, TimeUnit unit) throws InterruptedException {
        ensureOpen();
        return tasks.awaitAllDone(strategy, WaitStrategies.deadline(timeout, unit));
    }

    /** Elements put and not yet marked done. */
    public int unfinished() {
        ensureOpen();
        return tasks.unfinished();
    }
}
