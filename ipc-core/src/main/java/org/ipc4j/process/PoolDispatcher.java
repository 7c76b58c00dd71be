package org.ipc4j.process;

import java.io.EOFException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.ipc4j.process.PoolMessages.Kind;
import org.ipc4j.wait.WaitStrategies;

/**
 * The parent side of a {@link ProcessPool}: tasks not yet sent, one {@link RemoteWorker} per worker JVM with
 * the tasks it holds (in the order it runs them), a dispatch thread that shares pending tasks fairly among
 * workers with room, and a reader thread per worker that completes futures. State is guarded by {@link #lock};
 * futures are always completed outside it, and nothing is (de)serialised under it.
 *
 * <p>When a worker dies, the task it marked as running ({@link RunningTaskMark}) fails with
 * {@link WorkerDiedException}; the others it holds go back to the front of the queue: those it had not
 * started, and those it had finished but whose results died with it (they run again).
 */
final class PoolDispatcher {
    /** Most tasks in one message: a batch pays for one pipe transfer and one wake-up of the worker. */
    private static final int BATCH = 64;
    /**
     * Most tasks a worker holds: enough to keep it busy between messages, few enough to share work fairly; one
     * start word each.
     */
    private static final int MAX_HELD = TaskStarts.SLOTS;
    /** A message this long is sent at once, the rest of the batch in the next. */
    private static final int MESSAGE_BYTES = 64 * 1024;
    /** Workers in a row that exit by themselves before finishing a task make the pool broken. */
    private static final int MAX_EARLY_EXITS = 5;

    private final String name;
    private final int processes;
    private final ProcessTarget initializer;
    private final ProcessTarget workerExit;
    private final ProcessBuilder.Redirect workerOutput;
    private final int maxTasksPerChild;
    private final StartMethod startMethod;
    /** The timeout of a task submitted without one (0: none). */
    private final long defaultTimeoutNanos;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<PoolTask> pending = new ArrayDeque<>();
    private final List<RemoteWorker> workers = new ArrayList<>();
    private final PoolLifecycle lifecycle;
    private final TaskTimeouts timeouts;
    /** The dispatch thread's message buffer. */
    private final WireOut message = new WireOut();
    private long nextTaskId;
    private int workersStarted;
    private int earlyExits;
    private final Thread dispatchThread;

    PoolDispatcher(PoolSettings settings) {
        this.name = settings.name();
        this.processes = settings.processes();
        this.initializer = settings.initializer();
        this.workerExit = settings.workerExit();
        this.workerOutput = settings.workerOutput();
        this.maxTasksPerChild = settings.maxTasksPerChild();
        this.startMethod = settings.startMethod();
        this.defaultTimeoutNanos = settings.taskTimeout() == null ? 0 : WaitStrategies.nanosUpToForever(settings.taskTimeout());
        this.lifecycle = new PoolLifecycle(name, lock, changed, pending, workers);
        this.timeouts = new TaskTimeouts(name, lock, workers, lifecycle);
        lock.lock();
        try {
            for (int i = 0; i < processes; i++) {
                startWorker();
            }
        } catch (RuntimeException | Error e) {
            lock.unlock();
            lifecycle.terminate();
            throw e;
        } finally {
            if (lock.isHeldByCurrentThread()) {
                lock.unlock();
            }
        }
        dispatchThread = new Thread(this::dispatchLoop, name + "-dispatch");
        dispatchThread.setDaemon(true);
        dispatchThread.start();
    }

    String name() {
        return name;
    }

    int processes() {
        return processes;
    }

    PoolLifecycle lifecycle() {
        return lifecycle;
    }

    List<Long> workerPids() {
        lock.lock();
        try {
            List<Long> pids = new ArrayList<>();
            for (RemoteWorker w : workers) {
                if (!w.gone) {
                    pids.add(w.process.pid());
                }
            }
            return pids;
        } finally {
            lock.unlock();
        }
    }

