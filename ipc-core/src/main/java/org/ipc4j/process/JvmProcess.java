package org.ipc4j.process;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.ipc4j.channel.PipeHandover;
import org.ipc4j.os.Os;
import org.ipc4j.os.ProcessId;
import org.ipc4j.os.ProcessIdentity;
import org.ipc4j.os.Signals;
import org.ipc4j.wait.FutexWord;
import org.ipc4j.wait.Readiness;
import org.ipc4j.wait.WaitSet;
import org.ipc4j.wait.WaitStrategies;
import org.ipc4j.wait.Waitable;

/**
 * A child JVM running a target: Python's {@code multiprocessing.Process}.
 *
 * <pre>{@code
 *   JvmProcess p = JvmProcess.start(() -> work(queue, 5));   // or new MyProcess().start()
 *   p.join();
 *   System.out.println(p.exitCode());
 * }</pre>
 *
 * Either give a {@link ProcessTarget} (a serialisable lambda) or subclass and override {@link #run()}; the
 * object itself, with its non-transient fields, is serialised to the child, where shared objects among
 * them attach to the same memory. Exit codes follow Python: {@code null} while running, 0 on success, 1
 * on an uncaught exception, the argument of {@code System.exit}, and {@code -N} when killed by signal N
 * ({@link #exitCode()} says how the two are told apart).
 */
