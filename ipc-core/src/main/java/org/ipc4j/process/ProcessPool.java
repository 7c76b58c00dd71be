package org.ipc4j.process;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.ipc4j.process.PoolMessages.Kind;
import org.ipc4j.wait.WaitStrategies;

/**
 * A pool of worker JVMs, Python's {@code multiprocessing.Pool}, that is also an {@link java.util.concurrent.ExecutorService}.
 *
 * <pre>{@code
 *   try (ProcessPool pool = new ProcessPool(4)) {
 *       List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));
 *       CompletableFuture<Integer> f = pool.applyAsync(x -> x + 1, 41);
 *   }
 * }</pre>
 *
 * Functions are serialisable lambdas ({@link PoolFunction}, {@link StarFunction}, or a {@link Callable} that is
 * also {@link Serializable}). A function object is serialised once per worker, the first time that worker gets
 * a task of it, and named by an id afterwards: later changes to objects it captures are not seen by workers
 * that already have it (pass changing data as arguments). Arguments and results of the common types (boxed
 * primitives, String, byte[], lists of them) travel in a compact binary form, others with Java serialisation,
 * each on its own: one that cannot be serialised or read fails only its task. Tasks and results travel
 * through ipc4j pipes, one pair per worker, so the pool
 * always knows which tasks each worker holds, and each worker marks in shared memory the task it is running.
 * When a worker dies (kill -9, {@code System.exit}, out of memory) the task it was running fails with
 * {@link WorkerDiedException}, a replacement starts, and nothing hangs (Python's Pool hangs here). The other
 * tasks it held run again elsewhere: those it had not started, and those it had finished whose results had
 * not yet reached the parent (a worker sends results in batches, at most a millisecond after a task ends, so
 * these are tasks that finished in the last millisecond before the death). A task whose result was delivered
 * never runs again, and a task that was running never runs twice; make tasks idempotent if a re-run of a
 * finished one matters. A task's own exception comes back as the cause of an {@link ExecutionException}, with the
 * worker's stack trace.
 *
 * <p>Cancelling a task's future withdraws it: one that has not started never starts (the worker and the pool
 * decide by a compare-and-set in shared memory, {@code TaskStarts}), and {@code cancel(true)} of one that is
 * running kills the worker running it (a replacement starts; its other tasks run elsewhere, as after any
 * death). {@code cancel(false)} of a running task returns false and it runs on.
 *
 * <p>{@link #close()} is Java's: no new tasks, wait for the queued ones, stop the workers (Python's
 * {@code with Pool()} terminates instead; call {@link #terminate()} for that). {@link #shutdown()} is Python's
 * {@code close()}, {@link #join()} its {@code join()}.
 */