    @SuppressWarnings("unchecked")
    <R> CompletableFuture<R> submit(Kind kind, Object function, Object argument) {
        return submit(kind, function, argument, null);
    }

    /** As {@link #submit(Kind, Object, Object)}; {@code submitted}, if not null, is what shutdownNow() returns for it. */
    <R> CompletableFuture<R> submit(Kind kind, Object function, Object argument, Runnable submitted) {
        return submit(kind, function, argument, submitted, defaultTimeoutNanos);
    }

    /** As {@link #submit(Kind, Object, Object, Runnable)}, killing its worker if it runs longer than {@code timeoutNanos} (0: no limit). */
    @SuppressWarnings("unchecked")
    <R> CompletableFuture<R> submit(Kind kind, Object function, Object argument, Runnable submitted, long timeoutNanos) {
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("pool '" + name + "': a task timeout must be positive, not " + timeoutNanos + " ns");
        }
        if (!(function instanceof Serializable)) {
            throw new RejectedExecutionException("pool '" + name + "': the function must be Serializable");
        }
        lock.lock();
        try {
            lifecycle.checkAccepting();
            PoolTask task = new PoolTask(nextTaskId++, kind, function, argument, timeoutNanos, this);
            if (submitted != null) {
                task.submitted = submitted;
            }
            if (timeoutNanos > 0) {
                timeouts.watchFor(timeoutNanos);
            }
            pending.addLast(task);
            changed.signalAll();
            return (CompletableFuture<R>) (CompletableFuture<?>) task;
        } finally {
            lock.unlock();
        }
    }

    /** Starts a worker and its reader; the caller holds the lock. */
    private void startWorker() {
        RemoteWorker worker = new RemoteWorker(name + "-worker-" + (++workersStarted), initializer, workerExit, maxTasksPerChild,
                startMethod, workerOutput);
        workers.add(worker);
        worker.reader = new Thread(() -> readResults(worker), name + "-results-" + worker.process.pid());
        worker.reader.setDaemon(true);
        worker.reader.start();
        // registered last: if the JVM is already gone this runs at once, and needs the reader
        worker.process.onExit().thenRun(worker::onProcessExit);
    }

    private void dispatchLoop() {
        try {
            dispatch();
        } catch (Throwable e) {
            lifecycle.breakDown("pool '" + name + "' is broken: its dispatcher failed: " + e);
        }
    }

    private void dispatch() {
        while (true) {
            RemoteWorker target;
            List<PoolTask> batch;
            lock.lock();
            try {
                while (true) {
                    if (lifecycle.finishIfDone()) {
                        return;
                    }
                    target = pending.isEmpty() ? null : workerWithRoom();
                    if (target != null) {
                        break;
                    }
                    changed.awaitUninterruptibly();
                }
                int sharing = workersWithRoom();
                int fairShare = (pending.size() + sharing - 1) / sharing;
                int n = Math.min(Math.min(BATCH, target.room(MAX_HELD, maxTasksPerChild)), fairShare);
                batch = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    PoolTask task = pending.pollFirst();
                    batch.add(task);
                    target.hold(task);
                }
                target.tasksSent += n;
            } finally {
                lock.unlock();
            }
            send(target, batch);
        }
    }

    /** Encodes and sends the batch; a task that cannot be encoded fails alone, the others go. */
    private void send(RemoteWorker worker, List<PoolTask> batch) {
        List<PoolTask> failed = new ArrayList<>(0);
        List<Throwable> errors = new ArrayList<>(0);
        message.truncate(0);
        try {
            for (PoolTask task : batch) {
                try {
                    TaskEncoder.encode(message, worker.functions, task, name);
                } catch (Throwable e) {
                    // e.g. not serialisable, or a StackOverflowError while serialising: fail this task, keep the
                    // pool. The encoder took the task out of the message itself, and left a function definition
                    // it wrote (the table counts it as sent: the later tasks of that function need it)
                    failed.add(task);
                    errors.add(e);
                }
                if (message.length() >= MESSAGE_BYTES) {
                    worker.tasksOut.sendBytes(message.array(), 0, message.length());
                    message.truncate(0);
                }
            }
            if (message.length() > 0) {
                worker.tasksOut.sendBytes(message.array(), 0, message.length());
            }
        } catch (InterruptedException | RuntimeException workerGone) {
            // its reader fails or requeues the held tasks once the JVM is gone
            worker.process.kill();
        }
        if (!failed.isEmpty()) {
            fail(worker, failed, errors);
        }
    }

    private void fail(RemoteWorker worker, List<PoolTask> tasks, List<Throwable> errors) {
        lock.lock();
        try {
            for (PoolTask task : tasks) {
                if (worker.drop(task)) {
                    worker.tasksSent--;
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < tasks.size(); i++) {
            tasks.get(i).completeExceptionally(errors.get(i));
        }
    }

    private RemoteWorker workerWithRoom() {
        RemoteWorker best = null;
        for (RemoteWorker w : workers) {
            if (w.hasRoom(MAX_HELD, maxTasksPerChild) && (best == null || w.holding.size() < best.holding.size())) {
                best = w;
            }
        }
        return best;
    }

    private int workersWithRoom() {
        int count = 0;
        for (RemoteWorker w : workers) {
            count += w.hasRoom(MAX_HELD, maxTasksPerChild) ? 1 : 0;
        }
        return Math.max(1, count);
    }

    /** Reads results until the worker's end of the pipe closes (after it sent everything) or breaks. */
    private void readResults(RemoteWorker worker) {
        try {
            while (true) {
                complete(worker, PoolResults.read(name, worker.resultsIn.recvBytes()));
            }
        } catch (EOFException | InterruptedException endOfWorker) {
            workerEnded(worker);
        } catch (Throwable broken) {
            worker.process.kill();
            workerEnded(worker);
        }
    }

    private void complete(RemoteWorker worker, PoolResults results) {
        PoolTask[] tasks = new PoolTask[results.count];
        lock.lock();
        try {
            for (int i = 0; i < results.count; i++) {
                tasks[i] = worker.release(results.ids[i]);
            }
            if (results.count > 0) {
                worker.finishedATask = true;
                earlyExits = 0;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < results.count; i++) {
            if (tasks[i] == null) {
                continue;
            }
            if (results.errors[i] != null) {
                tasks[i].completeExceptionally(results.errors[i]);
            } else {
                tasks[i].complete(results.values[i]);
            }
        }
    }

    /**
     * The task that fails with the worker: the one it was running, unless the timeouts killed it. The kill meant
     * for a timed-out task can land just after that task finished, with its result not yet sent, or with the
     * next one begun: the timed-out task, if its result never came, is the one that fails, and whatever else was
     * running goes back to the queue, as every task does that the worker held but never finished.
     */
    private static long blamedTask(RemoteWorker worker) {
        if (worker.timedOutTask < 0) {
            return worker.taskRunningAtDeath();
        }
        for (PoolTask task : worker.holding) {
            if (task.id == worker.timedOutTask) {
                return task.id;
            }
        }
        return -1;
    }

    /** A worker's JVM ended or its pipe broke: settle what it held, replace it if the pool still needs one. */
    private void workerEnded(RemoteWorker worker) {
        List<PoolTask> failed = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        Integer exitCode = exitCodeOf(worker.process);
        lock.lock();
        try {
            if (worker.gone) {
                return;
            }
            worker.gone = true;
            long blamed = blamedTask(worker);
            List<PoolTask> requeue = new ArrayList<>();
            for (PoolTask task : worker.holding) {
                if (lifecycle.isTerminating()) {
                    failed.add(task);
                    errors.add(new CancellationException("pool '" + name + "' was terminated"));
                } else if (task.id == blamed) {
                    failed.add(task);
                    errors.add(task.id == worker.timedOutTask
                            ? new TaskTimeoutException(name, worker.process.pid(), Duration.ofNanos(task.timeoutNanos))
                            : new WorkerDiedException(name, worker.process.pid(), exitCode));
                } else {
                    requeue.add(task);
                }
            }
            worker.dropAll();
            for (int i = requeue.size() - 1; i >= 0; i--) {
                pending.addFirst(requeue.get(i));
            }
            boolean selfInflicted = exitCode != null && exitCode >= 0 && !worker.finishedATask && !worker.tasksClosed;
            earlyExits = selfInflicted ? earlyExits + 1 : earlyExits;
            if (earlyExits >= MAX_EARLY_EXITS) {
                lifecycle.markBroken("pool '" + name + "' is broken: " + earlyExits + " workers in a row exited (last with code "
                        + exitCode + ") before finishing a task; see their output for why");
            }
            if (lifecycle.isBroken()) {
                lifecycle.failPending(failed, errors);
            } else if (lifecycle.needsWorkers()) {
                replace();
            }
        } finally {
            try {
                if (worker.reader != Thread.currentThread()) {
                    worker.reader.interrupt();
                }
                worker.closeAndUnlinkShared();
            } finally {
                lock.unlock();
            }
        }
        try {
            for (int i = 0; i < failed.size(); i++) {
                failed.get(i).completeExceptionally(errors.get(i));
            }
        } finally {
            // only now: once the last worker is gone the pool counts as terminated, and by then every future
            // of a task that worker held is done
            lock.lock();
            try {
                workers.remove(worker);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Starts a replacement; if even that fails and no worker is left, the pool is broken. */
    private void replace() {
        try {
            startWorker();
        } catch (RuntimeException | Error e) {
            if (workers.stream().allMatch(w -> w.gone)) {
                lifecycle.markBroken("pool '" + name + "' is broken: cannot start a worker: " + e);
            }
        }
    }

    private static Integer exitCodeOf(JvmProcess process) {
        try {
            process.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.exitCode();
    }

    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return lifecycle.awaitTermination(timeout, unit);
    }

    /**
     * For {@link PoolTask#cancel}: true if {@code task} will never start (it was queued here, or held by a
     * worker that had not started it), or, with {@code killIfRunning}, if it had started and its worker is
     * now being killed (a replacement starts; the worker's other unstarted tasks run elsewhere). False if it
     * started and runs on, or is no longer the pool's (done).
     */
    boolean withdraw(PoolTask task, boolean killIfRunning) {
        RemoteWorker running = null;
        lock.lock();
        try {
            if (task.withdrawn) {
                return true;
            }
            if (pending.remove(task)) {
                task.withdrawn = true;
                changed.signalAll();
                return true;
            }
            for (RemoteWorker w : workers) {
                if (w.holds(task)) {
                    if (w.tryWithdraw(task)) {
                        changed.signalAll();
                        return true;
                    }
                    running = w;
                    break;
                }
            }
        } finally {
            lock.unlock();
        }
        if (running == null || !killIfRunning) {
            return false;
        }
        running.process.kill();
        return true;
    }

    /**
     * For {@code shutdownNow()}: takes no new tasks, and removes and returns every task that never started, in
     * the order they were submitted; those workers hold are withdrawn through their start words, so none of
     * them starts afterwards. Their futures are left as they are (the caller may run them or cancel them).
     */
    List<PoolTask> withdrawAllNotStarted() {
        List<PoolTask> never = new ArrayList<>();
        lock.lock();
        try {
            lifecycle.stopAccepting();
            for (RemoteWorker w : workers) {
                never.addAll(w.withdrawAllNotStarted());
            }
            for (PoolTask task : pending) {
                task.withdrawn = true;
                never.add(task);
            }
            pending.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        never.sort(Comparator.comparingLong(t -> t.id));
        return never;
    }
}
