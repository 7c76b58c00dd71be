package org.ipc4j.process;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.ipc4j.channel.Connection;
import org.ipc4j.channel.Pipe;
import org.ipc4j.errors.CorruptedException;
import org.ipc4j.process.PoolMessages.Kind;
import org.ipc4j.process.PoolMessages.ResultBatch;
import org.ipc4j.process.PoolMessages.Task;
import org.ipc4j.process.PoolMessages.TaskBatch;
import org.ipc4j.process.PoolMessages.TaskResult;

/**
 * The parent side of a {@link ProcessPool}: tasks not yet sent, one {@link Worker} per worker JVM with the
 * tasks it holds (in the order it runs them), a dispatch thread that shares pending tasks fairly among workers
 * with room, and a reader thread per worker that completes futures. State is guarded by {@link #lock};
 * futures are always completed outside it.
 *
 * <p>When a worker dies, the oldest task it holds is the one it was running: that one fails with
 * {@link WorkerDiedException}; the others never started and go back to the front of the queue.
 */
final class PoolDispatcher {
    /** Most tasks in one message: a batch pays for one pipe transfer and serialises a shared function once. */
    private static final int BATCH = 64;
    /** Most tasks a worker holds: enough to keep it busy between messages, few enough to share work fairly. */
    private static final int MAX_HELD = 2 * BATCH;
    /** Workers in a row that exit by themselves before finishing a task make the pool broken. */
    private static final int MAX_EARLY_EXITS = 5;

    private final String name;
    private final int processes;
    private final ProcessTarget initializer;
    private final int maxTasksPerChild;
    private final StartMethod startMethod;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final List<Worker> workers = new ArrayList<>();
    private long nextTaskId;
    private int workersStarted;
    private int earlyExits;
    private String broken;
    private boolean shutdown;
    private boolean terminated;
    private boolean finished;
    private final Thread dispatchThread;

    private static final class Pending {
        final Task task;
        final CompletableFuture<Object> future = new CompletableFuture<>();

        Pending(Task task) {
            this.task = task;
        }
    }

    /** A future to complete once the lock is released. */
    private record Outcome(Pending pending, Object value, Throwable error) {
        void deliver() {
            if (error != null) {
                pending.future.completeExceptionally(error);
            } else {
                pending.future.complete(value);
            }
        }
    }

    /** One worker JVM, the pipes to it, and the tasks it holds in the order it runs them. */
    private final class Worker {
        final JvmProcess process;
        final Connection tasksOut;
        final Connection resultsIn;
        final Map<Long, Pending> holding = new LinkedHashMap<>();
        int tasksSent;
        boolean initialised;
        boolean finishedATask;
        boolean tasksClosed;
        boolean gone;
        Thread reader;

        Worker() {
            Pipe tasks = Pipe.open(false);
            Pipe results = Pipe.open(false);
            Connection workerTasks = tasks.first();
            Connection workerResults = results.second();
            ProcessTarget init = initializer;
            int max = maxTasksPerChild;
            JvmProcess child = new JvmProcess(() -> PoolWorker.run(workerTasks, workerResults, init, max));
            child.setName(name + "-worker-" + (++workersStarted));
            if (startMethod != null) {
                child.startMethod(startMethod);
            }
            child.setDaemon(true);
            this.tasksOut = tasks.second();
            this.resultsIn = results.first();
            try {
                child.start();
            } catch (RuntimeException | Error e) {
                for (Connection end : List.of(tasksOut, resultsIn)) {
                    end.unlink();
                    end.close();
                }
                throw e;
            } finally {
                // the worker's ends now belong to the child (serialising handed them over)
                workerTasks.close();
                workerResults.close();
            }
            this.process = child;
        }

        boolean hasRoom() {
            return !gone && !tasksClosed && holding.size() < MAX_HELD
                    && (maxTasksPerChild == 0 || tasksSent < maxTasksPerChild);
        }

        int room() {
            int room = MAX_HELD - holding.size();
            return maxTasksPerChild == 0 ? room : Math.min(room, maxTasksPerChild - tasksSent);
        }

        /** Reads results until the worker's end of the pipe closes (after it sent everything) or breaks. */
        void readResults() {
            try {
                while (true) {
                    complete(this, (ResultBatch) resultsIn.recv());
                }
            } catch (EOFException | InterruptedException endOfWorker) {
                workerEnded(this);
            } catch (Throwable broken) {
                process.kill();
                workerEnded(this);
            }
        }

        /** The JVM ended: the reader drains what was sent and then ends; wake it if it cannot tell. */
        void onProcessExit() {
            try {
                reader.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (reader.isAlive()) {
                // e.g. the child died before attaching its end: nobody will ever close it
                reader.interrupt();
            }
        }
    }

