package org.ipc4j.sync;

import static org.ipc4j.sync.BarrierDescriptor.MAX_PARTIES;
import static org.ipc4j.sync.BarrierDescriptor.OUTCOME_GENERATIONS;
import static org.ipc4j.sync.BarrierDescriptor.PARTIES_OFFSET;
import static org.ipc4j.sync.BarrierDescriptor.PHASE_FUTEX_OFFSET;
import static org.ipc4j.sync.BarrierDescriptor.STATE_OFFSET;
import static org.ipc4j.sync.BarrierDescriptor.TABLE_CAPACITY_OFFSET;
import static org.ipc4j.sync.BarrierDescriptor.WAITERS_OFFSET;
import static org.ipc4j.sync.BarrierDescriptor.arrived;
import static org.ipc4j.sync.BarrierDescriptor.outcomes;
import static org.ipc4j.sync.BarrierDescriptor.phase;
import static org.ipc4j.sync.BarrierDescriptor.state;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.ipc4j.errors.CorruptedException;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionNames;
import org.ipc4j.region.SharedObject;
import org.ipc4j.wait.ExitWake;
import org.ipc4j.wait.FutexWord;
import org.ipc4j.wait.WaitStrategies;
import org.ipc4j.wait.WaitStrategy;

/**
 * A cyclic barrier shared by every JVM that opens it by name: Python's {@code multiprocessing.Barrier}, with
 * {@link java.util.concurrent.CyclicBarrier}'s contract. The barrier breaks for everyone, each waiter
 * getting {@link BrokenBarrierException}, when a waiter times out (it gets {@link TimeoutException}), is
 * interrupted, when {@link #reset()} is called while parties wait, or when a process taking part dies:
 * waiters notice a death as soon as the kernel reports the process gone where it can tell them (Linux
 * pidfds, see {@link org.ipc4j.os.ExitWatch}), else within about 100 ms. A process takes part from the moment
 * it opens (or creates) the barrier until it {@link #close()}s it; one that exits without closing counts as
 * dead if others then wait for it, even if it never called {@code await}. A party that dies before it opened
 * the barrier at all cannot be told from one still starting: guard that with a timed {@code await}.
 */
public final class SharedBarrier extends SharedObject {
    private static final long serialVersionUID = 1L;
    private static final long FIRST_LIVENESS_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long LIVENESS_CHECK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final transient MappedBytes bytes;
    private final transient FutexWord phaseWord;
    private final transient int parties;
    private final transient BarrierParties members;
    private transient volatile WaitStrategy strategy = WaitStrategies.defaultStrategy();

    private SharedBarrier(Region region) {
        super(region);
        region.requireBodyAtLeast(BarrierDescriptor.bodyLength(0), "barrier");
        this.bytes = region.bytes();
        this.phaseWord = new FutexWord(bytes, PHASE_FUTEX_OFFSET, WAITERS_OFFSET);
        this.parties = bytes.getInt(PARTIES_OFFSET);
        int capacity = bytes.getInt(TABLE_CAPACITY_OFFSET);
        if (parties < 1 || parties > MAX_PARTIES || capacity < parties || capacity > MAX_PARTIES + BarrierDescriptor.SPARE_ENTRIES
                || BarrierDescriptor.bodyLength(capacity) > region.bodyLength()) {
            throw new CorruptedException("'" + region.name() + "': barrier parties " + parties + " and table capacity "
                    + capacity + " do not fit its " + region.bodyLength() + "-byte body");
        }
        this.members = new BarrierParties(bytes, capacity, region.processes());
        // from open, not first await: a party that dies before it ever arrives still breaks the barrier
        members.arriving(BarrierDescriptor.generation(phase(bytes.getLongVolatile(STATE_OFFSET))));
    }

    public static SharedBarrier create(String name, int parties) {
        return Region.create(name, ObjectType.BARRIER, bodyLength(name, parties), init(parties)).buildOrClose(SharedBarrier::new);
    }

    public static SharedBarrier create(int parties) {
        return create(RegionNames.anonymous(), parties);
    }

    public static SharedBarrier open(String name) {
        return Region.open(name, ObjectType.BARRIER).buildOrClose(SharedBarrier::new);
    }

