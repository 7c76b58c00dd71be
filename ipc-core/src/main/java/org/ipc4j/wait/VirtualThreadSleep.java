package org.ipc4j.wait;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.ipc4j.memory.MappedBytes;

/**
 * Futex sleeps of virtual threads. A futex wait is a native call: a virtual thread making it would hold its
 * carrier for the whole sleep, and a few such sleepers stop every other virtual thread of the JVM. Instead a
 * virtual thread parks, and one platform thread per word (its relay) sleeps in the futex for all the virtual
 * threads waiting on that word, and unparks them whenever the kernel lets it go: a wake, a change of the
 * word, a slice's end. Each unparked thread re-checks its own condition and, if it must, sleeps again; an
 * interrupt unparks it at once, and its own timeout (the wait strategy's slice) ends its park.
 *
 * <p>No lost wake-up: a virtual sleeper registers, then re-reads the word before it parks; the relay reads
 * the word, unparks every sleeper that expected another value, and sleeps on the value it read through
 * {@link FutexWord#sleep}, whose count makes wakers wake it. A change made before the relay's re-read is seen
 * there; one made after wakes it. A relay retires once nobody waits on its word.
 */
final class VirtualThreadSleep {
    /** {@code Thread.isVirtual()} where the JDK has it (21+); null on 17, which has no virtual threads. */
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();
    /** How long a relay sleeps at most between two rounds: its sleepers' own parks time them out. */
    private static final long RELAY_SLICE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final ConcurrentHashMap<Key, Relay> RELAYS = new ConcurrentHashMap<>();

    private VirtualThreadSleep() {
    }

    static boolean currentThreadIsVirtual() {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
        } catch (Throwable e) {
            throw new IllegalStateException("Thread.isVirtual() failed", e);
        }
    }

    /** As {@link FutexWord#sleep}, for a virtual thread: parks instead of entering the kernel. */
    static void sleep(FutexWord word, int expected, long timeoutNanos) {
        Sleeper me = new Sleeper(Thread.currentThread(), expected);
        Relay relay = join(word, me);
        try {
            if (word.get() == expected) {
                LockSupport.parkNanos(word, timeoutNanos);
            }
        } finally {
            relay.sleepers.remove(me);
        }
    }

    /**
     * For {@link WaitSet}, which sleeps on several words at once: has the relay of {@code word} unpark
     * {@code thread} when the word may have moved from {@code expected}. Run the returned action to stop.
     */
    static Runnable watch(FutexWord word, Thread thread, int expected) {
        Sleeper sleeper = new Sleeper(thread, expected);
        Relay relay = join(word, sleeper);
        return () -> relay.sleepers.remove(sleeper);
    }

    private static Relay join(FutexWord word, Sleeper sleeper) {
        Key key = new Key(word.memory(), word.offset());
        while (true) {
            Relay relay = RELAYS.computeIfAbsent(key, k -> new Relay(word, k));
            if (relay.add(sleeper)) {
                return relay;
            }
            RELAYS.remove(key, relay); // retired between the lookup and the add
        }
    }

    private static MethodHandle isVirtualHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    /**
     * One word of one mapping: two handles of an object map it twice, and each mapping gets its own relay
     * ({@link MappedBytes} keeps identity equality, so the record's equality is the mapping's identity).
     */
    private record Key(MappedBytes memory, int offset) {
    }

    /** One sleep of one thread (identity equality: the set holds each sleep once). */
    private static final class Sleeper {
        final Thread thread;
        final int expected;

        Sleeper(Thread thread, int expected) {
            this.thread = thread;
            this.expected = expected;
        }
    }

    private static final class Relay implements Runnable {
        private final FutexWord word;
        private final Key key;
        final Set<Sleeper> sleepers = ConcurrentHashMap.newKeySet();
        /** Guarded by this: set once the relay has found nobody waiting and left the map. */
        private boolean retired;
        private boolean started;

        Relay(FutexWord word, Key key) {
            this.word = word;
            this.key = key;
        }

        synchronized boolean add(Sleeper sleeper) {
            if (retired) {
                return false;
            }
            sleepers.add(sleeper);
            if (!started) {
                started = true;
                Thread thread = new Thread(this, "ipc4j-futex-relay");
                thread.setDaemon(true);
                thread.start();
            }
            return true;
        }

        @Override
        public void run() {
            while (!retireIfIdle()) {
                int value = word.get();
                for (Sleeper sleeper : sleepers) {
                    if (sleeper.expected != value) {
                        LockSupport.unpark(sleeper.thread);
                    }
                }
                word.sleep(value, RELAY_SLICE_NANOS);
                // a wake, a change or the slice's end: no hint which, so every sleeper looks again
                for (Sleeper sleeper : sleepers) {
                    LockSupport.unpark(sleeper.thread);
                }
            }
        }

        private synchronized boolean retireIfIdle() {
            if (!sleepers.isEmpty()) {
                return false;
            }
            retired = true;
            RELAYS.remove(key, this);
            return true;
        }
    }
}