public final class ProcessPool extends AbstractExecutorService implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final PoolDispatcher dispatcher;

    /** A pool with one worker per core. */
    public ProcessPool() {
        this(builder());
    }

    public ProcessPool(int processes) {
        this(builder().processes(processes));
    }

    private ProcessPool(Builder builder) {
        this.dispatcher = new PoolDispatcher(new PoolSettings(builder.name, builder.processes, builder.initializer,
                builder.workerExit, builder.maxTasksPerChild, builder.startMethod, builder.taskTimeout, builder.workerOutput));
    }

    public static Builder builder() {
        return new Builder();
    }

    public String name() {
        return dispatcher.name();
    }

    public int processes() {
        return dispatcher.processes();
    }

    /** The pids of the workers running now. */
    public List<Long> workerPids() {
        return dispatcher.workerPids();
    }

    // ---- Python's Pool API

    /** Runs {@code function(argument)} in a worker and waits for the result (Python's {@code apply}). */
    public <A, R> R apply(PoolFunction<A, R> function, A argument) throws InterruptedException, ExecutionException {
        return applyAsync(function, argument).get();
    }

    /** Python's {@code apply_async}: the future completes with the result or the task's exception. */
    public <A, R> CompletableFuture<R> applyAsync(PoolFunction<A, R> function, A argument) {
        return dispatcher.submit(Kind.APPLY, function, argument);
    }

    /**
     * {@code applyAsync} with a limit on how long the task may run once it has started (pebble's
     * {@code schedule(timeout=)}): past it, its worker is killed and replaced, and the future fails with
     * {@link TaskTimeoutException}. Time spent queued does not count. It overrides the pool's
     * {@link Builder#taskTimeout}.
     */
    public <A, R> CompletableFuture<R> applyAsync(PoolFunction<A, R> function, A argument, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("pool '" + name() + "': a task timeout must be positive, not " + timeout);
        }
        return dispatcher.submit(Kind.APPLY, function, argument, null, WaitStrategies.nanosUpToForever(timeout));
    }

    /**
     * {@code apply_async} with Python's {@code callback=} and {@code error_callback=}; the returned future
     * completes after the callback ran (cancelling it does not cancel the task).
     */
    public <A, R> CompletableFuture<R> applyAsync(PoolFunction<A, R> function, A argument, Consumer<? super R> callback,
                                                  Consumer<? super Throwable> errorCallback) {
        CompletableFuture<R> future = applyAsync(function, argument);
        // the stage after the callbacks, as Python runs them before get() returns
        return future.whenComplete((value, error) -> {
            if (error == null) {
                callback.accept(value);
            } else {
                errorCallback.accept(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            }
        });
    }

    /** Python's {@code map}: results in order; the list is cut into chunks of about len / (4 * processes). */
    public <A, R> List<R> map(PoolFunction<A, R> function, List<A> arguments) throws InterruptedException, ExecutionException {
        return mapAsync(function, arguments).get();
    }

    public <A, R> List<R> map(PoolFunction<A, R> function, List<A> arguments, int chunkSize)
            throws InterruptedException, ExecutionException {
        return mapAsync(function, arguments, chunkSize).get();
    }

    /** {@code map} over any {@link Iterable} (a set, a lazily made sequence), read to its end before the first task goes. */
    public <A, R> List<R> map(PoolFunction<A, R> function, Iterable<? extends A> arguments)
            throws InterruptedException, ExecutionException {
        return map(function, listOf(arguments));
    }

    /** {@code map} over a {@link Stream}, read to its end before the first task goes. */
    public <A, R> List<R> map(PoolFunction<A, R> function, Stream<? extends A> arguments)
            throws InterruptedException, ExecutionException {
        List<A> list = new ArrayList<>();
        arguments.forEachOrdered(list::add);
        return map(function, list);
    }

    /**
     * {@code mapAsync} that reports its progress (mpire's progress bar): {@code progress} hears once before the
     * first result and after each chunk, and has heard {@code (total, total, rate)} before the future completes.
     */
    public <A, R> CompletableFuture<List<R>> mapAsync(PoolFunction<A, R> function, List<A> arguments, int chunkSize,
                                                      MapProgress progress) {
        ProgressCounter counter = new ProgressCounter(arguments.size(), Objects.requireNonNull(progress, "progress"));
        List<CompletableFuture<List<R>>> counted = new ArrayList<>();
        for (CompletableFuture<List<R>> chunk : this.<A, R>submitChunks(Kind.CHUNK, function, arguments, chunkSize)) {
            counted.add(chunk.thenApply(values -> {
                counter.add(values.size());
                return values;
            }));
        }
        return joinChunks(counted);
    }

    public <A, R> CompletableFuture<List<R>> mapAsync(PoolFunction<A, R> function, List<A> arguments) {
        return mapAsync(function, arguments, defaultChunkSize(arguments.size()));
    }

    public <A, R> CompletableFuture<List<R>> mapAsync(PoolFunction<A, R> function, List<A> arguments, int chunkSize) {
        return joinChunks(submitChunks(Kind.CHUNK, function, arguments, chunkSize));
    }

    /** Python's {@code starmap}: each element of {@code arguments} is the argument list of one call. */
    public <R> List<R> starMap(StarFunction<R> function, List<Object[]> arguments) throws InterruptedException, ExecutionException {
        return starMap(function, arguments, defaultChunkSize(arguments.size()));
    }

    public <R> List<R> starMap(StarFunction<R> function, List<Object[]> arguments, int chunkSize)
            throws InterruptedException, ExecutionException {
        return starMapAsync(function, arguments, chunkSize).get();
    }

    /** Python's {@code starmap_async}: the future completes with every result, in order (or with the first failure). */
    public <R> CompletableFuture<List<R>> starMapAsync(StarFunction<R> function, List<Object[]> arguments, int chunkSize) {
        return this.<Object[], R>joinChunks(submitChunks(Kind.STAR_CHUNK, function, arguments, chunkSize));
    }

    /**
     * A typed {@code starmap} of two arguments: {@code pool.starMap((a, b) -> a + b, List.of(Map.entry(1, 2)))}
     * needs no {@code Object[]} casts. Each pair's key and value are the two arguments.
     */
    public <A, B, R> List<R> starMap(PoolBiFunction<A, B, R> function, List<? extends Map.Entry<? extends A, ? extends B>> pairs)
            throws InterruptedException, ExecutionException {
        return starMapAsync(function, pairs).get();
    }

    /** As {@link #starMap(PoolBiFunction, List)}, without waiting: a timed {@code get} bounds the wait. */
    @SuppressWarnings("unchecked")
    public <A, B, R> CompletableFuture<List<R>> starMapAsync(PoolBiFunction<A, B, R> function,
                                                             List<? extends Map.Entry<? extends A, ? extends B>> pairs) {
        Objects.requireNonNull(function, "function");
        List<Object[]> arguments = new ArrayList<>(pairs.size());
        for (Map.Entry<? extends A, ? extends B> pair : pairs) {
            arguments.add(new Object[] {pair.getKey(), pair.getValue()});
        }
        StarFunction<R> spread = values -> function.apply((A) values[0], (B) values[1]);
        return starMapAsync(spread, arguments, defaultChunkSize(arguments.size()));
    }

    /**
     * Python's {@code imap}: a lazy iterator over the results, in order; the tasks are all submitted now.
     * {@link PoolIterator#next(java.time.Duration)} waits at most a timeout.
     */
    public <A, R> PoolIterator<R> imap(PoolFunction<A, R> function, List<A> arguments) {
        return imap(function, arguments, 1);
    }

    public <A, R> PoolIterator<R> imap(PoolFunction<A, R> function, List<A> arguments, int chunkSize) {
        return lazyMap(true, function, arguments, chunkSize, BoundedMaps.UNBOUNDED);
    }

    /**
     * Python 3.15's {@code imap(func, iterable, chunksize, buffersize)}: the arguments are read as results are
     * taken, so that at most {@code bufferSize} chunks are submitted and not yet handed to the caller; an
     * endless {@code arguments} works. Results in order.
     */
    public <A, R> PoolIterator<R> imap(PoolFunction<A, R> function, Iterable<? extends A> arguments, int chunkSize,
                                       int bufferSize) {
        return lazyMap(true, function, arguments, chunkSize, bufferSize);
    }

    /** Python's {@code imap_unordered}: each result as soon as it is ready; the tasks are all submitted now. */
    public <A, R> PoolIterator<R> imapUnordered(PoolFunction<A, R> function, List<A> arguments) {
        return imapUnordered(function, arguments, 1);
    }

    public <A, R> PoolIterator<R> imapUnordered(PoolFunction<A, R> function, List<A> arguments, int chunkSize) {
        return lazyMap(false, function, arguments, chunkSize, BoundedMaps.UNBOUNDED);
    }

    /** As {@link #imap(PoolFunction, Iterable, int, int)}, each chunk's results as soon as they are ready. */
    public <A, R> PoolIterator<R> imapUnordered(PoolFunction<A, R> function, Iterable<? extends A> arguments, int chunkSize,
                                                int bufferSize) {
        return lazyMap(false, function, arguments, chunkSize, bufferSize);
    }

    /** imap and imapUnordered: chunks submitted as the caller takes results, at most {@code bufferSize} ahead. */
    private <A, R> PoolIterator<R> lazyMap(boolean ordered, PoolFunction<A, R> function, Iterable<? extends A> arguments,
                                           int chunkSize, int bufferSize) {
        BoundedMaps.check(chunkSize, bufferSize);
        return ordered
                ? BoundedMaps.ordered(arguments.iterator(), chunkSize, bufferSize, chunk -> dispatcher.submit(Kind.CHUNK, function, chunk))
                : BoundedMaps.unordered(arguments.iterator(), chunkSize, bufferSize, chunk -> dispatcher.submit(Kind.CHUNK, function, chunk));
    }

    /**
     * In a worker (its initializer, its tasks, its exit hook): a map that lives as long as the worker JVM, for
     * state its tasks share (mpire's {@code worker_state}), such as a connection the initializer opened.
     * {@link IllegalStateException} elsewhere.
     */
    public static Map<String, Object> workerState() {
        Map<String, Object> state = PoolWorker.state();
        if (state == null) {
            throw new IllegalStateException("workerState() is for the initializer, tasks and exit hook of a pool worker;"
                    + " this JVM (pid " + ProcessHandle.current().pid() + ") is not one");
        }
        return state;
    }

    private static <A> List<A> listOf(Iterable<? extends A> arguments) {
        List<A> list = new ArrayList<>();
        for (A argument : arguments) {
            list.add(argument);
        }
        return list;
    }

    /**
     * Python's {@code close()}: no new tasks; the queued ones still run. Same as {@link #shutdown()}.
     *
     * <p>Callbacks ({@code callback=}, {@code whenComplete}, {@code thenApply}) run on the thread that reads
     * the worker's results, as Python's run on its result thread: they should return quickly, and must not
     * wait for another result of the same pool.
     */
    @Override
    public void shutdown() {
        dispatcher.lifecycle().shutdown();
    }

    /** Python's {@code join()}: waits until every worker has exited; call {@link #shutdown()} first. */
    public void join() throws InterruptedException {
        if (!isShutdown()) {
            throw new IllegalStateException("pool '" + name() + "' is still running: shut it down before join()");
        }
        dispatcher.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    }

    /** Python's {@code terminate()}: kills the workers now; every unfinished task fails with CancellationException. */
    public void terminate() {
        dispatcher.lifecycle().terminate();
    }

    /**
     * Python 3.14's {@code terminate_workers()}: as {@link #terminate()}, but each worker gets SIGTERM, so its
     * JVM runs its shutdown hooks before it exits (a worker whose task handles SIGTERM itself may run on).
     */
    public void terminateWorkers() {
        dispatcher.lifecycle().terminate(true);
    }

    /** Python 3.14's {@code kill_workers()}: SIGKILL to every worker, the same as {@link #terminate()}. */
    public void killWorkers() {
        terminate();
    }

    /** Java's close: no new tasks, wait for the queued ones, then the workers exit. */
    @Override
    public void close() {
        shutdown();
        try {
            dispatcher.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            terminate();
            Thread.currentThread().interrupt();
        }
    }

    // ---- ExecutorService

    /**
     * Kills the workers now, as {@link #terminate()} does, and returns the tasks that never started, in the
     * order they were submitted: none of them will run in the pool, and every other task started in a
     * worker (exactly one of the two, decided by a compare-and-set that the worker makes before it starts a
     * task). Their futures are left pending, as {@link java.util.concurrent.ThreadPoolExecutor} leaves them:
     * running a returned task runs it in the calling thread and completes its future; a caller that does not
     * mean to run them should cancel them (each is the object {@code execute} or {@code submit} was given or
     * returned, or for this pool's own calls the future itself). Tasks that had started fail with
     * {@link CancellationException}.
     */
    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> neverStarted = new ArrayList<>();
        for (PoolTask task : dispatcher.withdrawAllNotStarted()) {
            neverStarted.add(task.submitted);
        }
        terminate();
        return neverStarted;
    }

    @Override
    public boolean isShutdown() {
        return dispatcher.lifecycle().isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return dispatcher.lifecycle().isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return dispatcher.awaitTermination(timeout, unit);
    }

    /** Runs {@code command} in a worker; it must be serialisable (a lambda cast to Runnable &amp; Serializable). */
    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        if (command instanceof RemoteTask<?> remote) {
            remote.start(this);
            return;
        }
        requireSerializable(command);
        Runnable task = command;
        dispatcher.submit(Kind.CALL, (Callable<Object> & Serializable) () -> {
            task.run();
            return null;
        }, null, command);
    }

    /** Runs every task in the workers and returns the first successful result; the rest are cancelled. */
    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return invokeAny(tasks, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new ExecutionException("pool '" + name() + "': no task finished", e);
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("invokeAny needs at least one task");
        }
        for (Callable<T> task : tasks) {
            Objects.requireNonNull(task, "a task of invokeAny");
        }
        CompletableFuture<T> first = new CompletableFuture<>();
        List<CompletableFuture<T>> running = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        for (Callable<T> task : tasks) {
            requireSerializable(task);
            CompletableFuture<T> future = dispatcher.submit(Kind.CALL, task, null);
            running.add(future);
            future.whenComplete((value, error) -> {
                if (error == null) {
                    first.complete(value);
                } else if (failures.incrementAndGet() == tasks.size()) {
                    first.completeExceptionally(error);
                }
            });
        }
        try {
            return first.get(timeout, unit);
        } finally {
            // as the JDK's invokeAny interrupts the rest: those not started never start, a worker running one is killed
            running.forEach(f -> f.cancel(true));
        }
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        requireSerializable(callable);
        return new RemoteTask<>(callable);
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        requireSerializable(runnable);
        Runnable task = runnable;
        return new RemoteTask<>((Callable<T> & Serializable) () -> {
            task.run();
            return value;
        });
    }

    private void requireSerializable(Object task) {
        Objects.requireNonNull(task, "task");
        if (!(task instanceof Serializable)) {
            throw new RejectedExecutionException("pool '" + name() + "' runs tasks in other JVMs, so a task must be"
                    + " Serializable: write it as a lambda cast to (Callable<T> & Serializable), or use applyAsync");
        }
    }

    /**
     * A submitted Callable: what AbstractExecutorService's submit/invokeAll hand to {@link #execute}. Cancelling
     * it cancels the pool's task; running it (one that {@link #shutdownNow()} returned) runs the callable here.
     */
    private static final class RemoteTask<T> extends CompletableFuture<T> implements RunnableFuture<T> {
        private final Callable<T> callable;
        private volatile CompletableFuture<T> inPool;

        RemoteTask(Callable<T> callable) {
            this.callable = callable;
        }

        void start(ProcessPool pool) {
            CompletableFuture<T> task = pool.dispatcher.submit(Kind.CALL, callable, null, this);
            inPool = task;
            task.whenComplete((value, error) -> {
                if (error != null) {
                    completeExceptionally(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
                } else {
                    complete(value);
                }
            });
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            CompletableFuture<T> task = inPool;
            if (task != null && !isDone() && !task.cancel(mayInterruptIfRunning)) {
                return false;
            }
            return super.cancel(mayInterruptIfRunning);
        }

        @Override
        public void run() {
            CompletableFuture<T> task = inPool;
            if (task instanceof RunnableFuture<?> runnable) {
                runnable.run(); // completes this through start's whenComplete
            } else if (!isDone()) {
                try {
                    complete(callable.call());
                } catch (Throwable t) {
                    completeExceptionally(t);
                }
            }
        }
    }

    // ---- chunks

    private int defaultChunkSize(int count) {
        int chunks = 4 * processes();
        return Math.max(1, (count + chunks - 1) / chunks);
    }

    private <A, R> List<CompletableFuture<List<R>>> submitChunks(Kind kind, Object function, List<A> arguments, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be >= 1, not " + chunkSize);
        }
        List<CompletableFuture<List<R>>> chunks = new ArrayList<>();
        for (int from = 0; from < arguments.size(); from += chunkSize) {
            List<A> chunk = new ArrayList<>(arguments.subList(from, Math.min(arguments.size(), from + chunkSize)));
            chunks.add(dispatcher.submit(kind, function, chunk));
        }
        return chunks;
    }

    private <A, R> CompletableFuture<List<R>> joinChunks(List<CompletableFuture<List<R>>> chunks) {
        return CompletableFuture.allOf(chunks.toArray(new CompletableFuture<?>[0])).thenApply(ignored -> {
            List<R> results = new ArrayList<>();
            for (CompletableFuture<List<R>> chunk : chunks) {
                results.addAll(chunk.join());
            }
            return results;
        });
    }

    /** Options for a pool. */
    public static final class Builder {
        private String name = "ProcessPool-" + POOLS.incrementAndGet();
        private int processes = JvmProcess.cpuCount();
        private ProcessTarget initializer;
        private ProcessTarget workerExit;
        private ProcessBuilder.Redirect workerOutput;
        private int maxTasksPerChild;
        private StartMethod startMethod;
        private Duration taskTimeout;

        public Builder processes(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a pool needs at least one process, not " + count);
            }
            this.processes = count;
            return this;
        }

        public Builder name(String poolName) {
            this.name = poolName;
            return this;
        }

        /** Runs once in each worker before its first task (Python's {@code initializer=}). */
        public Builder initializer(ProcessTarget target) {
            this.initializer = target;
            return this;
        }

        /**
         * Runs in each worker when it leaves on its own (the pool shut down, or {@code maxTasksPerChild} reached),
         * after its last result went out and before the pool counts it gone (mpire's {@code worker_exit}); not
         * when it is killed ({@code terminate}, a timeout, {@code cancel(true)}). Its exception is printed.
         */
        public Builder workerExit(ProcessTarget target) {
            this.workerExit = target;
            return this;
        }

        /** A worker exits after this many tasks and is replaced (Python's {@code maxtasksperchild}); 0 = never. */
        public Builder maxTasksPerChild(int tasks) {
            if (tasks < 0) {
                throw new IllegalArgumentException("maxTasksPerChild must be >= 0, not " + tasks);
            }
            this.maxTasksPerChild = tasks;
            return this;
        }

        /**
         * Every task of the pool (a map chunk is one task) may run this long once started; past it, its worker is
         * killed and replaced and the task fails with {@link TaskTimeoutException}. Queued time does not count,
         * and a task is killed at most a tenth of the timeout (between 1 and 50 ms) after it ran out.
         */
        public Builder taskTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("a task timeout must be positive, not " + timeout);
            }
            this.taskTimeout = timeout;
            return this;
        }

        /**
         * Where the workers' stdout and stderr go: this JVM's by default, or a file
         * ({@code Redirect.appendTo(file)}), or nowhere ({@code Redirect.DISCARD}). Anything but the default starts
         * workers with {@link StartMethod#SPAWN}.
         */
        public Builder workerOutput(ProcessBuilder.Redirect redirect) {
            if (redirect == ProcessBuilder.Redirect.PIPE) {
                throw new IllegalArgumentException("a pool's workers cannot pipe their output to it; use a file or DISCARD");
            }
            this.workerOutput = redirect;
            return this;
        }

        public Builder startMethod(StartMethod method) {
            this.startMethod = method;
            return this;
        }

        public ProcessPool build() {
            return new ProcessPool(this);
        }
    }
}
