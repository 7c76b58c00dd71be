package org.ipc4j.sync;

import static org.ipc4j.sync.EventDescriptor.FLAG;
import static org.ipc4j.sync.EventDescriptor.WAITERS_OFFSET;
import static org.ipc4j.sync.EventDescriptor.WORD_OFFSET;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionNames;
import org.ipc4j.region.SharedObject;
import org.ipc4j.wait.FutexWord;
import org.ipc4j.wait.Readiness;
import org.ipc4j.wait.WaitSet;
import org.ipc4j.wait.WaitStrategies;
import org.ipc4j.wait.WaitStrategy;
import org.ipc4j.wait.Waitable;

/**
 * A flag shared by every JVM that opens it by name: Python's {@code multiprocessing.Event}. {@link #set}
 * wakes every waiter in every process; {@link #await} returns once the event is set, and also when it was
 * set and cleared again while the caller waited.
 */
public final class SharedEvent extends SharedObject implements Waitable {
    private static final long serialVersionUID = 1L;

    private final transient MappedBytes bytes;
    private final transient FutexWord word;
    private transient volatile WaitStrategy strategy = WaitStrategies.defaultStrategy();

    private SharedEvent(Region region) {
        super(region);
        region.requireBodyLength(EventDescriptor.BODY_LENGTH, "event");
        this.bytes = region.bytes();
        this.word = new FutexWord(bytes, WORD_OFFSET, WAITERS_OFFSET);
    }

    public static SharedEvent create(String name) {
        return Region.create(name, ObjectType.EVENT, EventDescriptor.BODY_LENGTH, bytes -> { }).buildOrClose(SharedEvent::new);
    }

    public static SharedEvent create() {
        return create(RegionNames.anonymous());
    }

    public static SharedEvent open(String name) {
        return Region.open(name, ObjectType.EVENT).buildOrClose(SharedEvent::new);
    }

    /** As {@link #open(String)}, waiting at most {@code timeout} for another process to create it. */
    public static SharedEvent open(String name, Duration timeout) throws InterruptedException {
        Region.awaitCreated(name, timeout);
        return open(name);
    }

    public static SharedEvent openOrCreate(String name) {
        return Region.openOrCreate(name, ObjectType.EVENT, EventDescriptor.BODY_LENGTH, bytes -> { })
                .buildOrClose(SharedEvent::new);
    }

    /** Sets the flag and wakes every waiter; does nothing if already set. */
    public void set() {
        ensureOpen();
        while (true) {
            int current = bytes.getIntVolatile(WORD_OFFSET);
            if ((current & FLAG) != 0) {
                return;
            }
            // release CAS: pairs with the waiter's volatile read of the word, so writes before set() are visible after await()
            if (bytes.compareAndSetInt(WORD_OFFSET, current, EventDescriptor.setWord(current))) {
                word.wakeAll();
                return;
            }
        }
    }

    public void clear() {
        ensureOpen();
        while (true) {
            int current = bytes.getIntVolatile(WORD_OFFSET);
            if ((current & FLAG) == 0 || bytes.compareAndSetInt(WORD_OFFSET, current, current & ~FLAG)) {
                return;
            }
        }
    }

    public boolean isSet() {
        ensureOpen();
        return (bytes.getIntVolatile(WORD_OFFSET) & FLAG) != 0;
    }

    /** For {@link WaitSet}: ready when set. */
    @Override
    public Readiness readiness() {
        ensureOpen();
        int atStart = word.get();
        return new Readiness() {
            /** Set now, or set since the wait began and cleared again: only a set changes a word whose flag was off. */
            @Override
            public boolean isReady() {
                int now = word.get();
                return (now & FLAG) != 0 || now != atStart;
            }

            @Override
            public FutexWord word() {
                return word;
            }
        };
    }

    /** Waits until the event is set. */
    public void await() throws InterruptedException {
        ensureOpen();
        awaitUntil(WaitStrategies.noDeadline());
    }

    /** Waits until the event is set or the timeout passes; returns whether it was set. */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        ensureOpen();
        return awaitUntil(WaitStrategies.deadline(timeout, unit));
    }

    /** How many threads sleep on it now, over all processes (a process killed asleep may stay counted). */
    public int sleepingWaiters() {
        ensureOpen();
        return word.waiters();
    }

    public void waitStrategy(WaitStrategy strategy) {
        ensureOpen();
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    private boolean awaitUntil(long deadline) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before waiting for '" + name() + "'");
        }
        // acquire: pairs with the setter's CAS (see set())
        int seen = bytes.getIntVolatile(WORD_OFFSET);
        if ((seen & FLAG) != 0) {
            return true;
        }
        WaitStrategy waitStrategy = strategy;
        for (int round = 0; bytes.getIntVolatile(WORD_OFFSET) == seen; round++) {
            if (WaitStrategies.isDue(deadline)) {
                return false;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for '" + name() + "'");
            }
            waitStrategy.idle(word, seen, round, deadline);
        }
        return true;
    }
}
