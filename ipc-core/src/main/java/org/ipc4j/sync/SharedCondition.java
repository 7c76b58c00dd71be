package org.ipc4j.sync;

import static org.ipc4j.sync.ConditionDescriptor.CAPACITY_OFFSET;
import static org.ipc4j.sync.ConditionDescriptor.LOCK_NAME_CAPACITY;
import static org.ipc4j.sync.ConditionDescriptor.LOCK_NAME_LENGTH_OFFSET;
import static org.ipc4j.sync.ConditionDescriptor.LOCK_NAME_OFFSET;
import static org.ipc4j.sync.ConditionDescriptor.LOCK_TYPE_OFFSET;
import static org.ipc4j.sync.ConditionDescriptor.MAX_CAPACITY;
import static org.ipc4j.sync.ConditionDescriptor.WAITING;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.function.BooleanSupplier;

import org.ipc4j.errors.CorruptedException;
import org.ipc4j.errors.InvalidNameException;
import org.ipc4j.errors.TypeMismatchException;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionNames;
import org.ipc4j.region.SharedObject;
import org.ipc4j.wait.WaitStrategies;
import org.ipc4j.wait.WaitStrategy;

/**
 * A condition variable bound to a {@link SharedLock} or {@link SharedRLock}, shared by every JVM that
 * opens it: Python's {@code multiprocessing.Condition}, as a {@link Condition}. Waiting releases the lock
 * completely (every hold of an RLock) and takes it back, with the same holds, before returning.
 *
 * <p>{@link #signal()} wakes the longest-waiting thread, in whatever process; a waiter that times out or is
 * interrupted after being signalled returns as signalled, so no signal is lost. Spurious wake-ups do not
 * happen, but callers should still loop on their predicate, or use {@link #awaitUntil(BooleanSupplier)}.
 *
 * <p>The region stores the lock's name: {@link #open(String)} opens that lock too (reachable through
 * {@link #lock()}, and closed with this condition). A process that already has the lock open can bind to
 * it with {@link #open(String, AbstractSharedLock)}; either way ownership is per thread and process, not
 * per Java object, so locking through another instance of the same lock is fine.
 */
public final class SharedCondition extends SharedObject implements Condition {
    private static final long serialVersionUID = 1L;

    private final transient AbstractSharedLock lock;
    private final transient boolean ownsLock;
    private final transient ConditionWaiters waiters;
    private transient volatile WaitStrategy strategy = WaitStrategies.defaultStrategy();

    /** Must not throw: {@link #open(String)} has opened the bound lock by now, which a failure here would leave open. */
    private SharedCondition(Region region, ConditionWaiters waiters, AbstractSharedLock lock, boolean ownsLock) {
        super(region);
        this.waiters = waiters;
        this.lock = lock;
        this.ownsLock = ownsLock;
    }

    private static ConditionWaiters waiters(Region region) {
        region.requireBodyAtLeast(ConditionDescriptor.bodyLength(0), "condition");
        int capacity = region.bytes().getInt(CAPACITY_OFFSET);
        if (capacity < 1 || capacity > MAX_CAPACITY || ConditionDescriptor.bodyLength(capacity) > region.bodyLength()) {
            throw new CorruptedException("'" + region.name() + "': condition capacity " + capacity
                    + " does not fit its " + region.bodyLength() + "-byte body");
        }
        return new ConditionWaiters(region.name(), region.bytes(), capacity, region.processes());
    }

    /** Creates a condition named {@code name} bound to {@code lock}, with room for 64 waiting threads. */
    public static SharedCondition create(String name, AbstractSharedLock lock) {
        return create(name, lock, ConditionDescriptor.DEFAULT_CAPACITY);
    }

