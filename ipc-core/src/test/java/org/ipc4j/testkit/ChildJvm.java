package org.ipc4j.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A separately launched JVM running a main class with this JVM's class path, for cross-process tests.
 *
 * <p>It inherits the ipc4j system properties (directory, futex and liveness choice, timeouts), merges
 * stderr into stdout, keeps every line it prints, can wait for a line, and can be killed with SIGKILL at a
 * chosen moment. Every child started is remembered so that {@link SharedDirExtension} can fail a test class
 * that leaves one running.
 */
public final class ChildJvm implements AutoCloseable {
    private static final Set<ChildJvm> LAUNCHED = ConcurrentHashMap.newKeySet();
    private static final String[] INHERITED_PROPERTIES = {
        "ipc4j.dir", "ipc4j.futex", "ipc4j.liveness", "ipc4j.native", "ipc4j.openTimeoutMillis", "ipc4j.wait"};

    private final String description;
    private final Process process;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;

    private ChildJvm(String description, Process process) {
        this.description = description;
        this.process = process;
        this.reader = new Thread(this::pump, "child-" + process.pid() + "-output");
        this.reader.setDaemon(true);
        this.reader.start();
        LAUNCHED.add(this);
    }

    /** Starts {@code mainClass} with {@code args} in a new JVM. */
    public static ChildJvm start(Class<?> mainClass, String... args) {
        return builder(mainClass).args(args).start();
    }

