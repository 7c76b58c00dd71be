package org.ipc4j.sync;

import static org.ipc4j.sync.SemaphoreDescriptor.BULK_WAITERS_OFFSET;
import static org.ipc4j.sync.SemaphoreDescriptor.FLAGS_OFFSET;
import static org.ipc4j.sync.SemaphoreDescriptor.FLAG_BOUNDED;
import static org.ipc4j.sync.SemaphoreDescriptor.INITIAL_PERMITS_OFFSET;
import static org.ipc4j.sync.SemaphoreDescriptor.PERMITS_OFFSET;
import static org.ipc4j.sync.SemaphoreDescriptor.WAITERS_OFFSET;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.ipc4j.errors.BoundExceededException;
import org.ipc4j.errors.CorruptedException;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionNames;
import org.ipc4j.region.SharedObject;
import org.ipc4j.wait.FutexWord;
import org.ipc4j.wait.WaitStrategies;
import org.ipc4j.wait.WaitStrategy;

/**
 * A counting semaphore shared by every JVM that opens it by name: Python's {@code multiprocessing.Semaphore},
 * and with {@link #createBounded} its {@code BoundedSemaphore}, which refuses to release above its initial
 * value ({@link BoundExceededException}). Not fair: an arriving acquirer may take a permit before a sleeper.
 *
 * <p>Permits are counts, not owned: any thread of any process may release. Permits held by a process that
 * dies are not given back (as with POSIX {@code sem_t} and Python); a bounded semaphore then stays below
 * its bound. Use a {@link SharedLock} where the holder's death must be recovered from.
 */
public final class SharedSemaphore extends SharedObject {
    private static final long serialVersionUID = 1L;

    private final transient MappedBytes bytes;
    private final transient FutexWord permitsWord;
    private final transient boolean bounded;
    private final transient int initialPermits;
    private transient volatile WaitStrategy strategy = WaitStrategies.defaultStrategy();

    private SharedSemaphore(Region region) {
        super(region);
        region.requireBodyLength(SemaphoreDescriptor.BODY_LENGTH, "semaphore");
        this.bytes = region.bytes();
        this.permitsWord = new FutexWord(bytes, PERMITS_OFFSET, WAITERS_OFFSET);
        int flags = bytes.getInt(FLAGS_OFFSET);
        this.initialPermits = bytes.getInt(INITIAL_PERMITS_OFFSET);
        if ((flags & ~FLAG_BOUNDED) != 0 || initialPermits < 0) {
            throw new CorruptedException("'" + region.name() + "': semaphore flags 0x" + Integer.toHexString(flags)
                    + " and initial permits " + initialPermits + " are not values ipc4j writes");
        }
        this.bounded = (flags & FLAG_BOUNDED) != 0;
    }

    public static SharedSemaphore create(String name, int permits) {
        return Region.create(name, ObjectType.SEMAPHORE, SemaphoreDescriptor.BODY_LENGTH, init(name, permits, false))
                .buildOrClose(SharedSemaphore::new);
    }

    public static SharedSemaphore create(int permits) {
        return create(RegionNames.anonymous(), permits);
    }

    /** A semaphore whose {@link #release} refuses to go above {@code permits} (Python's BoundedSemaphore). */
    public static SharedSemaphore createBounded(String name, int permits) {
        return Region.create(name, ObjectType.SEMAPHORE, SemaphoreDescriptor.BODY_LENGTH, init(name, permits, true))
                .buildOrClose(SharedSemaphore::new);
    }

    public static SharedSemaphore createBounded(int permits) {
        return createBounded(RegionNames.anonymous(), permits);
    }

    /** Opens a semaphore, bounded or not: the bound is part of the shared state. */
    public static SharedSemaphore open(String name) {
        return Region.open(name, ObjectType.SEMAPHORE).buildOrClose(SharedSemaphore::new);
    }

    /** As {@link #open(String)}, waiting at most {@code timeout} for another process to create it. */
    public static SharedSemaphore open(String name, Duration timeout) throws InterruptedException {
        Region.awaitCreated(name, timeout);
        return open(name);
    }

    /** Opens {@code name}, or creates it with {@code permits}; an existing semaphore keeps its own count. */
    public static SharedSemaphore openOrCreate(String name, int permits) {
        return Region.openOrCreate(name, ObjectType.SEMAPHORE, SemaphoreDescriptor.BODY_LENGTH, init(name, permits, false))
                .buildOrClose(SharedSemaphore::new);
    }

    public static SharedSemaphore openOrCreateBounded(String name, int permits) {
        return Region.openOrCreate(name, ObjectType.SEMAPHORE, SemaphoreDescriptor.BODY_LENGTH, init(name, permits, true))
                .buildOrClose(SharedSemaphore::new);
    }