public class JvmProcess implements Serializable, Waitable {
    private static final long serialVersionUID = 1L;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile StartMethod defaultStartMethod = StartMethod.SPAWN;
    private static volatile JvmProcess current;
    private static volatile long parentPid = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L);
    /** The start time of the parent that started this JVM as a child; 0 in a JVM no JvmProcess started. */
    private static volatile long parentStartTime;
    /** The children this JVM started that may still run: {@link #activeChildren()}. */
    private static final Set<JvmProcess> CHILDREN = ConcurrentHashMap.newKeySet();

    private final ProcessTarget target;
    private String name;
    private boolean daemon;

    private transient StartMethod startMethod;
    private transient List<String> jvmArgs = new ArrayList<>();
    private transient Map<String, String> environment = new HashMap<>();
    private transient ProcessBuilder.Redirect output = ProcessBuilder.Redirect.INHERIT;
    private transient Process process;
    private transient Path exitRecord;
    private transient Integer exitCode;
    /** Threads in a {@link WaitSet} wait that this child's exit unparks. */
    private final transient Set<Thread> exitWaiters = ConcurrentHashMap.newKeySet();
    /** What a child started with {@link #captureOutput()} printed, and the thread that copies it here. */
    private transient ByteArrayOutputStream captured;
    private transient Thread outputCopier;
    private transient boolean inChild;

    /** A process that runs {@code target}. */
    public JvmProcess(ProcessTarget target) {
        this.target = target;
        this.name = "JvmProcess-" + COUNTER.incrementAndGet();
    }

    /** For subclasses that override {@link #run()}. */
    protected JvmProcess() {
        this(null);
    }

    /** Creates and starts a process running {@code target}. */
    public static JvmProcess start(ProcessTarget target) {
        JvmProcess process = new JvmProcess(target);
        process.start();
        return process;
    }

    /** What the child runs; the default runs the target given to the constructor. */
    public void run() throws Exception {
        if (target != null) {
            target.run();
        }
    }

    /** Starts the child JVM; the target is serialised now. */
    public final synchronized JvmProcess start() {
        if (inChild) {
            throw new IllegalStateException(name + " is the running process itself; it cannot be started again");
        }
        if (process != null) {
            throw new IllegalStateException("cannot start " + name + " twice (pid " + process.pid() + ")");
        }
        StartMethod method = startMethod != null ? startMethod : defaultStartMethod;
        boolean customised = !jvmArgs.isEmpty() || !environment.isEmpty() || output != ProcessBuilder.Redirect.INHERIT;
        boolean warm = method == StartMethod.WARM && !customised;
        // The JVM first, the target second: serialising hands shared objects (pipe ends) over to the child,
        // so it must not happen unless a child is there to take them.
        Process child = warm ? WarmSpares.take() : spawn();
        Set<String> classNames = new HashSet<>();
        Path record = ExitRecords.create();
        final ChildPayload payload;
        try {
            ProcessId me = Os.currentProcess();
            // pipe ends in the target stay alive in transit while this child runs (PipeHandover)
            byte[] target = PipeHandover.to(idOf(child), () -> Serialization.toBytes(this, name, classNames));
            payload = new ChildPayload(name, daemon, me.pid(), me.startTime(), record == null ? "" : record.toString(),
                    ChildCommand.ipc4jProperties(), target);
        } catch (RuntimeException e) {
            ExitRecords.discard(record);
            dismiss(child);
            throw e;
        }
        try {
            boolean handedOver = handOver(child, payload);
            if (!handedOver && warm) {
                // the spare died after it was taken: a fresh JVM takes its place
                child = spawn();
                handedOver = handOver(child, payload);
            }
            if (!handedOver) {
                throw new UncheckedIOException(new IOException("cannot hand " + name + " to its JVM (pid " + child.pid() + ")"));
            }
        } catch (RuntimeException e) {
            ExitRecords.discard(record);
            throw e;
        }
        process = child;
        exitRecord = record;
        CHILDREN.add(this);
        if (output == ProcessBuilder.Redirect.PIPE) {
            copyOutput(child);
        }
        // read the record as soon as the child ends, so that it is deleted even if nobody asks for the code
        child.onExit().thenRun(() -> {
            CHILDREN.remove(this);
            collectExitCode();
            exitWaiters.forEach(LockSupport::unpark);
        });
        if (warm) {
            WarmSpares.remember(classNames);
        }
        return this;
    }

    /** The child by pid and start time, or {@link ProcessIdentity#NONE} if its start time cannot be read (it ended already). */
    private static long idOf(Process child) {
        long startTime = Os.liveness().startTime(child.pid());
        return startTime > 0 ? ProcessIdentity.started(child.pid(), startTime, Os.liveness()) : ProcessIdentity.NONE;
    }

    /** Writes the payload to the child's stdin; false (and the child destroyed) if that fails. */
    private static boolean handOver(Process child, ChildPayload payload) {
        try (OutputStream stdin = child.getOutputStream(); DataOutputStream out = new DataOutputStream(stdin)) {
            out.writeByte(ChildBootstrap.PAYLOAD);
            payload.writeTo(out);
            return true;
        } catch (IOException e) {
            child.destroyForcibly();
            return false;
        }
    }

    /** A child that will not be used: EOF on its stdin makes it exit 0. */
    private static void dismiss(Process child) {
        try {
            child.getOutputStream().close();
        } catch (IOException e) {
            child.destroyForcibly();
        }
    }

    private Process spawn() {
        ProcessBuilder builder = new ProcessBuilder(ChildCommand.build(jvmArgs, false))
                .redirectOutput(output)
                .redirectError(output == ProcessBuilder.Redirect.INHERIT ? ProcessBuilder.Redirect.INHERIT : output);
        if (output != ProcessBuilder.Redirect.INHERIT) {
            builder.redirectErrorStream(true);
        }
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JVM for " + name, e);
        }
    }

    public final String name() {
        return name;
    }

    public final JvmProcess setName(String name) {
        ensureNotStarted("rename");
        this.name = name;
        return this;
    }

    public final boolean isDaemon() {
        return daemon;
    }

    /** A daemon child dies when its parent dies, even if the parent is killed with SIGKILL. */
    public final JvmProcess setDaemon(boolean daemon) {
        ensureNotStarted("change the daemon flag of");
        this.daemon = daemon;
        return this;
    }

    /** Start this process with {@code method} instead of the global default. */
    public final JvmProcess startMethod(StartMethod method) {
        ensureNotStarted("change the start method of");
        this.startMethod = method;
        return this;
    }

    /** Extra JVM options for the child (forces {@link StartMethod#SPAWN}). */
    public final JvmProcess jvmArgs(String... args) {
        ensureNotStarted("change the JVM options of");
        jvmArgs.addAll(List.of(args));
        return this;
    }

    /** Extra environment variables for the child (forces {@link StartMethod#SPAWN}). */
    public final JvmProcess environment(Map<String, String> variables) {
        ensureNotStarted("change the environment of");
        environment.putAll(variables);
        return this;
    }

    /** Where the child's stdout and stderr go; default: this JVM's (forces SPAWN when changed). */
    public final JvmProcess redirectOutput(ProcessBuilder.Redirect redirect) {
        ensureNotStarted("redirect the output of");
        this.output = redirect;
        return this;
    }

    /**
     * Keeps what the child prints (stdout and stderr, merged) in memory, for {@link #capturedOutput()}, instead
     * of passing it to this JVM's output (forces {@link StartMethod#SPAWN}).
     */
    public final JvmProcess captureOutput() {
        ensureNotStarted("capture the output of");
        this.output = ProcessBuilder.Redirect.PIPE;
        return this;
    }

    /** What a child started with {@link #captureOutput()} has printed so far; all of it once the child has ended. */
    public final String capturedOutput() throws InterruptedException {
        ensureStarted("read the output of");
        if (outputCopier == null) {
            throw new IllegalStateException(name + " does not capture its output: call captureOutput() before start()");
        }
        if (!process.isAlive()) {
            outputCopier.join(TimeUnit.SECONDS.toMillis(5)); // the end of the stream comes just after the exit
        }
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    private void copyOutput(Process child) {
        captured = new ByteArrayOutputStream();
        ByteArrayOutputStream into = captured;
        outputCopier = new Thread(() -> {
            byte[] chunk = new byte[8192];
            try (InputStream from = child.getInputStream()) {
                for (int n; (n = from.read(chunk)) >= 0; ) {
                    synchronized (into) {
                        into.write(chunk, 0, n);
                    }
                }
            } catch (IOException e) {
                // the child's end closed: what it printed is kept
            }
        }, "ipc4j-output-" + name);
        outputCopier.setDaemon(true);
        outputCopier.start();
    }

    /** The child's pid: null before start; in the child, its own pid. */
    public final Long pid() {
        if (inChild) {
            return ProcessHandle.current().pid();
        }
        return process == null ? null : process.pid();
    }

    public final boolean isAlive() {
        return inChild || (process != null && process.isAlive());
    }

    /** Waits for the child to end. */
    public final void join() throws InterruptedException {
        ensureStarted("join");
        process.waitFor();
    }

    /** Waits at most {@code timeout}; returns whether the child ended. */
    public final boolean join(Duration timeout) throws InterruptedException {
        ensureStarted("join");
        return process.waitFor(WaitStrategies.nanosUpToForever(timeout), TimeUnit.NANOSECONDS);
    }

    /** For {@link WaitSet}: ready once the child has ended (Python's {@code sentinel}). */
    @Override
    public final Readiness readiness() {
        ensureStarted("wait for");
        Process child = process;
        return new Readiness() {
            @Override
            public boolean isReady() {
                return !child.isAlive();
            }

            @Override
            public FutexWord word() {
                return null;
            }

            @Override
            public void unparkWhenReady(Thread waiter) {
                exitWaiters.add(waiter);
            }

            @Override
            public void stopUnparking(Thread waiter) {
                exitWaiters.remove(waiter);
            }
        };
    }

    /** Completes with this process when its JVM has ended. */
    public final CompletableFuture<JvmProcess> onExit() {
        ensureStarted("watch the exit of");
        return process.onExit().thenApply(ended -> this);
    }

    /**
     * Null while running (or before start), else the exit code: {@code n} after {@code System.exit(n)}, for
     * every n; {@code -N} after death by signal N, including the JVM's own shutdown on SIGTERM, SIGINT and SIGHUP
     * (all of which the JDK reports as 128 + N). A status above 128 from {@code Runtime.halt} reads as a signal;
     * a child killed while its shutdown hooks run reports 128 + N.
     */
    public final Integer exitCode() {
        if (process == null || process.isAlive()) {
            return null;
        }
        return collectExitCode();
    }

    /** The JDK reports death by signal N as 128 + N, like {@code System.exit(128 + N)}; the child's record tells them apart. */
    private synchronized Integer collectExitCode() {
        if (exitCode == null) {
            exitCode = ExitRecords.exitCode(process.exitValue(), exitRecord);
            exitRecord = null;
        }
        return exitCode;
    }

    /**
     * SIGINT (Python 3.14's {@code interrupt()}): the child runs its shutdown hooks and ends with exit code -2,
     * unless it handles the signal itself. Nothing happens if it has ended.
     */
    public final void interrupt() {
        ensureStarted("interrupt");
        if (process.isAlive()) {
            Signals.send(process.pid(), Signals.SIGINT); // false: it ended since it was seen alive, nothing to do
        }
    }

    /** SIGTERM: the child runs its shutdown hooks and ends with exit code -15. */
    public final void terminate() {
        ensureStarted("terminate");
        process.destroy();
    }

    /** SIGKILL: exit code -9. */
    public final void kill() {
        ensureStarted("kill");
        process.destroyForcibly();
    }

    private void ensureStarted(String action) {
        if (process == null) {
            throw new IllegalStateException("cannot " + action + " " + name + ": it was never started");
        }
    }

    private void ensureNotStarted(String action) {
        if (process != null || inChild) {
            throw new IllegalStateException("cannot " + action + " " + name + " after it started");
        }
    }

    // ---- Python's current_process() / os.getppid() / set_start_method()

    /** The running process: in a child, the object whose {@link #run()} is executing; else "MainProcess". */
    public static JvmProcess current() {
        JvmProcess c = current;
        if (c == null) {
            synchronized (JvmProcess.class) {
                if (current == null) {
                    JvmProcess main = new JvmProcess((ProcessTarget) null);
                    COUNTER.decrementAndGet();
                    main.name = "MainProcess";
                    main.inChild = true;
                    current = main;
                }
                c = current;
            }
        }
        return c;
    }

    /** The children this JVM started that are still running (Python's {@code active_children()}), pool workers included. */
    public static List<JvmProcess> activeChildren() {
        List<JvmProcess> running = new ArrayList<>();
        for (JvmProcess child : CHILDREN) {
            if (child.isAlive()) {
                running.add(child);
            }
        }
        return running;
    }

    /**
     * The process that started this one as a {@code JvmProcess} (Python's {@code parent_process()}), while it
     * runs; empty in a JVM started otherwise, and once that parent has ended.
     */
    public static Optional<ProcessHandle> parentProcess() {
        long start = parentStartTime;
        if (start == 0 || !Os.liveness().isAlive(parentPid, start)) {
            return Optional.empty();
        }
        return ProcessHandle.of(parentPid);
    }

    /**
     * The CPUs this process may use (Python 3.13's {@code process_cpu_count()}): the JVM's count, which on Linux
     * follows the affinity mask ({@code taskset}) and a container's CPU quota. The pool's default size.
     */
    public static int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** This process's parent pid (Python's {@code os.getppid()}). */
    public static long parentPid() {
        return parentPid;
    }

    /** Sets the start method used when a process does not choose one; WARM starts spares now. */
    public static void setStartMethod(StartMethod method) {
        defaultStartMethod = method;
        if (method == StartMethod.WARM) {
            WarmSpares.fill();
        }
    }

    public static StartMethod getStartMethod() {
        return defaultStartMethod;
    }

    /** Stops the warm spare JVMs this process keeps (they are also stopped when it exits). */
    public static void shutdownWarmSpares() {
        WarmSpares.shutdown();
    }

    static void becomeChild(ChildPayload payload) {
        parentPid = payload.parentPid();
        parentStartTime = payload.parentStartTime();
        COUNTER.set(0);
    }

    static void setCurrent(JvmProcess process) {
        process.inChild = true;
        current = process;
    }

    @Override
    public String toString() {
        Integer code = exitCode();
        String state = inChild ? "running" : process == null ? "initial" : code == null ? "started" : "stopped exitcode=" + code;
        return "<" + getClass().getSimpleName() + " name='" + name + "' " + state + (daemon ? " daemon" : "")
                + (pid() != null ? " pid=" + pid() : "") + ">";
    }
}
