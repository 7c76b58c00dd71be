package org.ipc4j.bench.suite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A non-Java measurement (the C floor, the Python peers): skipped with a note when its tool is missing.
 * Its stderr carries {@code @progress} lines; its stdout goes to {@code stdoutFile} when given.
 */
abstract class ProcessStep implements Step {
    /** The tool on the PATH, or null if it is missing. */
    static Path onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Runs {@code command}; fails with its stderr if it exits non-zero. */
    static void execute(List<String> command, Path stdoutFile, StepEnv env, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (stdoutFile != null) {
            Files.createDirectories(stdoutFile.getParent());
            builder.redirectOutput(stdoutFile.toFile());
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process process = builder.start();
        process.getOutputStream().close();
        List<String> errors = new ArrayList<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    errors.add(line);
                    env.progress().accept(line);
                }
            } catch (IOException ignored) {
                // process ended
            }
        });
        pump.setDaemon(true);
        pump.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
        }
        pump.join(5_000);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ":\n"
                    + String.join("\n", errors));
        }
    }
}