    private static Consumer<MappedBytes> init(String name, int permits, boolean bounded) {
        if (permits < 0) {
            throw new IllegalArgumentException("'" + name + "': a semaphore needs permits >= 0, not " + permits);
        }
        return bytes -> {
            bytes.putInt(PERMITS_OFFSET, permits);
            bytes.putInt(INITIAL_PERMITS_OFFSET, permits);
            bytes.putInt(FLAGS_OFFSET, bounded ? FLAG_BOUNDED : 0);
        };
    }

    /** Takes one permit, waiting as long as it takes. */
    public void acquire() throws InterruptedException {
        acquire(1);
    }

    public void acquire(int permits) throws InterruptedException {
        ensureOpen();
        checkPermits(permits);
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before acquiring from '" + name() + "'");
        }
        if (!tryTake(permits)) {
            await(permits, WaitStrategies.noDeadline(), false);
        }
    }

    /** Takes a permit if one is available now. */
    public boolean tryAcquire() {
        return tryAcquire(1);
    }

    public boolean tryAcquire(int permits) {
        ensureOpen();
        checkPermits(permits);
        return tryTake(permits);
    }

    public boolean tryAcquire(long timeout, TimeUnit unit) throws InterruptedException {
        return tryAcquire(1, timeout, unit);
    }

    public boolean tryAcquire(int permits, long timeout, TimeUnit unit) throws InterruptedException {
        ensureOpen();
        checkPermits(permits);
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before acquiring from '" + name() + "'");
        }
        long deadline = WaitStrategies.deadline(timeout, unit);
        return tryTake(permits) || await(permits, deadline, true);
    }

    public void release() {
        release(1);
    }

    /**
     * Gives back {@code permits}; throws {@link BoundExceededException}, changing nothing, if that would
     * raise a bounded semaphore above its bound (or any semaphore past {@code Integer.MAX_VALUE}).
     */
    public void release(int permits) {
        ensureOpen();
        checkPermits(permits);
        int limit = bounded ? initialPermits : Integer.MAX_VALUE;
        while (true) {
            int current = bytes.getIntVolatile(PERMITS_OFFSET);
            if (current > limit - permits) {
                throw new BoundExceededException("'" + name() + "': release(" + permits + ") would raise the permits from "
                        + current + " above " + (bounded ? "the bound " + limit + " of this bounded semaphore" : "Integer.MAX_VALUE"));
            }
            // release CAS: pairs with an acquirer's CAS, so what the releaser wrote before is visible to it
            if (bytes.compareAndSetInt(PERMITS_OFFSET, current, current + permits)) {
                break;
            }
        }
        if (permits == 1 && bytes.getIntVolatile(BULK_WAITERS_OFFSET) == 0) {
            permitsWord.wakeOne();
        } else {
            permitsWord.wakeAll();
        }
    }

    public int availablePermits() {
        ensureOpen();
        return bytes.getIntVolatile(PERMITS_OFFSET);
    }

    public boolean isBounded() {
        ensureOpen();
        return bounded;
    }

    /** The permits it was created with: the bound of a bounded semaphore. */
    public int initialPermits() {
        ensureOpen();
        return initialPermits;
    }

    /** How many threads sleep on it now, over all processes (a process killed asleep may stay counted). */
    public int sleepingWaiters() {
        ensureOpen();
        return permitsWord.waiters();
    }

    public void waitStrategy(WaitStrategy strategy) {
        ensureOpen();
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    private boolean tryTake(int permits) {
        while (true) {
            int current = bytes.getIntVolatile(PERMITS_OFFSET);
            if (current < permits) {
                return false;
            }
            // acquire CAS: pairs with the release CAS that made these permits available
            if (bytes.compareAndSetInt(PERMITS_OFFSET, current, current - permits)) {
                return true;
            }
        }
    }

    private boolean await(int permits, long deadline, boolean timed) throws InterruptedException {
        boolean bulk = permits > 1;
        if (bulk) {
            bytes.getAndAddInt(BULK_WAITERS_OFFSET, 1);
        }
        try {
            WaitStrategy waitStrategy = strategy;
            for (int round = 0; ; round++) {
                int seen = bytes.getIntVolatile(PERMITS_OFFSET);
                if (seen >= permits) {
                    if (tryTake(permits)) {
                        return true;
                    }
                    continue;
                }
                if (timed && WaitStrategies.isDue(deadline)) {
                    passOnWake();
                    return false;
                }
                if (Thread.interrupted()) {
                    passOnWake();
                    throw new InterruptedException("interrupted while acquiring from '" + name() + "'");
                }
                waitStrategy.idle(permitsWord, seen, round, deadline);
            }
        } finally {
            if (bulk) {
                bytes.getAndAddInt(BULK_WAITERS_OFFSET, -1);
            }
        }
    }

    /** A waiter leaving without permits may have taken a wake-up meant for another: pass it on. */
    private void passOnWake() {
        if (bytes.getIntVolatile(PERMITS_OFFSET) > 0) {
            permitsWord.wakeOne();
        }
    }

    private void checkPermits(int permits) {
        if (permits <= 0) {
            throw new IllegalArgumentException("'" + name() + "': permits must be positive, not " + permits);
        }
    }
}