    public static Builder builder(Class<?> mainClass) {
        return new Builder(mainClass.getName());
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** A copy of every line printed so far. */
    public List<String> lines() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    public String output() {
        return String.join("\n", lines());
    }

    /** Waits for a line that matches, returning it; fails with the output so far if none comes in time. */
    public String awaitLine(Predicate<String> matches, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (true) {
            synchronized (lines) {
                for (; seen < lines.size(); seen++) {
                    if (matches.test(lines.get(seen))) {
                        return lines.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(description + ": no matching line within " + timeout + "; output:\n" + output());
                }
                if (!process.isAlive() && !reader.isAlive() && seen == lines.size()) {
                    throw new AssertionError(description + " exited (" + process.exitValue()
                            + ") before printing a matching line; output:\n" + output());
                }
                try {
                    lines.wait(Math.max(1, Math.min(50, TimeUnit.NANOSECONDS.toMillis(left))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** Waits for a line starting with {@code prefix}. */
    public String awaitLineStartingWith(String prefix, Duration timeout) {
        return awaitLine(line -> line.startsWith(prefix), timeout);
    }

    /** Waits for the JVM to exit, returning its exit code; kills it and fails if it takes longer. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(description + " did not exit within " + timeout + "; killed. Output:\n" + output());
            }
            reader.join(5_000);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Waits for a clean exit (code 0), failing with the output otherwise. */
    public void assertSuccess(Duration timeout) {
        int code = waitFor(timeout);
        if (code != 0) {
            throw new AssertionError(description + " exited with " + code + "; output:\n" + output());
        }
    }

    /**
     * SIGKILL, then wait until the kernel has reaped it and every line it wrote has been read. Through the
     * ProcessHandle: {@code Process.destroyForcibly()} also closes our end of its output, and the lines still
     * in the pipe would be lost.
     */
    public void kill9() {
        process.toHandle().destroyForcibly();
        try {
            process.waitFor();
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends {@code name} (STOP, CONT, ...) with kill(1) and waits for kill to return. */
    public void signal(String name) {
        try {
            int code = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).start().waitFor();
            if (code != 0) {
                throw new AssertionError("kill -" + name + " " + pid() + " exited with " + code);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted sending SIG" + name, e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill9();
        }
        LAUNCHED.remove(this);
    }

    /** Children that are still running; each is killed and forgotten. */
    static List<String> killStragglers() {
        List<String> stragglers = new ArrayList<>();
        for (ChildJvm child : LAUNCHED) {
            if (child.isAlive()) {
                stragglers.add(child.description + " (pid " + child.pid() + ")");
                child.kill9();
            }
            LAUNCHED.remove(child);
        }
        return stragglers;
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException ignored) {
            // the child is gone
        } finally {
            synchronized (lines) {
                lines.notifyAll();
            }
        }
    }

    @Override
    public String toString() {
        return description + " pid " + pid();
    }

    /** Null if a child can be given a PID namespace of its own here, else why not (for a test's skip message). */
    public static String whyNoNewPidNamespace() {
        try {
            Process probe = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", "--kill-child", "true")
                    .redirectErrorStream(true).start();
            String output = new String(probe.getInputStream().readAllBytes()).trim();
            if (!probe.waitFor(10, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return "unshare --pid did not finish within 10 s";
            }
            return probe.exitValue() == 0 ? null : "unshare --pid --mount-proc failed (needs root): " + output;
        } catch (IOException e) {
            return "no unshare(1) here: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The module exports and opens this JVM was started with (ipc-net's tests need Agrona's): children get them too. */
    private static final List<String> EXPORTS_OF_THIS_JVM = exportsOfThisJvm();

    private static List<String> exportsOfThisJvm() {
        List<String> flags = new ArrayList<>();
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("--add-exports=") || argument.startsWith("--add-opens=")) {
                flags.add(argument);
            }
        }
        return flags;
    }

    /** Options for a child JVM. */
    public static final class Builder {
        private final String mainClass;
        private final List<String> args = new ArrayList<>();
        private final List<String> jvmArgs = new ArrayList<>();
        private String umask;
        private boolean newPidNamespace;
        private String networkNamespace;
        private Path javaHome = Path.of(System.getProperty("java.home"));

        private Builder(String mainClass) {
            this.mainClass = mainClass;
        }

        public Builder args(String... values) {
            args.addAll(List.of(values));
            return this;
        }

        public Builder jvmArgs(String... values) {
            jvmArgs.addAll(List.of(values));
            return this;
        }

        public Builder property(String key, String value) {
            jvmArgs.add("-D" + key + "=" + value);
            return this;
        }

        /** Runs the child under this umask (octal, e.g. "000"), through /bin/sh. */
        public Builder umask(String octal) {
            this.umask = octal;
            return this;
        }

        /**
         * Runs the child as pid 1 of a PID namespace of its own, with its own /proc, sharing everything else
         * ({@code unshare --pid --fork --mount-proc --kill-child}; needs root: see {@link ChildJvm#whyNoNewPidNamespace}).
         * {@link #pid()} is then unshare's pid, and {@link #kill9()} kills the child with it.
         */
        public Builder inNewPidNamespace() {
            this.newPidNamespace = true;
            return this;
        }

        /** Runs the child in the network namespace {@code name} ({@code ip netns exec}; see {@link NetworkNamespaces}). */
        public Builder inNetworkNamespace(String name) {
            this.networkNamespace = name;
            return this;
        }

        /** Runs the child on the JDK at {@code home} instead of the test's own. */
        public Builder javaHome(Path home) {
            this.javaHome = home;
            return this;
        }

        public ChildJvm start() {
            List<String> command = new ArrayList<>();
            if (networkNamespace != null) {
                command.addAll(List.of("ip", "netns", "exec", networkNamespace));
            }
            if (newPidNamespace) {
                command.addAll(List.of("unshare", "--pid", "--fork", "--mount-proc", "--kill-child"));
            }
            if (umask != null) {
                command.addAll(List.of("/bin/sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
            }
            command.add(javaHome.resolve("bin").resolve("java").toString());
            // Small, quick-starting children: tests start hundreds of them.
            command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xmx128m",
                    "-XX:-UsePerfData", "-Xshare:auto", "--enable-native-access=ALL-UNNAMED"));
            for (String key : INHERITED_PROPERTIES) {
                String value = System.getProperty(key);
                if (value != null) {
                    command.add("-D" + key + "=" + value);
                }
            }
            command.addAll(EXPORTS_OF_THIS_JVM);
            command.addAll(jvmArgs);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(mainClass);
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            try {
                Process process = builder.start();
                String simpleName = mainClass.substring(mainClass.lastIndexOf('.') + 1);
                return new ChildJvm(simpleName + " " + String.join(" ", args), process);
            } catch (IOException e) {
                throw new AssertionError("cannot start a child JVM: " + e, e);
            }
        }
    }
}
