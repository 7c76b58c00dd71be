package org.ipc4j.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedDirExtension.class)
class LockCrossProcessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int JVMS = 4;
    private static final int INCREMENTS = 10_000;

    /** Child: args lockKind (lock|rlock), lockName, counterName, goName; increments slot 0 INCREMENTS times. */
    public static final class Incrementer {
        public static void main(String[] args) throws Exception {
            boolean reentrant = args[0].equals("rlock");
            try (AbstractSharedLock lock = reentrant ? SharedRLock.open(args[1]) : SharedLock.open(args[1]);
                 SharedCounter counter = SharedCounter.open(args[2]);
                 SharedEvent go = SharedEvent.open(args[3])) {
                System.out.println("ready");
                go.await();
                int contended = 0;
                for (int i = 0; i < INCREMENTS; i++) {
                    if (!lock.tryLock()) {
                        contended++;
                        lock.lock();
                    }
                    try {
                        if (reentrant) {
                            lock.lock();
                        }
                        try {
                            if (reentrant && lock.holdCount() != 2) {
                                throw new AssertionError("hold count " + lock.holdCount() + " after two locks");
                            }
                            counter.set(0, counter.get(0) + 1);
                        } finally {
                            if (reentrant) {
                                lock.unlock();
                            }
                        }
                    } finally {
                        lock.unlock();
                    }
                }
                System.out.println("contended=" + contended);
            }
        }
    }

    /** Child: deserialises a lock handle (Base64 in args[0]), reports who holds it, then locks it. */
    public static final class HandleReceiver {
        public static void main(String[] args) throws Exception {
            byte[] serialised = Base64.getDecoder().decode(args[0]);
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialised));
                 SharedLock lock = (SharedLock) in.readObject()) {
                System.out.println("name=" + lock.name() + " owner=" + lock.ownerPid() + " tryLock=" + lock.tryLock());
                lock.lock();
                System.out.println("locked");
                lock.unlock();
            }
        }
    }

    @Test
    void fourJvmsIncrementAPlainCounterUnderSharedLockExactly() throws Exception {
        runIncrementers("lock");
    }

    @Test
    void fourJvmsIncrementAPlainCounterUnderSharedRLockTakenTwiceExactly() throws Exception {
        runIncrementers("rlock");
    }

    private void runIncrementers(String kind) throws Exception {
        String lockName = "counter-" + kind;
        try (AbstractSharedLock lock = kind.equals("rlock") ? SharedRLock.create(lockName) : SharedLock.create(lockName);
             SharedCounter counter = SharedCounter.create(lockName + "-data");
             SharedEvent go = SharedEvent.create(lockName + "-go")) {
            List<ChildJvm> children = new ArrayList<>();
            for (int i = 0; i < JVMS; i++) {
                children.add(ChildJvm.start(Incrementer.class, kind, lockName, lockName + "-data", lockName + "-go"));
            }
            for (ChildJvm child : children) {
                child.awaitLine("ready"::equals, TIMEOUT);
            }
            go.set();
            long contended = 0;
            for (ChildJvm child : children) {
                child.assertSuccess(TIMEOUT);
                contended += Long.parseLong(child.awaitLineStartingWith("contended=", TIMEOUT).substring("contended=".length()));
            }
            assertEquals((long) JVMS * INCREMENTS, counter.get(0), "lost updates under " + kind);
            assertTrue(contended > 0, "the JVMs never competed for the lock, so the count proves nothing");
            System.out.println(kind + ": " + contended + " of " + JVMS * INCREMENTS + " acquisitions found the lock taken");
            assertFalse(lock.isLocked(), "free at the end");
            assertEquals(0, lock.ownerDeaths());
            assertEquals(JVMS * INCREMENTS, lock.acquisitions(), "one acquisition per increment (re-entry is not one)");
            lock.unlink();
            counter.unlink();
            go.unlink();
        }
    }

    @Test
    void aSerialisedLockAttachesTheSameLockInAChildJvm() throws Exception {
        try (SharedLock lock = SharedLock.create("handed-over")) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
                out.writeObject(lock);
            }
            lock.lock();
            ChildJvm child = ChildJvm.start(HandleReceiver.class, Base64.getEncoder().encodeToString(buffer.toByteArray()));
            String report = child.awaitLineStartingWith("name=", TIMEOUT);
            assertEquals("name=handed-over owner=" + ProcessHandle.current().pid() + " tryLock=false", report);
            awaitSleepers(lock, 1);
            assertFalse(child.lines().contains("locked"), "the child waits while this JVM holds the lock");
            lock.unlock();
            child.assertSuccess(TIMEOUT);
            assertTrue(child.lines().contains("locked"), child.output());
            assertTrue(lock.tryLock(5, TimeUnit.SECONDS));
            lock.unlock();
            lock.unlink();
        }
    }

    static void awaitSleepers(AbstractSharedLock lock, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (lock.sleepingWaiters() < count) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no " + count + " sleeper(s) on '" + lock.name() + "'");
            }
            Thread.sleep(5);
        }
    }

    static String serialise(Object object) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
            out.writeObject(object);
        }
        return Base64.getEncoder().encodeToString(buffer.toByteArray());
    }
}
