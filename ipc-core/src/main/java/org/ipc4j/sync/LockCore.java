package org.ipc4j.sync;

import static org.ipc4j.sync.LockDescriptor.HOLD_COUNT_OFFSET;
import static org.ipc4j.sync.LockDescriptor.LOCK_WORD_OFFSET;
import static org.ipc4j.sync.LockDescriptor.OWNER_DEATHS_OFFSET;
import static org.ipc4j.sync.LockDescriptor.OWNER_IDENTITY_OFFSET;
import static org.ipc4j.sync.LockDescriptor.OWNER_TAG_FUTEX_OFFSET;
import static org.ipc4j.sync.LockDescriptor.OWNER_THREAD_OFFSET;
import static org.ipc4j.sync.LockDescriptor.TAKEOVER_ACQUISITION_OFFSET;
import static org.ipc4j.sync.LockDescriptor.WAITERS_OFFSET;
import static org.ipc4j.sync.LockDescriptor.acquiredBy;
import static org.ipc4j.sync.LockDescriptor.acquisition;
import static org.ipc4j.sync.LockDescriptor.ownerTag;
import static org.ipc4j.sync.LockDescriptor.released;

import java.util.concurrent.TimeUnit;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.os.ProcessIdentity;
import org.ipc4j.os.ProcessTable;
import org.ipc4j.region.Region;
import org.ipc4j.wait.ExitWake;
import org.ipc4j.wait.FutexWord;
import org.ipc4j.wait.WaitStrategies;
import org.ipc4j.wait.WaitStrategy;

/**
 * The robust mutex under {@link SharedLock} and {@link SharedRLock}: owner word, owner identity, waiting,
 * and takeover from a dead owner. Re-entrance and the {@code Lock} contract live in the public classes.
 *
 * <p>Owner death: a waiter checks the owner's liveness 1 ms into its wait, whenever the owner's exit wakes
 * it out of a sleep ({@link ExitWake}, where the platform can tell) and at the latest every 100 ms. It reads
 * the lock word, the owner identity, and the lock word again; if both reads of the word agree, the identity
 * is either that very tenure's owner's (its {@linkplain ProcessIdentity#lockTag tag} is the word's) or a
 * stale one, in which case the tag alone is judged. The owner counts as dead only if the directory's
 * {@link ProcessTable} says so, and the takeover is a CAS from exactly that word, so it fails if the tenure
 * ended meanwhile (the acquisition count in the word makes tenures unique).
 */
final class LockCore {
    private static final long FIRST_LIVENESS_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long LIVENESS_CHECK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final MappedBytes bytes;
    private final FutexWord ownerWord;
    private final ProcessTable processes;
    private final long self;
    private final int myTag;
    private volatile WaitStrategy strategy = WaitStrategies.defaultStrategy();

    LockCore(Region region) {
        this.bytes = region.bytes();
        this.ownerWord = new FutexWord(bytes, OWNER_TAG_FUTEX_OFFSET, WAITERS_OFFSET);
        this.processes = region.processes();
        this.self = processes.self();
        this.myTag = ProcessIdentity.lockTag(self);
    }

    void waitStrategy(WaitStrategy strategy) {
        this.strategy = strategy;
    }

    /** The uncontended path: one CAS if the lock is free, nothing else. */
    boolean tryAcquireFree() {
        long word = bytes.getLongOpaque(LOCK_WORD_OFFSET);
        // acquire side of the CAS pairs with the previous owner's release CAS: its critical section is visible
        if (ownerTag(word) == 0 && bytes.compareAndSetLong(LOCK_WORD_OFFSET, word, acquiredBy(word, myTag))) {
            becomeOwner();
            return true;
        }
        return false;
    }

    /** Takes the lock if its owner has died; false if it is free, held by a live owner, or the race is lost. */
    boolean tryTakeOverFromDeadOwner() {
        long word = bytes.getLongVolatile(LOCK_WORD_OFFSET);
        return ownerTag(word) != 0 && takeOverIfDead(word);
    }

