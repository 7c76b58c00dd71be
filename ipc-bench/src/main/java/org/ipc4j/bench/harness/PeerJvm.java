package org.ipc4j.bench.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A JVM started by the benchmarks: {@code [taskset -c N] java <flags> -cp <this class path> <main> <args>}.
 * Keeps every line it prints (stderr merged), hands each to an optional listener, and talks to it over
 * stdin: {@link PeerProtocol} lines, and end-of-file tells it that its starter has gone.
 */
public final class PeerJvm implements AutoCloseable {
    private final String description;
    private final Process process;
    private final OutputStream stdin;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Consumer<String> listener;

    private PeerJvm(String description, Process process, Consumer<String> listener) {
        this.description = description;
        this.process = process;
        this.stdin = process.getOutputStream();
        this.listener = listener;
        Thread pump = new Thread(this::pump, "output-of-" + process.pid());
        pump.setDaemon(true);
        pump.start();
    }

    public static Builder builder(String mainClass) {
        return new Builder(mainClass);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /** Waits for a line equal to {@code expected}; fails with the output if the JVM exits or time runs out. */
    public void awaitLine(String expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            synchronized (lines) {
                if (lines.contains(expected)) {
                    return;
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(description + " exited (" + process.exitValue() + ") before printing '"
                        + expected + "':\n" + output());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(description + " did not print '" + expected + "' within " + timeout
                        + ":\n" + output());
            }
            sleepMillis(5);
        }
    }

    public void send(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(description + " no longer reads its input", e);
        }
    }

    /** Waits for the exit code; kills the JVM and fails if it takes longer than {@code timeout}. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException(description + " did not exit within " + timeout + " (killed):\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted waiting for " + description, e);
        }
    }

    /** Closes its input (its cue to exit), then kills it if it is still running after a grace period. */
    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // the process is gone already
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void pump() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                if (listener != null) {
                    listener.accept(line);
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static final class Builder {
        private final String mainClass;
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private List<String> prefix = List.of();
        private Consumer<String> listener;
        private Path workingDirectory;

        private Builder(String mainClass) {
            this.mainClass = mainClass;
        }

        public Builder jvmArgs(List<String> flags) {
            jvmArgs.addAll(flags);
            return this;
        }

        public Builder property(String key, String value) {
            jvmArgs.add("-D" + key + "=" + value);
            return this;
        }

        public Builder args(List<String> values) {
            args.addAll(values);
            return this;
        }

        /** A command prefix such as {@code taskset -c 1}. */
        public Builder prefix(List<String> command) {
            prefix = List.copyOf(command);
            return this;
        }

        public Builder listener(Consumer<String> lineListener) {
            listener = lineListener;
            return this;
        }

        public Builder workingDirectory(Path dir) {
            workingDirectory = dir;
            return this;
        }

        public PeerJvm start() {
            List<String> command = new ArrayList<>(prefix);
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // ipc4j and JNA make native calls: without this JDK 22+ warns (java.lang.foreign, and shared memory takes
            // the slower path) and 24+ warns for JNA; 17-21 accept it silently
            command.add("--enable-native-access=ALL-UNNAMED");
            command.addAll(jvmArgs);
            for (String inherited : List.of("ipc4j.dir", "ipc4j.futex", "ipc4j.native")) {
                String value = System.getProperty(inherited);
                if (value != null && jvmArgs.stream().noneMatch(a -> a.startsWith("-D" + inherited + "="))) {
                    command.add("-D" + inherited + "=" + value);
                }
            }
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(mainClass);
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (workingDirectory != null) {
                builder.directory(workingDirectory.toFile());
            }
            try {
                String name = mainClass.substring(mainClass.lastIndexOf('.') + 1);
                return new PeerJvm(name, builder.start(), listener);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + command, e);
            }
        }
    }
}
