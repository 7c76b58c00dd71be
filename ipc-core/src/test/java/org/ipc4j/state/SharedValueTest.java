package org.ipc4j.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;

import org.ipc4j.errors.CorruptedException;
import org.ipc4j.errors.ObjectClosedException;
import org.ipc4j.errors.ObjectExistsException;
import org.ipc4j.errors.TypeMismatchException;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.sync.SharedRLock;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedDirExtension.class)
class SharedValueTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Child: opens the counter handle args[0], waits for the go flag args[1], then increments args[2] times. */
    public static final class Incrementer {
        public static void main(String[] args) {
            try (SharedLong counter = Handles.decode(args[0]); SharedBoolean go = Handles.decode(args[1])) {
                int times = Integer.parseInt(args[2]);
                System.out.println("ready");
                while (!go.get()) {
                    Thread.onSpinWait();
                }
                long last = 0;
                for (int i = 0; i < times; i++) {
                    long now = counter.incrementAndGet();
                    if (now <= last) {
                        throw new AssertionError("incrementAndGet went from " + last + " to " + now);
                    }
                    last = now;
                }
                System.out.println("done");
            }
        }
    }

    /** Child: opens the double handle args[0], waits for args[1], then adds 1.0 args[2] times under lock() with plain access. */
    public static final class LockedDoubleAdder {
        public static void main(String[] args) {
            try (SharedDouble value = Handles.decode(args[0]); SharedBoolean go = Handles.decode(args[1])) {
                int times = Integer.parseInt(args[2]);
                Lock lock = value.lock();
                System.out.println("ready");
                while (!go.get()) {
                    Thread.onSpinWait();
                }
                for (int i = 0; i < times; i++) {
                    lock.lock();
                    try {
                        value.setPlain(value.getPlain() + 1.0);
                    } finally {
                        lock.unlock();
                    }
                }
                System.out.println("done");
            }
        }
    }

    @Test
    void fourJvmsAddToASharedDoubleUnderItsLockExactly() {
        int perJvm = 100_000;
        try (SharedDouble value = SharedDouble.create(0.0); SharedBoolean go = SharedBoolean.create(false)) {
            List<ChildJvm> children = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    children.add(ChildJvm.start(LockedDoubleAdder.class, Handles.encode(value), Handles.encode(go),
                            Integer.toString(perJvm)));
                }
                for (ChildJvm child : children) {
                    child.awaitLine("ready"::equals, TIMEOUT);
                }
                go.set(true);
                for (ChildJvm child : children) {
                    child.assertSuccess(TIMEOUT);
                }
                assertEquals(4.0 * perJvm, value.get());
                assertTrue(Files.exists(SharedDirExtension.dir().resolve(value.name() + ".lock")));
            } finally {
                children.forEach(ChildJvm::close);
                value.unlink();
                go.unlink();
            }
            assertFalse(Files.exists(SharedDirExtension.dir().resolve(value.name() + ".lock")), "unlink removes the lock too");
        }
    }

    @Test
    void lockIsOneReentrantLockPerNameAndGoesWithTheObject() {
        try (SharedInt value = SharedInt.create("guarded", 0); SharedInt other = SharedInt.open("guarded")) {
            SharedRLock lock = value.lock();
            assertSame(lock, value.lock());
            assertEquals("guarded.lock", lock.name());
            lock.lock();
            try {
                other.lock().lock();
                assertEquals(2, other.lock().holdCount(), "the same re-entrant lock, by name");
                other.lock().unlock();
            } finally {
                lock.unlock();
            }
            try (SharedInt third = SharedInt.open("guarded")) {
                third.unlink();
            }
            assertFalse(Files.exists(SharedDirExtension.dir().resolve("guarded.lock")), "unlinked by a handle that never locked");
            assertFalse(Files.exists(SharedDirExtension.dir().resolve("guarded")));
        }
        try (SharedLong unlocked = SharedLong.create("never-locked", 0)) {
            unlocked.unlink();
        }
        try (SharedLongArray array = SharedLongArray.create("guarded-array", 2)) {
            array.lock().lock();
            array.setPlain(0, 1);
            array.setPlain(1, 1);
            array.lock().unlock();
            array.close();
            assertThrows(ObjectClosedException.class, array::lock);
            array.unlink();
        }
    }

    @Test
    void fourJvmsIncrementASharedLongExactly() {
        int perJvm = 100_000;
        try (SharedLong counter = SharedLong.create(0); SharedBoolean go = SharedBoolean.create(false)) {
            List<ChildJvm> children = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    children.add(ChildJvm.start(Incrementer.class, Handles.encode(counter), Handles.encode(go),
                            Integer.toString(perJvm)));
                }
                for (ChildJvm child : children) {
                    child.awaitLine("ready"::equals, TIMEOUT);
                }
                go.set(true);
                for (ChildJvm child : children) {
                    child.assertSuccess(TIMEOUT);
                }
            } finally {
                children.forEach(ChildJvm::close);
                counter.unlink();
                go.unlink();
            }
            assertEquals(4L * perJvm, counter.get());
        }
    }

    @Test
    void longOperationsBehaveLikeAtomicLong() {
        try (SharedLong value = SharedLong.create("long-ops", 5); SharedLong other = SharedLong.open("long-ops")) {
            assertEquals(5, other.get());
            assertEquals(5, value.getAndAdd(3));
            assertEquals(10, value.addAndGet(2));
            assertEquals(11, value.incrementAndGet());
            assertEquals(10, value.decrementAndGet());
            assertEquals(10, value.getAndIncrement());
            assertEquals(11, value.getAndDecrement());
            assertTrue(value.compareAndSet(10, 20));
            assertFalse(value.compareAndSet(10, 30));
            assertEquals(20, value.compareAndExchange(99, 1));
            assertEquals(20, value.getAndSet(7));
            assertEquals(7, value.getAndUpdate(v -> v * 3));
            assertEquals(42, value.updateAndGet(v -> v * 2));
            other.setPlain(1);
            assertEquals(1, value.getPlain());
            other.setOpaque(2);
            assertEquals(2, value.getOpaque());
            other.setRelease(Long.MIN_VALUE);
            assertEquals(Long.MIN_VALUE, value.getAcquire());
            value.unlink();
        }
    }

    @Test
    void intOperationsBehaveLikeAtomicInteger() {
        try (SharedInt value = SharedInt.create(Integer.MAX_VALUE); SharedInt other = SharedInt.open(value.name())) {
            assertEquals(Integer.MIN_VALUE, other.incrementAndGet(), "wraps like an int");
            assertEquals(Integer.MIN_VALUE, value.getAndSet(3));
            assertEquals(3, value.getAndAdd(4));
            assertEquals(6, other.decrementAndGet());
            assertTrue(value.compareAndSet(6, 60));
            assertEquals(60, value.getAndUpdate(v -> v + 1));
            assertEquals(122, value.updateAndGet(v -> v * 2));
            value.setOpaque(9);
            assertEquals(9, other.getOpaque());
            value.setRelease(10);
            assertEquals(10, other.getAcquire());
            value.setPlain(11);
            assertEquals(11, other.getPlain());
            value.unlink();
        }
    }

    @Test
    void doubleArithmeticIsACasLoopOnTheBits() {
        try (SharedDouble value = SharedDouble.create(1.5); SharedDouble other = SharedDouble.open(value.name())) {
            assertEquals(1.5, value.getAndAdd(2.25));
            assertEquals(3.75, other.get());
            assertEquals(4.75, other.addAndGet(1));
            assertEquals(4.75, value.getAndUpdate(v -> v * 2));
            assertEquals(10.5, value.updateAndGet(v -> v + 1));
            assertTrue(value.compareAndSet(10.5, -0.0));
            assertFalse(value.compareAndSet(0.0, 1.0), "compares bits: 0.0 is not -0.0");
            assertTrue(value.compareAndSet(-0.0, Double.NaN));
            assertTrue(value.compareAndSet(Double.NaN, 2.0), "the same NaN bits match");
            assertEquals(2.0, value.getAndSet(3.0));
            other.setRelease(4.0);
            assertEquals(4.0, value.getAcquire());
            other.setOpaque(5.0);
            assertEquals(5.0, value.getOpaque());
            other.setPlain(6.0);
            assertEquals(6.0, value.getPlain());
            value.unlink();
        }
    }

    @Test
    void booleanFlags() {
        try (SharedBoolean flag = SharedBoolean.openOrCreate("flag", true); SharedBoolean again = SharedBoolean.openOrCreate("flag", false)) {
            assertTrue(again.get(), "openOrCreate of an existing value keeps its value");
            assertTrue(flag.compareAndSet(true, false));
            assertFalse(again.compareAndSet(true, false));
            assertFalse(again.getAndSet(true));
            assertTrue(flag.getAcquire());
            flag.setRelease(false);
            assertFalse(again.getOpaque());
            again.setOpaque(true);
            assertTrue(flag.getPlain());
            flag.setPlain(false);
            assertFalse(again.get());
            flag.unlink();
        }
    }

    @Test
    void lifecycleErrorsAreTyped() {
        SharedLong value = SharedLong.create("life", 1);
        try {
            ObjectExistsException exists = assertThrows(ObjectExistsException.class, () -> SharedLong.create("life", 2));
            assertTrue(exists.getMessage().contains("'life'"), exists.getMessage());
            TypeMismatchException mismatch = assertThrows(TypeMismatchException.class, () -> SharedInt.open("life"));
            assertTrue(mismatch.getMessage().contains("'life'") && mismatch.getMessage().contains("VALUE_LONG"), mismatch.getMessage());
            assertThrows(TypeMismatchException.class, () -> SharedDouble.open("life"));
            value.close();
            value.close();
            ObjectClosedException closed = assertThrows(ObjectClosedException.class, value::get);
            assertTrue(closed.getMessage().contains("'life'"), closed.getMessage());
        } finally {
            value.unlink();
        }
    }

    @Test
    void aBodyOfTheWrongSizeIsCorruption() {
        try (Region region = Region.create("short-value", ObjectType.VALUE_LONG, 8, bytes -> { })) {
            CorruptedException e = assertThrows(CorruptedException.class, () -> SharedLong.open("short-value"));
            assertTrue(e.getMessage().contains("'short-value'") && e.getMessage().contains("128-byte body"), e.getMessage());
            region.unlink();
        }
    }

    @Test
    void handlesDeserialiseToTheSameMemory() {
        try (SharedInt value = SharedInt.create(41)) {
            SharedInt copy = Handles.decode(Handles.encode(value));
            assertNotSame(value, copy);
            copy.incrementAndGet();
            assertEquals(42, value.get());
            assertEquals("SharedInt[" + value.name() + "=42]", copy.toString());
            copy.close();
            value.unlink();
        }
    }
}