    /** As {@link #open(String)}, waiting at most {@code timeout} for another process to create it. */
    public static SharedBarrier open(String name, Duration timeout) throws InterruptedException {
        Region.awaitCreated(name, timeout);
        return open(name);
    }

    /** Opens {@code name}, or creates it for {@code parties}; an existing barrier keeps its own parties. */
    public static SharedBarrier openOrCreate(String name, int parties) {
        return Region.openOrCreate(name, ObjectType.BARRIER, bodyLength(name, parties), init(parties))
                .buildOrClose(SharedBarrier::new);
    }

    private static int bodyLength(String name, int parties) {
        if (parties < 1 || parties > MAX_PARTIES) {
            throw new IllegalArgumentException("'" + name + "': parties must be 1.." + MAX_PARTIES + ", not " + parties);
        }
        return BarrierDescriptor.bodyLength(parties + BarrierDescriptor.SPARE_ENTRIES);
    }

    private static Consumer<MappedBytes> init(int parties) {
        return bytes -> {
            bytes.putInt(PARTIES_OFFSET, parties);
            bytes.putInt(TABLE_CAPACITY_OFFSET, parties + BarrierDescriptor.SPARE_ENTRIES);
        };
    }

    /**
     * Waits until all parties have arrived; returns the arrival index ({@code parties() - 1} for the first
     * to arrive, 0 for the last, as {@link java.util.concurrent.CyclicBarrier#await()}).
     */
    public int await() throws InterruptedException, BrokenBarrierException {
        try {
            return await(WaitStrategies.noDeadline(), false);
        } catch (TimeoutException impossible) {
            throw new AssertionError("untimed await timed out", impossible);
        }
    }

    /** As {@link #await()}, but breaks the barrier and throws {@link TimeoutException} after the timeout. */
    public int await(long timeout, TimeUnit unit) throws InterruptedException, BrokenBarrierException, TimeoutException {
        return await(WaitStrategies.deadline(timeout, unit), true);
    }

    /** Breaks the current generation (its waiters get BrokenBarrierException) and starts a new, unbroken one. */
    public void reset() {
        ensureOpen();
        members.freeAllDead();
        while (true) {
            long state = bytes.getLongVolatile(STATE_OFFSET);
            int generation = BarrierDescriptor.generation(phase(state));
            int outcomes = BarrierDescriptor.withOutcome(outcomes(state), generation, true);
            // release CAS: pairs with the waiters' volatile read of the phase
            if (bytes.compareAndSetLong(STATE_OFFSET, state, state(BarrierDescriptor.nextPhase(generation), 0, outcomes))) {
                phaseWord.wakeAll();
                return;
            }
        }
    }

    public boolean isBroken() {
        ensureOpen();
        return BarrierDescriptor.isBroken(phase(bytes.getLongVolatile(STATE_OFFSET)));
    }

    public int parties() {
        ensureOpen();
        return parties;
    }

    /** How many parties wait in the current generation. */
    public int numberWaiting() {
        ensureOpen();
        return arrived(bytes.getLongVolatile(STATE_OFFSET));
    }

    /** The current generation (how many times the barrier tripped or was reset, modulo 2^31), for tools. */
    public int generation() {
        ensureOpen();
        return BarrierDescriptor.generation(phase(bytes.getLongVolatile(STATE_OFFSET)));
    }

    /** How many processes are registered as taking part, for tools. */
    public int registeredProcesses() {
        ensureOpen();
        return members.registered();
    }