    PoolDispatcher(String name, int processes, ProcessTarget initializer, int maxTasksPerChild, StartMethod startMethod) {
        this.name = name;
        this.processes = processes;
        this.initializer = initializer;
        this.maxTasksPerChild = maxTasksPerChild;
        this.startMethod = startMethod;
        lock.lock();
        try {
            for (int i = 0; i < processes; i++) {
                startWorker();
            }
        } catch (RuntimeException | Error e) {
            lock.unlock();
            terminate();
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

    List<Long> workerPids() {
        lock.lock();
        try {
            List<Long> pids = new ArrayList<>();
            for (Worker w : workers) {
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
        if (!(function instanceof Serializable)) {
            throw new RejectedExecutionException("pool '" + name + "': the function must be Serializable");
        }
        lock.lock();
        try {
            if (broken != null) {
                throw new BrokenPoolException(broken);
            }
            if (shutdown) {
                throw new RejectedExecutionException("pool '" + name + "' is " + (terminated ? "terminated" : "shut down")
                        + "; it takes no new tasks");
            }
            Pending p = new Pending(new Task(nextTaskId++, kind, function, argument));
            pending.addLast(p);
            changed.signalAll();
            return (CompletableFuture<R>) p.future;
        } finally {
            lock.unlock();
        }
    }

    /** Starts a worker and its reader; the caller holds the lock. */
    private void startWorker() {
        Worker worker = new Worker();
        workers.add(worker);
        worker.reader = new Thread(worker::readResults, name + "-results-" + worker.process.pid());
        worker.reader.setDaemon(true);
        worker.reader.start();
        // registered last: if the JVM is already gone this runs at once, and needs the reader
        worker.process.onExit().thenRun(worker::onProcessExit);
    }

    private void dispatchLoop() {
        try {
            dispatch();
        } catch (Throwable e) {
            lock.lock();
            try {
                broken = "pool '" + name + "' is broken: its dispatcher failed: " + e;
            } finally {
                lock.unlock();
            }
            terminate();
        }
    }

    private void dispatch() {
        while (true) {
            Worker target;
            List<Pending> batch;
            lock.lock();
            try {
                while (true) {
                    if (terminated || (shutdown && pending.isEmpty())) {
                        closeIdleTaskPipes();
                        if (workers.isEmpty()) {
                            finished = true;
                            changed.signalAll();
                            return;
                        }
                    }
                    target = pending.isEmpty() ? null : workerWithRoom();
                    if (target != null) {
                        break;
                    }
                    changed.awaitUninterruptibly();
                }
                int sharing = workersWithRoom();
                int fairShare = (pending.size() + sharing - 1) / sharing;
                int n = Math.min(Math.min(BATCH, target.room()), fairShare);
                batch = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    Pending p = pending.pollFirst();
                    batch.add(p);
                    target.holding.put(p.task.id(), p);
                }
                target.tasksSent += n;
            } finally {
                lock.unlock();
            }
            send(target, batch);
        }
    }

    private void send(Worker worker, List<Pending> batch) {
        try {
            worker.tasksOut.send(new TaskBatch(tasksOf(batch)));
        } catch (IllegalArgumentException notSerializable) {
            sendOneByOne(worker, batch);
        } catch (InterruptedException | RuntimeException workerGone) {
            // its reader fails or requeues the held tasks once the JVM is gone
            worker.process.kill();
        } catch (Throwable e) {
            // e.g. StackOverflowError or OutOfMemoryError while serialising: fail this batch, keep the pool
            fail(worker, batch, e);
        }
    }

    /** Some task of the batch cannot be serialised: send the others, fail only the ones that cannot travel. */
    private void sendOneByOne(Worker worker, List<Pending> batch) {
        for (Pending p : batch) {
            try {
                worker.tasksOut.send(new TaskBatch(List.of(p.task)));
            } catch (InterruptedException | RuntimeException e) {
                if (!(e instanceof IllegalArgumentException)) {
                    worker.process.kill();
                    return;
                }
                fail(worker, List.of(p), e);
            } catch (Throwable e) {
                fail(worker, List.of(p), e);
            }
        }
    }

    private void fail(Worker worker, List<Pending> tasks, Throwable error) {
        lock.lock();
        try {
            for (Pending p : tasks) {
                worker.holding.remove(p.task.id());
                worker.tasksSent--;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Pending p : tasks) {
            p.future.completeExceptionally(error);
        }
    }

    private static List<Task> tasksOf(List<Pending> batch) {
        List<Task> tasks = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            tasks.add(p.task);
        }
        return tasks;
    }

    private Worker workerWithRoom() {
        Worker best = null;
        for (Worker w : workers) {
            if (w.hasRoom() && (best == null || w.holding.size() < best.holding.size())) {
                best = w;
            }
        }
        return best;
    }

    private int workersWithRoom() {
        int count = 0;
        for (Worker w : workers) {
            count += w.hasRoom() ? 1 : 0;
        }
        return Math.max(1, count);
    }

    private void complete(Worker worker, ResultBatch batch) {
        List<Outcome> outcomes = new ArrayList<>(batch.results().size());
        lock.lock();
        try {
            for (TaskResult result : batch.results()) {
                Pending p = worker.holding.remove(result.id());
                if (p != null) {
                    outcomes.add(decode(p, result));
                }
            }
            if (batch.results().isEmpty()) {
                worker.initialised = true;
            } else {
                worker.finishedATask = true;
                earlyExits = 0;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Outcome outcome : outcomes) {
            outcome.deliver();
        }
    }

    private Outcome decode(Pending p, TaskResult result) {
        Object value;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(result.value()))) {
            value = in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            return new Outcome(p, null, new CorruptedException("pool '" + name + "': cannot read the "
                    + (result.failed() ? "exception" : "result") + " of task " + p.task.id() + ": " + e, e));
        }
        if (result.failed()) {
            return new Outcome(p, null, value instanceof Throwable t ? t
                    : new CorruptedException("pool '" + name + "': task " + p.task.id() + " failed with a non-Throwable"));
        }
        return new Outcome(p, value, null);
    }

    /** A worker's JVM ended or its pipe broke: settle what it held, replace it if the pool still needs one. */
    private void workerEnded(Worker worker) {
        List<Outcome> outcomes = new ArrayList<>();
        Integer exitCode = exitCodeOf(worker.process);
        lock.lock();
        try {
            if (worker.gone) {
                return;
            }
            worker.gone = true;
            // before it said "initialised" the worker ran nothing; after, the oldest task it holds was running
            boolean first = worker.initialised;
            List<Pending> requeue = new ArrayList<>();
            for (Pending p : worker.holding.values()) {
                if (terminated) {
                    outcomes.add(new Outcome(p, null, new CancellationException("pool '" + name + "' was terminated")));
                } else if (first) {
                    outcomes.add(new Outcome(p, null, new WorkerDiedException(name, worker.process.pid(), exitCode)));
                } else {
                    requeue.add(p);
                }
                first = false;
            }
            worker.holding.clear();
            for (int i = requeue.size() - 1; i >= 0; i--) {
                pending.addFirst(requeue.get(i));
            }
            boolean selfInflicted = exitCode != null && exitCode >= 0 && !worker.finishedATask && !worker.tasksClosed;
            earlyExits = selfInflicted ? earlyExits + 1 : earlyExits;
            if (earlyExits >= MAX_EARLY_EXITS && broken == null) {
                broken = "pool '" + name + "' is broken: " + earlyExits + " workers in a row exited (last with code "
                        + exitCode + ") before finishing a task; see their output for why";
            }
            if (broken != null) {
                for (Pending p : pending) {
                    outcomes.add(new Outcome(p, null, new BrokenPoolException(broken)));
                }
                pending.clear();
                shutdown = true;
            } else if (!terminated && !(shutdown && pending.isEmpty())) {
                replace();
            }
        } finally {
            try {
                cleanUp(worker);
            } finally {
                workers.remove(worker);
                changed.signalAll();
                lock.unlock();
            }
        }
        for (Outcome outcome : outcomes) {
            outcome.deliver();
        }
    }

    /** Starts a replacement; if even that fails and no worker is left, the pool is broken. */
    private void replace() {
        try {
            startWorker();
        } catch (RuntimeException | Error e) {
            if (workers.stream().allMatch(w -> w.gone)) {
                broken = "pool '" + name + "' is broken: cannot start a worker: " + e;
            }
        }
    }

    private void cleanUp(Worker worker) {
        if (worker.reader != Thread.currentThread()) {
            worker.reader.interrupt();
        }
        for (Connection end : List.of(worker.tasksOut, worker.resultsIn)) {
            end.unlink();
            end.close();
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

    /** Once nothing more will be sent, closing a worker's task pipe tells it to finish and exit. */
    private void closeIdleTaskPipes() {
        for (Worker w : workers) {
            if (!w.gone && !w.tasksClosed && (terminated || w.holding.isEmpty())) {
                w.tasksClosed = true;
                w.tasksOut.close();
            }
        }
    }

    void shutdown() {
        lock.lock();
        try {
            shutdown = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void terminate() {
        String reason;
        List<Pending> cancelled;
        List<Worker> running;
        lock.lock();
        try {
            shutdown = true;
            terminated = true;
            cancelled = new ArrayList<>(pending);
            pending.clear();
            running = new ArrayList<>(workers);
            reason = broken;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Pending p : cancelled) {
            p.future.completeExceptionally(reason != null ? new BrokenPoolException(reason)
                    : new CancellationException("pool '" + name + "' was terminated"));
        }
        for (Worker w : running) {
            w.process.kill();
        }
    }

    /** Removes the tasks no worker has taken yet, for shutdownNow(); their futures are cancelled. */
    List<Runnable> drainPending() {
        List<Pending> drained;
        lock.lock();
        try {
            drained = new ArrayList<>(pending);
            pending.clear();
        } finally {
            lock.unlock();
        }
        List<Runnable> never = new ArrayList<>();
        for (Iterator<Pending> it = drained.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            p.future.cancel(false);
            Task task = p.task;
            never.add(() -> {
                throw new IllegalStateException("task " + task.id() + " of pool '" + name + "' was never run");
            });
        }
        return never;
    }

    boolean isShutdown() {
        lock.lock();
        try {
            return shutdown;
        } finally {
            lock.unlock();
        }
    }

    boolean isTerminated() {
        lock.lock();
        try {
            return finished;
        } finally {
            lock.unlock();
        }
    }

    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (!finished) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
