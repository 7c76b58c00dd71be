package org.ipc4j.process;

import java.io.EOFException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.ipc4j.process.PoolMessages.Kind;
import org.ipc4j.process.PoolMessages.ResultBatch;
import org.ipc4j.process.PoolMessages.Task;
import org.ipc4j.process.PoolMessages.TaskBatch;
import org.ipc4j.process.PoolMessages.TaskResult;

/**
 * The parent side of a {@link ProcessPool}: the queue of tasks not yet sent, one {@link Worker} per worker JVM
 * with the tasks it holds, a dispatch thread that sends batches to workers with room, and a reader thread per
 * worker that completes futures. All state is guarded by {@link #lock}.
 */
final class PoolDispatcher {
    /** Tasks per message: a batch pays for one pipe transfer and serialises a shared function once. */
    private static final int BATCH = 64;
    /** Messages a worker may hold at once: one running, one waiting, so it never idles between batches. */
    private static final int WINDOW = 2;

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

    /** One worker JVM, the pipes to it, and the tasks it holds. */
    private final class Worker {
        final JvmProcess process;
        final Connection tasksOut;
        final Connection resultsIn;
        final Map<Long, Pending> holding = new HashMap<>();
        int messagesHeld;
        int tasksSent;
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
            } catch (RuntimeException e) {
                tasks.second().unlink();
                results.first().unlink();
                throw e;
            } finally {
                // the worker's ends now belong to the child (serialising handed them over)
                workerTasks.close();
                workerResults.close();
            }
            this.process = child;
            child.onExit().thenRun(this::onProcessExit);
        }

        boolean hasRoom() {
            return !gone && !tasksClosed && messagesHeld < WINDOW && (maxTasksPerChild == 0 || tasksSent < maxTasksPerChild);
        }

        int room() {
            return maxTasksPerChild == 0 ? BATCH : Math.min(BATCH, maxTasksPerChild - tasksSent);
        }

        void readResults() {
            try {
                while (true) {
                    ResultBatch batch = (ResultBatch) resultsIn.recv();
                    complete(this, batch);
                }
            } catch (EOFException | InterruptedException endOfWorker) {
                onProcessExit();
            } catch (RuntimeException broken) {
                process.kill();
                onProcessExit();
            }
        }

        void onProcessExit() {
            workerEnded(this);
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
        } finally {
            lock.unlock();
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

    private void startWorker() {
        Worker worker = new Worker();
        workers.add(worker);
        worker.reader = new Thread(worker::readResults, name + "-results-" + worker.process.pid());
        worker.reader.setDaemon(true);
        worker.reader.start();
    }

    private void dispatchLoop() {
        while (true) {
            Worker target;
            List<Pending> batch;
            lock.lock();
            try {
                while (true) {
                    if (terminated || (shutdown && pending.isEmpty())) {
                        closeIdleTaskPipes();
                        if (allGone()) {
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
                int n = Math.min(target.room(), pending.size());
                batch = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    Pending p = pending.pollFirst();
                    batch.add(p);
                    target.holding.put(p.task.id(), p);
                }
                target.messagesHeld++;
                target.tasksSent += n;
            } finally {
                lock.unlock();
            }
            send(target, batch);
        }
    }

    private void send(Worker worker, List<Pending> batch) {
        List<Task> tasks = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            tasks.add(p.task);
        }
        try {
            worker.tasksOut.send(new TaskBatch(tasks));
        } catch (IllegalArgumentException notSerializable) {
            // a function or argument cannot travel: fail those tasks alone
            lock.lock();
            try {
                worker.messagesHeld--;
                worker.tasksSent -= batch.size();
                for (Pending p : batch) {
                    worker.holding.remove(p.task.id());
                    p.future.completeExceptionally(notSerializable);
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        } catch (InterruptedException | RuntimeException workerGone) {
            // the reader or the exit watch fails the held tasks
            worker.process.kill();
        }
    }

    private Worker workerWithRoom() {
        Worker best = null;
        for (Worker w : workers) {
            if (w.hasRoom() && (best == null || w.messagesHeld < best.messagesHeld)) {
                best = w;
            }
        }
        return best;
    }

    private void complete(Worker worker, ResultBatch batch) {
        List<Pending> done = new ArrayList<>(batch.results().size());
        lock.lock();
        try {
            for (TaskResult result : batch.results()) {
                Pending p = worker.holding.remove(result.id());
                if (p != null) {
                    done.add(p);
                }
            }
            worker.messagesHeld--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        // complete outside the lock: callbacks run here
        int i = 0;
        for (TaskResult result : batch.results()) {
            if (i < done.size() && done.get(i).task.id() == result.id()) {
                Pending p = done.get(i++);
                if (result.failed()) {
                    p.future.completeExceptionally((Throwable) result.value());
                } else {
                    p.future.complete(result.value());
                }
            }
        }
    }

    /** A worker's JVM ended or its pipe broke: fail what it held, replace it if the pool still needs one. */
    private void workerEnded(Worker worker) {
        List<Pending> lost;
        lock.lock();
        try {
            if (worker.gone) {
                return;
            }
            worker.gone = true;
            lost = new ArrayList<>(worker.holding.values());
            worker.holding.clear();
            if (!terminated && !(shutdown && pending.isEmpty() && lost.isEmpty())) {
                startWorker();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (worker.reader != Thread.currentThread()) {
            worker.reader.interrupt();
        }
        Integer exitCode = exitCodeOf(worker.process);
        for (Pending p : lost) {
            p.future.completeExceptionally(terminated ? new CancellationException("pool '" + name + "' was terminated")
                    : new WorkerDiedException(name, worker.process.pid(), exitCode));
        }
        worker.tasksOut.unlink();
        worker.resultsIn.unlink();
        worker.tasksOut.close();
        worker.resultsIn.close();
        lock.lock();
        try {
            // only now, with its pipes gone, does the worker stop counting for termination
            workers.remove(worker);
            changed.signalAll();
        } finally {
            lock.unlock();
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

    private boolean allGone() {
        return workers.isEmpty();
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
        List<Pending> cancelled;
        List<Worker> running;
        lock.lock();
        try {
            shutdown = true;
            terminated = true;
            cancelled = new ArrayList<>(pending);
            pending.clear();
            running = new ArrayList<>(workers);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Pending p : cancelled) {
            p.future.completeExceptionally(new CancellationException("pool '" + name + "' was terminated"));
        }
        for (Worker w : running) {
            if (!w.gone) {
                w.process.kill();
            }
        }
    }

    List<Runnable> drainPending() {
        lock.lock();
        try {
            List<Runnable> never = new ArrayList<>();
            for (Pending p : pending) {
                Task task = p.task;
                never.add(() -> {
                    throw new IllegalStateException("task " + task.id() + " of pool '" + name + "' was never run");
                });
            }
            return never;
        } finally {
            lock.unlock();
        }
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