    public void waitStrategy(WaitStrategy strategy) {
        ensureOpen();
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    /** Stops this process's part in the barrier (so its exit is not taken for a death) and closes it. */
    @Override
    public void close() {
        if (!isClosed()) {
            members.leave();
        }
        super.close();
    }

    private int await(long deadline, boolean timed) throws InterruptedException, BrokenBarrierException, TimeoutException {
        ensureOpen();
        while (true) {
            long state = bytes.getLongVolatile(STATE_OFFSET);
            int phase = phase(state);
            if (BarrierDescriptor.isBroken(phase)) {
                throw broken("is broken");
            }
            int generation = BarrierDescriptor.generation(phase);
            if (Thread.interrupted()) {
                breakBarrier(phase);
                throw new InterruptedException("interrupted on arrival at barrier '" + name() + "'");
            }
            members.arriving(generation);
            int arrivedBefore = arrived(state);
            if (arrivedBefore + 1 == parties) {
                int outcomes = BarrierDescriptor.withOutcome(outcomes(state), generation, false);
                // release CAS: pairs with the waiters' volatile read of the phase; they see what each party wrote before arriving
                if (bytes.compareAndSetLong(STATE_OFFSET, state, state(BarrierDescriptor.nextPhase(generation), 0, outcomes))) {
                    phaseWord.wakeAll();
                    return 0;
                }
            } else if (bytes.compareAndSetLong(STATE_OFFSET, state, state(phase, arrivedBefore + 1, outcomes(state)))) {
                // this arrival CAS is ordered before the tripping CAS of the last party, which pairs with every waiter's read
                awaitPhaseChange(phase, deadline, timed);
                return parties - 1 - arrivedBefore;
            }
        }
    }

    /** Returns when generation {@code phase} trips; throws if it breaks or this waiter gives up. */
    private void awaitPhaseChange(int phase, long deadline, boolean timed)
            throws InterruptedException, BrokenBarrierException, TimeoutException {
        int generation = BarrierDescriptor.generation(phase);
        long nextLivenessCheck = System.nanoTime() + FIRST_LIVENESS_CHECK_NANOS;
        WaitStrategy waitStrategy = strategy;
        ExitWake[] partyExits = null;
        try {
            for (int round = 0; ; round++) {
                // acquire: pairs with the CAS that ended the generation
                int current = bytes.getIntVolatile(PHASE_FUTEX_OFFSET);
                if (current != phase) {
                    checkOutcome(generation);
                    return;
                }
                if (timed && WaitStrategies.isDue(deadline)) {
                    if (breakBarrier(phase)) {
                        throw new TimeoutException("barrier '" + name() + "': timed out with " + numberWaiting() + " of "
                                + parties + " parties arrived; the barrier is now broken");
                    }
                    continue;
                }
                if (Thread.interrupted()) {
                    if (breakBarrier(phase)) {
                        throw new InterruptedException("interrupted while waiting at barrier '" + name() + "'");
                    }
                    Thread.currentThread().interrupt();
                    continue;
                }
                if (waitStrategy.maySleep(round)) {
                    // a party's exit wakes this waiter out of the sleep
                    partyExits = members.followOthers(partyExits, phaseWord);
                }
                long now = System.nanoTime();
                if (now - nextLivenessCheck >= 0 || BarrierParties.anyExited(partyExits)) {
                    if (members.anyDueDied(generation) && breakBarrier(phase)) {
                        throw broken("was broken: a process taking part died");
                    }
                    nextLivenessCheck = now + LIVENESS_CHECK_INTERVAL_NANOS;
                }
                waitStrategy.idle(phaseWord, phase, round, deadline);
            }
        } finally {
            BarrierParties.stopFollowing(partyExits);
        }
    }

    /** Throws unless generation {@code generation} ended by tripping. */
    private void checkOutcome(int generation) throws BrokenBarrierException {
        long state = bytes.getLongVolatile(STATE_OFFSET);
        int now = BarrierDescriptor.generation(phase(state));
        int passed = BarrierDescriptor.generationsBetween(generation, now);
        if (passed == 0) {
            throw broken("was broken");
        }
        if (passed >= OUTCOME_GENERATIONS) {
            throw broken("moved on " + passed + " generations while this party slept; treated as broken");
        }
        if (BarrierDescriptor.endedBroken(outcomes(state), generation)) {
            throw broken("was broken or reset");
        }
    }

    /** Breaks generation {@code phase}; false if it had already ended or broken. */
    private boolean breakBarrier(int phase) {
        while (true) {
            long state = bytes.getLongVolatile(STATE_OFFSET);
            if (phase(state) != phase) {
                return false;
            }
            // release CAS: pairs with the waiters' volatile read of the phase, like a trip
            if (bytes.compareAndSetLong(STATE_OFFSET, state, state(phase | BarrierDescriptor.BROKEN, arrived(state), outcomes(state)))) {
                phaseWord.wakeAll();
                return true;
            }
        }
    }

    private BrokenBarrierException broken(String what) {
        return new BrokenBarrierException("barrier '" + name() + "' " + what);
    }
}
