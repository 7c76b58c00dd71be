package org.ipc4j.wait;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until any of several objects is ready: Python's {@code multiprocessing.connection.wait}.
 *
 * <pre>{@code
 *   List<Waitable> ready = WaitSet.waitAny(List.of(fromWorker, jobs, stop, child), Duration.ofSeconds(1));
 * }</pre>
 *
 * A {@code Connection} is ready when a {@code recv} would not block (a message, or the end of the stream),
 * a {@code SharedQueue} when a {@code take} would not block (an element, or shut down and drained), a
 * {@code SharedEvent} when it is set or was set since the wait began (as its {@code await} returns for a set
 * cleared at once), a {@code JvmProcess} when it has ended. Readiness is a snapshot: with
 * other consumers of the same queue or pipe end, the element may be gone by the time this caller reads it.
 *
 * <p>No polling: the caller parks, and for each object's futex word one thread of this JVM sleeps in the
 * kernel on behalf of every waiter on that word (the relay that virtual threads use too), unparking them when
 * a waker changes or wakes the word; a process's exit unparks the caller itself. Each object's own liveness
 * rules hold: a pipe whose peer died is ready (end of stream) once that death is known.
 */
public final class WaitSet {
    private WaitSet() {
    }

    /** Waits, however long it takes, until at least one of {@code objects} is ready; returns the ready ones. */
    public static <T extends Waitable> List<T> waitAny(Collection<? extends T> objects) throws InterruptedException {
        if (objects.isEmpty()) {
            throw new IllegalArgumentException("waitAny with no objects and no timeout would wait forever");
        }
        return await(objects, WaitStrategies.noDeadline());
    }

    /**
     * Waits at most {@code timeout} until at least one of {@code objects} is ready; returns the ready ones, in
     * the order given, or an empty list on timeout. A zero timeout only looks.
     */
    public static <T extends Waitable> List<T> waitAny(Collection<? extends T> objects, Duration timeout)
            throws InterruptedException {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("a negative timeout: " + timeout);
        }
        return await(objects, WaitStrategies.deadline(timeout));
    }

    private static <T extends Waitable> List<T> await(Collection<? extends T> objects, long deadlineNanos)
            throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        List<T> items = new ArrayList<>(objects.size());
        List<Readiness> watches = new ArrayList<>(objects.size());
        for (T object : objects) {
            items.add(Objects.requireNonNull(object, "an object to wait on"));
            watches.add(object.readiness());
        }
        List<T> ready = readyOf(items, watches);
        if (!ready.isEmpty() || deadlineNanos - System.nanoTime() <= 0) {
            return ready;
        }
        Thread me = Thread.currentThread();
        int begun = 0;
        try {
            for (Readiness watch : watches) {
                watch.beginWait();
                begun++;
                if (watch.word() == null) {
                    watch.unparkWhenReady(me);
                }
            }
            return sleepUntilReady(items, watches, deadlineNanos);
        } finally {
            for (int i = 0; i < begun; i++) {
                Readiness watch = watches.get(i);
                if (watch.word() == null) {
                    watch.stopUnparking(me);
                }
                watch.endWait();
            }
        }
    }

    private static <T> List<T> sleepUntilReady(List<T> items, List<Readiness> watches, long deadlineNanos)
            throws InterruptedException {
        Thread me = Thread.currentThread();
        int[] seen = new int[watches.size()];
        List<Runnable> relays = new ArrayList<>(watches.size());
        while (true) {
            // the words first, then the checks: a change after a word was read makes its relay unpark us
            for (int i = 0; i < watches.size(); i++) {
                FutexWord word = watches.get(i).word();
                seen[i] = word == null ? 0 : word.get();
            }
            List<T> ready = readyOf(items, watches);
            long remaining = deadlineNanos - System.nanoTime();
            if (!ready.isEmpty() || remaining <= 0) {
                return ready;
            }
            try {
                for (int i = 0; i < watches.size(); i++) {
                    FutexWord word = watches.get(i).word();
                    if (word != null) {
                        relays.add(VirtualThreadSleep.watch(word, me, seen[i]));
                    }
                }
                // a relay already running may have read the word's new value before we joined it, and then
                // sleeps on that value without unparking us: a word that moved since it was read is looked at now
                if (unchanged(watches, seen)) {
                    LockSupport.parkNanos(WaitSet.class, Math.min(remaining, recheckInterval(watches)));
                }
            } finally {
                relays.forEach(Runnable::run);
                relays.clear();
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    private static boolean unchanged(List<Readiness> watches, int[] seen) {
        for (int i = 0; i < watches.size(); i++) {
            FutexWord word = watches.get(i).word();
            if (word != null && word.get() != seen[i]) {
                return false;
            }
        }
        return true;
    }

    /** Asked after each check: an object may need a sooner look while it is in a state nobody signals the end of. */
    private static long recheckInterval(List<Readiness> watches) {
        long interval = Long.MAX_VALUE;
        for (Readiness watch : watches) {
            interval = Math.min(interval, watch.recheckIntervalNanos());
        }
        return interval;
    }

    private static <T> List<T> readyOf(List<T> items, List<Readiness> watches) {
        List<T> ready = new ArrayList<>(0);
        for (int i = 0; i < items.size(); i++) {
            if (watches.get(i).isReady()) {
                ready.add(items.get(i));
            }
        }
        return ready;
    }
}
