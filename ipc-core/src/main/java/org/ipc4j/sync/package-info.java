/**
 * Cross-process synchronisation in shared memory, after Python's {@code multiprocessing}: {@link
 * org.ipc4j.sync.SharedLock}, {@link org.ipc4j.sync.SharedRLock}, {@link org.ipc4j.sync.SharedSemaphore}
 * (and its bounded form), {@link org.ipc4j.sync.SharedEvent}, {@link org.ipc4j.sync.SharedCondition} and
 * {@link org.ipc4j.sync.SharedBarrier}. Each lives in its own region, is created by name or anonymously,
 * opened by name in another JVM, passed to another process as a handle (Java serialisation), and closed
 * with {@code close()}; the creator (or whoever is last) removes the name with {@code unlink()}.
 *
 * <p>Waiting spins briefly, then sleeps on a futex in slices of at most 100 ms, so that a waiter regularly
 * re-checks its deadline, interruption and the liveness of the processes it waits for; where the kernel
 * reports process exits ({@link org.ipc4j.os.ExitWatch}), the exit of the process it waits for also wakes
 * it. Nothing makes a system call while nobody sleeps. Timeouts run on {@link System#nanoTime()}.
 *
 * <p>What survives the death of a process (even kill -9):
 * <ul>
 *   <li>a lock or RLock held by the dead process is taken over by a waiter as soon as the exit is reported
 *       (Linux), else within about 100 ms, which
 *       {@code lastOwnerDied()} reports; a live owner is never taken over;</li>
 *   <li>a barrier breaks for every waiter when a process taking part dies;</li>
 *   <li>a condition's waiter that dies never swallows a {@code signal()} meant for a live waiter;</li>
 *   <li>permits a dead process took from a semaphore are not returned (as with POSIX {@code sem_t} and
 *       Python): a semaphore counts, it does not know who holds what. Guard the work with a lock where a
 *       holder's death must be recovered from;</li>
 *   <li>a process killed while asleep may stay counted in {@code sleepingWaiters()}, which only costs wakers
 *       a needless system call.</li>
 * </ul>
 */
package org.ipc4j.sync;