    /** As {@link #create(String, AbstractSharedLock)}, with room for {@code capacity} threads waiting at once. */
    public static SharedCondition create(String name, AbstractSharedLock lock, int capacity) {
        Objects.requireNonNull(lock, "lock");
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("'" + name + "': capacity must be 1.." + MAX_CAPACITY + ", not " + capacity);
        }
        byte[] lockName = lock.name().getBytes(StandardCharsets.US_ASCII);
        ObjectType lockType = lock instanceof SharedRLock ? ObjectType.RLOCK : ObjectType.LOCK;
        Region region = Region.create(name, ObjectType.CONDITION, ConditionDescriptor.bodyLength(capacity), bytes -> {
            bytes.putInt(CAPACITY_OFFSET, capacity);
            bytes.putInt(LOCK_TYPE_OFFSET, lockType.code());
            bytes.putInt(LOCK_NAME_LENGTH_OFFSET, lockName.length);
            bytes.putBytes(LOCK_NAME_OFFSET, lockName, 0, lockName.length);
        });
        return region.buildOrClose(created -> new SharedCondition(created, waiters(created), lock, false));
    }

    /** An anonymous condition bound to {@code lock} (what {@link AbstractSharedLock#newCondition()} returns). */
    public static SharedCondition create(AbstractSharedLock lock) {
        return create(RegionNames.anonymous(), lock);
    }

    /** Opens a condition and the lock it is bound to; {@link #close()} closes both. */
    public static SharedCondition open(String name) {
        return Region.open(name, ObjectType.CONDITION).buildOrClose(region -> {
            ConditionWaiters waiters = waiters(region);
            BoundLock bound = boundLock(region);
            // the lock is opened last: nothing after it can fail and leave it open
            AbstractSharedLock lock = bound.type == ObjectType.RLOCK ? SharedRLock.open(bound.name) : SharedLock.open(bound.name);
            return new SharedCondition(region, waiters, lock, true);
        });
    }

    /** As {@link #open(String)}, waiting at most {@code timeout} for another process to create it. */
    public static SharedCondition open(String name, Duration timeout) throws InterruptedException {
        Region.awaitCreated(name, timeout);
        return open(name);
    }

    /** Opens a condition, binding it to {@code lock}, which must be the lock it was created with. */
    public static SharedCondition open(String name, AbstractSharedLock lock) {
        return Region.open(name, ObjectType.CONDITION).buildOrClose(region -> {
            ConditionWaiters waiters = waiters(region);
            BoundLock bound = boundLock(region);
            ObjectType type = lock instanceof SharedRLock ? ObjectType.RLOCK : ObjectType.LOCK;
            if (!bound.name.equals(lock.name()) || bound.type != type) {
                throw new TypeMismatchException("condition '" + name + "' is bound to " + bound.type + " '" + bound.name
                        + "', not to " + type + " '" + lock.name() + "'");
            }
            return new SharedCondition(region, waiters, lock, false);
        });
    }

    private record BoundLock(ObjectType type, String name) {
    }

    private static BoundLock boundLock(Region region) {
        MappedBytes bytes = region.bytes();
        ObjectType type = ObjectType.ofCode(bytes.getInt(LOCK_TYPE_OFFSET));
        int length = bytes.getInt(LOCK_NAME_LENGTH_OFFSET);
        if ((type != ObjectType.LOCK && type != ObjectType.RLOCK) || length < 1 || length > LOCK_NAME_CAPACITY) {
            throw new CorruptedException("'" + region.name() + "': bound lock type " + type + " and name length " + length
                    + " are not values ipc4j writes");
        }
        byte[] name = new byte[length];
        bytes.getBytes(LOCK_NAME_OFFSET, name, 0, length);
        String lockName = new String(name, StandardCharsets.US_ASCII);
        try {
            RegionNames.validate(lockName);
        } catch (InvalidNameException e) {
            throw new CorruptedException("'" + region.name() + "': the bound lock's name is not valid: " + e.getMessage(), e);
        }
        return new BoundLock(type, lockName);
    }

    /** The lock this condition is bound to. */
    public AbstractSharedLock lock() {
        return lock;
    }

    @Override
    public void await() throws InterruptedException {
        await(WaitStrategies.noDeadline(), false, true);
    }

    @Override
    public void awaitUninterruptibly() {
        try {
            await(WaitStrategies.noDeadline(), false, false);
        } catch (InterruptedException impossible) {
            throw new AssertionError("uninterruptible await threw", impossible);
        }
    }

    @Override
    public long awaitNanos(long nanosTimeout) throws InterruptedException {
        long deadline = WaitStrategies.deadline(nanosTimeout, TimeUnit.NANOSECONDS);
        await(deadline, true, true);
        return deadline - System.nanoTime();
    }

    /** Waits until signalled or the timeout passes; false if it timed out (then not signalled). */
    @Override
    public boolean await(long time, TimeUnit unit) throws InterruptedException {
        return await(WaitStrategies.deadline(time, unit), true, true);
    }

    @Override
    public boolean awaitUntil(Date deadline) throws InterruptedException {
        return await(deadline.getTime() - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until {@code predicate} holds, checking it under the lock: Python's {@code wait_for} without timeout. */
    public void awaitUntil(BooleanSupplier predicate) throws InterruptedException {
        while (!predicate.getAsBoolean()) {
            await();
        }
    }

    /**
     * Python's {@code wait_for(predicate, timeout)}: waits until {@code predicate} holds or the timeout
     * passes, checking it under the lock; returns its last value.
     */
    public boolean awaitUntil(BooleanSupplier predicate, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = WaitStrategies.deadline(timeout, unit);
        boolean result = predicate.getAsBoolean();
        while (!result && !WaitStrategies.isDue(deadline)) {
            await(deadline, true, true);
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /** Wakes the longest-waiting thread, in any process. The caller must hold the lock. */
    @Override
    public void signal() {
        ensureHeld("signal");
        waiters.signalOne();
    }

    /** Wakes every waiting thread, in every process. The caller must hold the lock. */
    @Override
    public void signalAll() {
        ensureHeld("signal");
        waiters.signalAll();
    }

    /** How many threads wait now (or were signalled and are taking the lock back), over all processes. */
    public int waiting() {
        ensureOpen();
        return waiters.occupied();
    }

    public void waitStrategy(WaitStrategy strategy) {
        ensureOpen();
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    @Override
    public void close() {
        super.close();
        if (ownsLock) {
            lock.close();
        }
    }

    /** Returns true if signalled, false if the deadline passed first. */
    private boolean await(long deadline, boolean timed, boolean interruptible) throws InterruptedException {
        if (interruptible && Thread.interrupted()) {
            throw new InterruptedException("interrupted before waiting on '" + name() + "'");
        }
        ensureHeld("wait");
        int slot = waiters.register();
        int holds = lock.releaseFully();
        boolean interrupted = false;
        WaitStrategy waitStrategy = strategy;
        for (int round = 0; waiters.state(slot) == WAITING; round++) {
            if (timed && WaitStrategies.isDue(deadline)) {
                break;
            }
            if (Thread.interrupted()) {
                interrupted = true;
                if (interruptible) {
                    break;
                }
            }
            waitStrategy.idle(waiters.word(slot), WAITING, round, deadline);
        }
        lock.reacquire(holds);
        boolean signalled = waiters.unregister(slot);
        if (interrupted) {
            if (interruptible && !signalled) {
                throw new InterruptedException("interrupted while waiting on '" + name() + "'");
            }
            Thread.currentThread().interrupt();
        }
        return signalled;
    }

    private void ensureHeld(String action) {
        ensureOpen();
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("condition '" + name() + "': cannot " + action + " without holding "
                    + lock.getClass().getSimpleName() + " '" + lock.name() + "'");
        }
    }
}