    /**
     * Waits until this thread owns the lock; false if {@code timed} and the deadline passed. Interruption
     * throws if {@code interruptible}, else it is remembered and restored on return (so that a set
     * interrupt flag does not turn the sleeps into a busy loop).
     */
    boolean acquire(long deadline, boolean timed, boolean interruptible) throws InterruptedException {
        boolean interruptedMeanwhile = false;
        long nextLivenessCheck = System.nanoTime() + FIRST_LIVENESS_CHECK_NANOS;
        WaitStrategy waitStrategy = strategy;
        ExitWake ownerExit = null;
        try {
            for (int round = 0; ; round++) {
                long word = bytes.getLongVolatile(LOCK_WORD_OFFSET);
                int owner = ownerTag(word);
                if (owner == 0) {
                    // same pairing as in tryAcquireFree
                    if (bytes.compareAndSetLong(LOCK_WORD_OFFSET, word, acquiredBy(word, myTag))) {
                        becomeOwner();
                        return true;
                    }
                    continue;
                }
                if (timed && WaitStrategies.isDue(deadline)) {
                    return false;
                }
                if (Thread.interrupted()) {
                    if (interruptible) {
                        throw new InterruptedException("interrupted while waiting for the lock");
                    }
                    interruptedMeanwhile = true;
                }
                if (waitStrategy.maySleep(round)) {
                    // the owner's exit wakes this waiter out of the sleep
                    ownerExit = ExitWake.follow(ownerExit, processes.localPid(ownerOf(word)), ownerWord);
                }
                long now = System.nanoTime();
                if (now - nextLivenessCheck >= 0 || (ownerExit != null && ownerExit.takeExit())) {
                    if (takeOverIfDead(word)) {
                        return true;
                    }
                    nextLivenessCheck = now + LIVENESS_CHECK_INTERVAL_NANOS;
                }
                waitStrategy.idle(ownerWord, owner, round, deadline);
            }
        } finally {
            ExitWake.cancel(ownerExit);
            if (interruptedMeanwhile) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void acquireUninterruptibly() {
        try {
            acquire(WaitStrategies.noDeadline(), false, false);
        } catch (InterruptedException impossible) {
            throw new AssertionError("uninterruptible acquire threw", impossible);
        }
    }

    /**
     * The identity of the owner of the tenure {@code word}: the one written beside it if it is that tenure's
     * (read between two reads of the word that agree), else what the word's tag alone tells.
     */
    private long ownerOf(long word) {
        long identity = bytes.getLongVolatile(OWNER_IDENTITY_OFFSET);
        int tag = ownerTag(word);
        if (bytes.getLongVolatile(LOCK_WORD_OFFSET) == word && ProcessIdentity.lockTag(identity) == tag) {
            return identity;
        }
        return ProcessIdentity.fromLockTag(tag);
    }

    private boolean takeOverIfDead(long word) {
        long owner = ownerOf(word);
        if (bytes.getLongVolatile(LOCK_WORD_OFFSET) != word || processes.isAlive(owner)) {
            return false;
        }
        long mine = acquiredBy(word, myTag);
        if (!bytes.compareAndSetLong(LOCK_WORD_OFFSET, word, mine)) {
            return false;
        }
        becomeOwner();
        bytes.putIntVolatile(TAKEOVER_ACQUISITION_OFFSET, acquisition(mine));
        bytes.getAndAddLong(OWNER_DEATHS_OFFSET, 1);
        return true;
    }

    private void becomeOwner() {
        bytes.putLongOpaque(OWNER_IDENTITY_OFFSET, self);
        bytes.putLongOpaque(OWNER_THREAD_OFFSET, Thread.currentThread().getId());
    }

    /** Releases a lock this thread holds (the caller checked), waking one sleeper if any sleeps. */
    void release() {
        long word = bytes.getLongVolatile(LOCK_WORD_OFFSET);
        bytes.putLongOpaque(OWNER_THREAD_OFFSET, 0);
        bytes.putLongOpaque(OWNER_IDENTITY_OFFSET, ProcessIdentity.NONE);
        // release CAS: pairs with the next owner's acquiring CAS, which then sees this critical section
        if (!bytes.compareAndSetLong(LOCK_WORD_OFFSET, word, released(word))) {
            throw new IllegalMonitorStateException("the lock word changed while this thread held the lock");
        }
        ownerWord.wakeOne();
    }

    boolean isHeldByCurrentThread() {
        long word = bytes.getLongVolatile(LOCK_WORD_OFFSET);
        return ownerTag(word) == myTag
                && bytes.getLongOpaque(OWNER_THREAD_OFFSET) == Thread.currentThread().getId()
                && bytes.getLongOpaque(OWNER_IDENTITY_OFFSET) == self;
    }

    /** True if this thread holds the lock and got it by taking it over from a dead owner. */
    boolean acquiredFromDeadOwner() {
        long word = bytes.getLongVolatile(LOCK_WORD_OFFSET);
        return isHeldByCurrentThread() && bytes.getIntVolatile(TAKEOVER_ACQUISITION_OFFSET) == acquisition(word);
    }

    boolean isHeld() {
        return ownerTag(bytes.getLongVolatile(LOCK_WORD_OFFSET)) != 0;
    }

    /** The owner's pid as it recorded it (in its own PID namespace), 0 if the lock is free. */
    long ownerPid() {
        long word = bytes.getLongVolatile(LOCK_WORD_OFFSET);
        return ownerTag(word) == 0 ? 0 : processes.recordedPid(ownerOf(word));
    }

    long ownerThreadId() {
        return bytes.getLongOpaque(OWNER_THREAD_OFFSET);
    }

    int holdCount() {
        return bytes.getIntVolatile(HOLD_COUNT_OFFSET);
    }

    void holdCount(int holds) {
        bytes.putInt(HOLD_COUNT_OFFSET, holds);
    }

    int sleepingWaiters() {
        return ownerWord.waiters();
    }

    long ownerDeaths() {
        return bytes.getLongVolatile(OWNER_DEATHS_OFFSET);
    }

    long acquisitions() {
        return acquisition(bytes.getLongVolatile(LOCK_WORD_OFFSET)) & 0xFFFF_FFFFL;
    }
}
